import { foreignKey, numeric, timestamp, uuid, type PgColumn } from 'drizzle-orm/pg-core';

/**
 * The tenant key every business table starts with. Its primary key is (clinic_id, id), and every
 * unique constraint and foreign key includes clinic_id, so no row can point at another clinic's
 * row, and the table can be distributed by clinic_id (docs/scaling.md).
 */
export function tenantKeyColumns() {
  return {
    clinicId: uuid('clinic_id').notNull(),
    id: uuid('id').notNull(),
  };
}

export function timestampColumns() {
  return {
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  };
}

/** A money amount: numeric(12,2) in SQL, a decimal string in the row, `Money` in code (docs/design.md §1). */
export function moneyColumn(name: string) {
  return numeric(name, { precision: 12, scale: 2 });
}

/**
 * A foreign key to another tenant table, always through `(clinic_id, id)`: a row can never point
 * at another clinic's row, and both tables stay distributable by clinic_id (docs/scaling.md).
 */
export function tenantForeignKey(
  name: string,
  columns: [clinicId: PgColumn, referenceId: PgColumn],
  target: { clinicId: PgColumn; id: PgColumn },
) {
  return foreignKey({ name, columns, foreignColumns: [target.clinicId, target.id] });
}
