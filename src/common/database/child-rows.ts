import { and, eq, inArray, type AnyColumn, type SQL } from 'drizzle-orm';
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

  async insert(db: Db, rows: readonly T['$inferInsert'][]): Promise<void> {
    if (rows.length > 0) await db.insert(this.table).values([...rows]);
  }
}
