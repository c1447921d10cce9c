import { Inject, Injectable } from '@nestjs/common';
import { DATABASE } from './database.tokens';
import type { Database, Db } from './database';

export type IsolationLevel = 'read committed' | 'repeatable read' | 'serializable';

/** Runs in a transaction after the use case's work, before commit (e.g. storing an idempotent response). */
export type BeforeCommitHook = (db: Db, result: unknown) => Promise<void>;

const RETRYABLE_SQLSTATES = new Set(['40001', '40P01']); // serialization failure, deadlock
const MAX_ATTEMPTS = 3;

/**
 * The one way to open a transaction. Each use case calls `run` once; the callback gets `db`
 * and passes it down, never opening another. Serialization failures and deadlocks are retried,
 * so the callback must not have effects outside the database.
 */
@Injectable()
export class TransactionRunner {
  private readonly beforeCommit: BeforeCommitHook[] = [];

  constructor(@Inject(DATABASE) private readonly database: Database) {}

  /** The plain handle, for a read that needs no transaction. */
  get db(): Db {
    return this.database.db;
  }

  registerBeforeCommit(hook: BeforeCommitHook): void {
    this.beforeCommit.push(hook);
  }

  async run<T>(
    work: (db: Db) => Promise<T>,
    options: { isolationLevel?: IsolationLevel } = {},
  ): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.database.db.transaction(
          async (db) => {
            const result = await work(db);
            for (const hook of this.beforeCommit) await hook(db, result);
            return result;
          },
          { isolationLevel: options.isolationLevel ?? 'read committed' },
        );
      } catch (error) {
        if (attempt >= MAX_ATTEMPTS || !RETRYABLE_SQLSTATES.has(sqlState(error) ?? '')) throw error;
      }
    }
  }
}

/** The SQLSTATE of a database error, looking through Drizzle's wrapping. */
export function sqlState(error: unknown): string | undefined {
  for (let e: unknown = error, depth = 0; e instanceof Error && depth < 4; e = e.cause, depth++) {
    if ('code' in e && typeof e.code === 'string' && /^[0-9A-Z]{5}$/.test(e.code)) return e.code;
  }
  return undefined;
}
