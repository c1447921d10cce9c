import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../database/database';

/** A result as pg-boss reads it: node-postgres's and PGlite's both have `rows`. */
export interface JobSqlResult {
  rows: unknown[];
}

/**
 * Where pg-boss's SQL runs (its `db` option): `executeSql(text, values)`. Text without values
 * may hold several statements (pg-boss's schema and queue commands wrap themselves in
 * BEGIN … COMMIT); text with values is one statement.
 */
export interface JobSql {
  executeSql(text: string, values?: unknown[]): Promise<JobSqlResult>;
}

/**
 * pg-boss's statement run on a Drizzle handle: inside a use case's open transaction, the job is
 * written by that transaction, so it commits or rolls back with the booking. Its `$n`
 * placeholders become Drizzle parameters (`sql.param`: arrays and JSON stay one value).
 */
export function jobSqlOn(db: Db): JobSql {
  return {
    async executeSql(text, values = []) {
      // node-postgres answers a QueryResult, PGlite a Results: both have `rows`.
      const result = (await db.execute(withParams(text, values))) as { rows: unknown[] };
      return { rows: result.rows };
    },
  };
}

function withParams(text: string, values: readonly unknown[]): SQL {
  const chunks: SQL[] = [];
  let last = 0;
  for (const match of text.matchAll(/\$(\d+)/g)) {
    const index = Number(match[1]) - 1;
    if (index < 0 || index >= values.length) continue;
    chunks.push(sql.raw(text.slice(last, match.index)));
    chunks.push(sql`${sql.param(values[index])}`);
    last = match.index + match[0].length;
  }
  chunks.push(sql.raw(text.slice(last)));
  return sql.join(chunks);
}
