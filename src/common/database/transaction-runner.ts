import { AsyncLocalStorage } from 'node:async_hooks';
import { Inject, Injectable } from '@nestjs/common';
import { invariant } from '../invariant';
import { DATABASE } from './database.tokens';
import type { Database, Db } from './database';

export type IsolationLevel = 'read committed' | 'repeatable read' | 'serializable';

const STRICTNESS: Record<IsolationLevel, number> = {
  'read committed': 0,
  'repeatable read': 1,
  serializable: 2,
};
const RETRYABLE_SQLSTATES = new Set(['40001', '40P01']); // serialization failure, deadlock
const MAX_ATTEMPTS = 3;

/** A transaction as the code running in it sees it. */
interface OpenTransaction {
  readonly db: Db;
  readonly isolationLevel: IsolationLevel;
  /** False once it has ended: a callback that outlives it gets the plain handle again. */
  open: boolean;
}

/** What `runAsOne` decides for the transaction its first `run` left open. */
type Verdict = { commit: (db: Db) => Promise<void> } | { rollback: unknown };

/** A piece of work whose transactions are one (`runAsOne`). */
class OneTransaction {
  /** The transaction the first `run` opened and left open, until `end`. */
  held?: OpenTransaction;
  /** How the held transaction ended: resolves after its COMMIT, rejects after a rollback. */
  ended?: Promise<void>;
  /** True while the first `run`'s own work is in progress (its retries included). */
  opening = false;
  /** True once `runAsOne` has returned: code that outlives it is on its own again. */
  done = false;
  private decide?: (verdict: Verdict) => void;
  readonly verdict = new Promise<Verdict>((resolve) => (this.decide = resolve));

  end(verdict: Verdict): void {
    this.decide?.(verdict);
    this.decide = undefined;
  }
}

interface Context {
  transaction?: OpenTransaction;
  scope?: OneTransaction;
}

/**
 * The one way to open a transaction: `tx.run(async (db) => …)`, once per use case. The open
 * transaction travels with the use case (AsyncLocalStorage), so whatever the use case calls
 * joins it:
 *
 * - `run` inside an open transaction runs its work on that transaction's handle, with no BEGIN of
 *   its own; it commits or rolls back with the outermost run. A joined run may ask the same or a
 *   weaker isolation level (the work then runs under the stronger one); asking a stricter one
 *   than the open transaction's is a programming error (an invariant), since the guarantee it
 *   asks for could not be given.
 * - `db` (the plain handle) inside an open transaction is that transaction's handle: a read in a
 *   use case sees its own writes and never waits for a second connection (PGlite has one).
 * - Serialization failures and deadlocks (40001, 40P01) are retried by the outermost run only,
 *   which runs its work again from the start; the work must have no effects outside the database.
 *
 * Passing the callback's `db` down stays the usual way; a service that calls `tx.db` or `tx.run`
 * itself inside a use case gets the same transaction.
 */
@Injectable()
export class TransactionRunner {
  private readonly context = new AsyncLocalStorage<Context>();

  constructor(@Inject(DATABASE) private readonly database: Database) {}

  /** The open transaction's handle inside one; the plain handle (the pool, autocommit) outside. */
  get db(): Db {
    return this.openTransaction()?.db ?? this.database.db;
  }

  async run<T>(
    work: (db: Db) => Promise<T>,
    options: { isolationLevel?: IsolationLevel } = {},
  ): Promise<T> {
    const isolationLevel = options.isolationLevel ?? 'read committed';
    const joined = this.openTransaction();
    if (joined) {
      invariant(
        STRICTNESS[isolationLevel] <= STRICTNESS[joined.isolationLevel],
        `a ${isolationLevel} transaction cannot join an open ${joined.isolationLevel} one`,
      );
      return work(joined.db);
    }
    const scope = this.liveScope();
    if (scope) return this.openHeld(scope, work, isolationLevel);
    return this.retrying(() =>
      this.database.db.transaction((db) => this.inside(db, isolationLevel, work), {
        isolationLevel,
      }),
    );
  }

  /**
   * A read-only snapshot that may run on the read replica (`DATABASE_READ_URL`): the reports.
   * Without a replica, or inside an open transaction (a read in a write's request sees that
   * write), it is `run`. On the replica it is a READ ONLY transaction of its own that code called
   * from `work` does not join: a `run` or `db` there (an audit row) is on the primary. Conflicts
   * with recovery on the replica (SQLSTATE 40001) are retried as serialization failures are.
   */
  async runReadOnly<T>(
    work: (db: Db) => Promise<T>,
    options: { isolationLevel?: IsolationLevel } = {},
  ): Promise<T> {
    const replica = this.database.replicaDb;
    if (!replica || this.openTransaction() || this.liveScope()) return this.run(work, options);
    const isolationLevel = options.isolationLevel ?? 'read committed';
    return this.retrying(() =>
      replica.transaction((db) => work(db), { isolationLevel, accessMode: 'read only' }),
    );
  }

  /**
   * Runs `body` (a whole request, for the idempotency interceptor) so that its transactions are
   * one: the first `run` in it opens the transaction and hands back its result with the
   * transaction still open; every later `run` and `db` in `body` joins it; after `body` returns,
   * `beforeCommit(db, result)` runs in it and it commits. If `body` opened no transaction,
   * `beforeCommit` gets one of its own. If `body` or `beforeCommit` throws, everything rolls back.
   * A serialization failure or deadlock after the first run handed over its result runs `body`
   * again (the first run's own work retries itself, as any outermost run).
   *
   * Until `body` returns, the held transaction keeps its connection; the writes of a `db` used
   * before the first `run` are autocommitted, as outside any transaction.
   */
  async runAsOne<T>(
    body: () => Promise<T>,
    beforeCommit: (db: Db, result: T) => Promise<void>,
  ): Promise<T> {
    invariant(
      !this.openTransaction() && !this.liveScope(),
      'runAsOne starts outside any transaction',
    );
    for (let attempt = 1; ; attempt++) {
      const scope = new OneTransaction();
      try {
        const result = await this.context.run({ scope }, body);
        invariant(!scope.opening, "a request's transaction opened after its work returned");
        if (scope.held && scope.ended) {
          scope.end({ commit: (db) => beforeCommit(db, result) });
          await scope.ended;
        } else {
          scope.done = true;
          await this.run((db) => beforeCommit(db, result));
        }
        return result;
      } catch (error) {
        const handedOver = scope.held !== undefined;
        if (scope.ended) {
          scope.end({ rollback: error });
          await scope.ended.catch(() => undefined);
        }
        if (!handedOver || attempt >= MAX_ATTEMPTS || !isRetryable(error)) throw error;
      } finally {
        scope.done = true;
      }
    }
  }

  /** The first `run` of a `runAsOne`: its result goes back while its transaction stays open. */
  private async openHeld<T>(
    scope: OneTransaction,
    work: (db: Db) => Promise<T>,
    isolationLevel: IsolationLevel,
  ): Promise<T> {
    invariant(!scope.opening, "a request's transactions run one after another, not at once");
    scope.opening = true;
    try {
      return await this.retrying(async () => {
        let handOver!: (result: T) => void;
        const handedOver = new Promise<T>((resolve) => (handOver = resolve));
        const ended = this.database.db.transaction(
          async (db) => {
            const transaction: OpenTransaction = { db, isolationLevel, open: true };
            try {
              const result = await this.context.run({ transaction }, () => work(db));
              scope.held = transaction;
              scope.ended = ended;
              handOver(result);
              const verdict = await scope.verdict;
              if ('rollback' in verdict) throw verdict.rollback;
              await verdict.commit(db);
            } finally {
              transaction.open = false;
            }
          },
          { isolationLevel },
        );
        // Before the hand-over, `ended` failing is the work failing (and retried); after it,
        // `runAsOne` awaits `ended` and reports what happened.
        return Promise.race([handedOver, ended.then(() => handedOver)]);
      });
    } finally {
      scope.opening = false;
    }
  }

  private async inside<T>(
    db: Db,
    isolationLevel: IsolationLevel,
    work: (db: Db) => Promise<T>,
  ): Promise<T> {
    const transaction: OpenTransaction = { db, isolationLevel, open: true };
    try {
      return await this.context.run({ transaction }, () => work(db));
    } finally {
      transaction.open = false;
    }
  }

  private async retrying<T>(attempt: () => Promise<T>): Promise<T> {
    for (let n = 1; ; n++) {
      try {
        return await attempt();
      } catch (error) {
        if (n >= MAX_ATTEMPTS || !isRetryable(error)) throw error;
      }
    }
  }

  private openTransaction(): OpenTransaction | undefined {
    const context = this.context.getStore();
    const transaction = context?.transaction ?? this.liveScope()?.held;
    return transaction?.open ? transaction : undefined;
  }

  private liveScope(): OneTransaction | undefined {
    const scope = this.context.getStore()?.scope;
    return scope && !scope.done ? scope : undefined;
  }
}

function isRetryable(error: unknown): boolean {
  return RETRYABLE_SQLSTATES.has(sqlState(error) ?? '');
}

/** The SQLSTATE of a database error, looking through Drizzle's wrapping. */
export function sqlState(error: unknown): string | undefined {
  for (let e: unknown = error, depth = 0; e instanceof Error && depth < 4; e = e.cause, depth++) {
    if ('code' in e && typeof e.code === 'string' && /^[0-9A-Z]{5}$/.test(e.code)) return e.code;
  }
  return undefined;
}
