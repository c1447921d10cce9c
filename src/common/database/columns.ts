import { timestamp, uuid } from 'drizzle-orm/pg-core';

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
