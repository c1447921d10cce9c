import { and, eq, getTableColumns, inArray, sql, type AnyColumn, type SQL } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import type { ClinicId } from '../auth/caller';
import type { Db } from './database';

/**
 * The rows of a table that belong to a parent record, such as a bill's lines and payments or a
 * payment plan's installments and payments: read for a whole page of parents in one query, in the
 * order given, and written with the parent. Built once per table, beside its repository.
 */
export class ChildRows<T extends PgTable & { clinicId: AnyColumn }> {
  constructor(
    private readonly table: T,
    /** The column that names the parent (`bill_id`, `payment_plan_id`). */
    private readonly parent: AnyColumn,
    private readonly order: readonly SQL[],
  ) {}

  /** The rows of these parents, of this clinic only, in the table's order. */
  async of(db: Db, clinicId: ClinicId, parentIds: readonly string[]): Promise<T['$inferSelect'][]> {
    if (parentIds.length === 0) return [];
    // Generic over the table, drizzle's select type cannot follow: the row type is the table's.
    const from: PgTable = this.table;
    return db
      .select()
      .from(from)
      .where(and(eq(this.table.clinicId, clinicId), inArray(this.parent, [...parentIds])))
      .orderBy(...this.order);
  }

  /**
   * The rows of one parent as a JSON array, in the table's order: a column of the parent's own
   * query, so a record and its children are one round trip (`fromJson` reads it back).
   * `parentId` is the parent's id written out with its table (sql`"bills"."id"`): inside the
   * subquery, bare column names are the child table's. Money (numeric) travels as text, exact.
   */
  json(clinicId: string, parentId: SQL): SQL<unknown> {
    const fields = sql.join(
      Object.values(getTableColumns(this.table)).map(
        (c) =>
          sql`${sql.raw(`'${c.name}'`)}, ${c.columnType === 'PgNumeric' ? sql`${c}::text` : c}`,
      ),
      sql`, `,
    );
    return sql`coalesce((SELECT json_agg(json_build_object(${fields}) ORDER BY ${sql.join([...this.order], sql`, `)})
      FROM ${this.table} WHERE ${this.table.clinicId} = ${clinicId} AND ${this.parent} = ${parentId}), '[]'::json)`;
  }

  /** The rows `json` gave, as the table's rows (timestamps as Dates, as the driver gives them). */
  fromJson(json: unknown): T['$inferSelect'][] {
    const columns = Object.entries(getTableColumns(this.table));
    return (json as Record<string, unknown>[]).map(
      (r) =>
        Object.fromEntries(
          columns.map(([key, c]) => {
            const value = r[c.name] ?? null;
            return [
              key,
              value !== null && c.columnType === 'PgTimestamp' ? new Date(value as string) : value,
            ];
          }),
        ) as T['$inferSelect'],
    );
  }

  async insert(db: Db, rows: readonly T['$inferInsert'][]): Promise<void> {
    if (rows.length > 0) await db.insert(this.table).values([...rows]);
  }
}
