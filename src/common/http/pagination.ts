import { sql, type AnyColumn, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { ValidationFailed } from '../errors/domain-error';

/** `limit` and `cursor`, to spread into every list's query schema (docs/api.md: limit 1–100, default 20). */
export const pageQueryShape = {
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().min(1).max(512).optional(),
};

export interface PageRequest {
  limit: number;
  cursor?: string | undefined;
}

export interface Page<T> {
  data: T[];
  nextCursor: string | null;
}

export function pageSchema<T extends z.ZodType>(item: T) {
  return z.object({ data: z.array(item), nextCursor: z.string().nullable() });
}

export type CursorKey = readonly string[];

/**
 * A keyset page: the repository orders by `columns` (the last one unique, usually the id),
 * reads `limit + 1` rows after the cursor, and `toPage` turns them into `{ data, nextCursor }`.
 * The cursor is opaque to clients: base64url of the last row's key.
 */
export class Keyset {
  constructor(
    private readonly columns: readonly AnyColumn[],
    private readonly direction: 'asc' | 'desc' = 'asc',
  ) {}

  /** The `WHERE` condition for rows after the cursor, or undefined on the first page. */
  after(page: PageRequest): SQL | undefined {
    if (page.cursor === undefined) return undefined;
    const values = decodeCursor(page.cursor, this.columns.length);
    const cols = sql.join(
      this.columns.map((c) => sql`${c}`),
      sql`, `,
    );
    const vals = sql.join(
      values.map((v) => sql`${v}`),
      sql`, `,
    );
    return this.direction === 'asc' ? sql`(${cols}) > (${vals})` : sql`(${cols}) < (${vals})`;
  }

  orderBy(): SQL[] {
    return this.columns.map((c) => (this.direction === 'asc' ? sql`${c} asc` : sql`${c} desc`));
  }

  /** How many rows to read: one more than the page, to know whether another page follows. */
  fetchSize(page: PageRequest): number {
    return page.limit + 1;
  }

  toPage<Row, Out>(
    rows: Row[],
    page: PageRequest,
    keyOf: (row: Row) => CursorKey,
    map: (row: Row) => Out,
  ): Page<Out> {
    const hasMore = rows.length > page.limit;
    const pageRows = hasMore ? rows.slice(0, page.limit) : rows;
    const last = pageRows.at(-1);
    return {
      data: pageRows.map(map),
      nextCursor: hasMore && last !== undefined ? encodeCursor(keyOf(last)) : null,
    };
  }
}

function encodeCursor(key: CursorKey): string {
  return Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');
}

function decodeCursor(cursor: string, arity: number): CursorKey {
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    json = undefined;
  }
  const key = z.array(z.string()).length(arity).safeParse(json);
  if (!key.success) throw ValidationFailed.field('cursor', 'Not a cursor this list returned');
  return key.data;
}
