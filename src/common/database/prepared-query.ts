import { sql, type AnyColumn, type Query, type SQL } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import type { ClinicId } from '../auth/caller';
import type { Db } from './database';
import { byTenantKey, type TenantKeyed } from './tenant-key';

/** What drizzle's query builders return from `.prepare(name)`. */
interface Preparable<R> {
  prepare(name: string): { execute(values?: Record<string, unknown>): Promise<R> };
}

type Session = Db['_']['session'];
type PrepareArgs = Parameters<Session['prepareQuery']>;

/** The session as `capture` handles it: one method, whatever its generic signature. */
interface PreparingSession {
  prepareQuery(...args: PrepareArgs): unknown;
}

interface Built {
  args: PrepareArgs;
  joinsNotNullableMap: unknown;
}

const names = new Set<string>();

/**
 * Whether prepared queries run as named statements (DATABASE_PREPARED_STATEMENTS): set by
 * openDatabase for the process's one database. Off, each runs as the unnamed statement, still
 * with its SQL built once: what a pooler in transaction mode that does not track named
 * statements (PgBouncer before 1.21) needs, since the next transaction may land on a server
 * connection that never saw the statement (docs/scaling.md).
 */
let namedStatements = true;

export function useNamedStatements(enabled: boolean): void {
  namedStatements = enabled;
}

/**
 * A query whose SQL is built once, for the routes every request takes.
 *
 * Drizzle builds a query's SQL text from its builder on every execution, and that building is
 * the largest cost of a request in this service (about a quarter of the server's CPU on the hot
 * routes, docs/performance.md). A prepared query is built on its first run, with
 * `sql.placeholder(name)` where the values go, and then runs the same text on whatever handle it
 * is given — the pool or a use case's transaction — as a named statement, which PostgreSQL also
 * parses once per connection.
 *
 * `build` must be a pure function of the handle: the values come only through placeholders.
 *
 * Drizzle's public `.prepare(name)` binds a query to the handle it was built on, so it cannot
 * serve a use case's transaction; this goes through the session's `prepareQuery` instead, which
 * is drizzle's internal API. drizzle-orm is pinned to an exact version for it, and
 * test/prepared-query.test.ts checks what is used here (docs/performance.md).
 */
export function preparedQuery<V extends Record<string, unknown>, R>(
  name: string,
  build: (db: Db) => Preparable<R>,
): (db: Db, values: V) => Promise<R> {
  // PostgreSQL keys named statements by name per connection: two texts under one name would clash.
  if (names.has(name)) throw new Error(`prepared query "${name}" is defined twice`);
  names.add(name);
  const statementName = `contour_${name}`;
  let built: Built | undefined;

  return async (db, values) => {
    const session = db._.session;
    built ??= capture(session, () => build(db).prepare(statementName));
    let args = built.args;
    if (!namedStatements) (args = [...args] as PrepareArgs)[2] = undefined;
    const query = session.prepareQuery(...args) as ReturnType<Session['prepareQuery']> & {
      joinsNotNullableMap: unknown;
    };
    query.joinsNotNullableMap = built.joinsNotNullableMap;
    return (await query.execute(values)) as R;
  };
}

/** Runs `prepare` once, keeping the arguments drizzle passed to the session and what it set after. */
function capture(
  session: PreparingSession,
  prepare: () => { execute(values?: Record<string, unknown>): Promise<unknown> },
): Built {
  let args: PrepareArgs | undefined;
  if (Object.hasOwn(session, 'prepareQuery')) throw new Error('a session already being captured');
  const original = session.prepareQuery.bind(session);
  // Synchronous from here to `finally`: no other request can see the wrapper.
  session.prepareQuery = (...a: PrepareArgs) => {
    args = [...a] as PrepareArgs;
    args[0] = { sql: a[0].sql, params: a[0].params } satisfies Query;
    return original(...a);
  };
  try {
    const prepared = prepare() as unknown as { joinsNotNullableMap?: unknown };
    if (!args) throw new Error('the query builder did not prepare through its session');
    return { args, joinsNotNullableMap: prepared.joinsNotNullableMap };
  } finally {
    // The wrapper is an own property over the prototype's method: removing it restores that.
    delete (session as Partial<PreparingSession>).prepareQuery;
  }
}

/** `column = ANY(:name)`: an IN list in a prepared query, its values one array parameter. */
export function anyOf(column: AnyColumn, name: string): SQL {
  return sql`${column} = any(${sql.placeholder(name)})`;
}

/** A tenant table's row by `(clinic_id, id)`, optionally `FOR UPDATE`: prepared once per table. */
export function preparedRowById<T extends PgTable & TenantKeyed>(
  name: string,
  table: T,
  lock?: 'update',
): (db: Db, clinicId: ClinicId, id: string) => Promise<T['$inferSelect'] | undefined> {
  const query = preparedQuery<{ clinicId: ClinicId; id: string }, T['$inferSelect'][]>(
    name,
    (db) => {
      // Generic over the table, drizzle's select type cannot follow: the row type is the table's.
      const from: PgTable = table;
      const select = db
        .select()
        .from(from)
        .where(byTenantKey(table, sql.placeholder('clinicId'), sql.placeholder('id')));
      return lock ? select.for(lock) : select;
    },
  );
  return async (db, clinicId, id) => (await query(db, { clinicId, id }))[0];
}
