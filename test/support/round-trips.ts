import type { PGlite, Transaction } from '@electric-sql/pglite';
import { Client } from 'pg';
import type { Database } from '../../src/common/database/database';

/**
 * Every statement the app sends to its database, over the real driver (issue 21,
 * docs/performance.md "Issue 21: round trips"). On PostgreSQL each is a `pg` Client.query (the
 * pool's, BEGIN, COMMIT, a transaction's statements). On PGlite drizzle runs statements through
 * the client's `query` and a transaction through its `transaction`, whose handle's `query` runs
 * the statements — drizzle's SET TRANSACTION standing for the server's BEGIN — and whose end is
 * one more (COMMIT): the same count on both.
 */
export class StatementCounter {
  private recording: string[] | undefined;
  private readonly restores: (() => void)[] = [];

  constructor(database: Database) {
    if (database.kind === 'postgres') {
      this.restores.push(this.wrap(Client.prototype, 'query'));
      return;
    }
    const client = (database.db as unknown as { $client: PGlite }).$client;
    this.restores.push(this.wrap(client, 'query'));
    const original = client.transaction.bind(client);
    client.transaction = <T>(callback: (tx: Transaction) => Promise<T>) =>
      original(async (tx) => {
        this.wrap(tx, 'query');
        this.wrap(tx, 'exec');
        try {
          return await callback(tx);
        } finally {
          this.recording?.push('COMMIT');
        }
      });
    this.restores.push(() => (client.transaction = original));
  }

  /** The statements `request` ran: each is one round trip. */
  async count<T>(request: () => Promise<T>): Promise<{ result: T; statements: string[] }> {
    const statements: string[] = [];
    this.recording = statements;
    try {
      return { result: await request(), statements };
    } finally {
      this.recording = undefined;
    }
  }

  restore(): void {
    for (const restore of this.restores.splice(0).reverse()) restore();
  }

  /** A method of `target` that records its statements, and the restore of the original. */
  private wrap(target: object, method: string): () => void {
    const original = Reflect.get(target, method) as (...args: unknown[]) => unknown;
    const record = (query: unknown) => {
      const q = query as string | { text?: string } | undefined;
      this.recording?.push(typeof q === 'string' ? q : (q?.text ?? ''));
    };
    Object.defineProperty(target, method, {
      configurable: true,
      writable: true,
      value: function (this: unknown, ...args: unknown[]) {
        record(args[0]);
        return Reflect.apply(original, this, args);
      },
    });
    return () =>
      Object.defineProperty(target, method, {
        configurable: true,
        writable: true,
        value: original,
      });
  }
}

/** How many transactions the statements opened (BEGIN on the server, SET TRANSACTION on PGlite). */
export function transactionsIn(statements: readonly string[]): number {
  return statements.filter((s) => /^\s*(begin|set transaction)\b/i.test(s)).length;
}
