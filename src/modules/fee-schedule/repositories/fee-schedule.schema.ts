import { sql } from 'drizzle-orm';
import {
  check,
  foreignKey,
  integer,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { moneyColumn, tenantKeyColumns, timestampColumns } from '../../../common/database/columns';
import { clinics } from '../../clinic/repositories/clinic.schema';

/**
 * What the clinic charges for a procedure, per base CPT code (no modifiers: a plan's `19325-50`
 * is priced by `19325`). It is also the list of CPT codes the clinic offers (docs/design.md §5).
 * Amounts are numeric(12,2), read and written as decimal strings through `Money`.
 */
export const feeScheduleEntries = pgTable(
  'fee_schedule_entries',
  {
    ...tenantKeyColumns(),
    cptCode: text('cpt_code').notNull(),
    description: text('description').notNull(),
    surgeonFee: moneyColumn('surgeon_fee').notNull().default('0'),
    facilityFee: moneyColumn('facility_fee').notNull().default('0'),
    anesthesiaFee: moneyColumn('anesthesia_fee').notNull().default('0'),
    version: integer('version').notNull().default(1),
    ...timestampColumns(),
  },
  (t) => [
    primaryKey({ columns: [t.clinicId, t.id] }),
    foreignKey({
      columns: [t.clinicId],
      foreignColumns: [clinics.id],
      name: 'fee_schedule_entries_clinic_fk',
    }),
    uniqueIndex('fee_schedule_entries_cpt_code_unique').on(t.clinicId, t.cptCode),
    check(
      'fee_schedule_entries_fees_non_negative',
      sql`${t.surgeonFee} >= 0 AND ${t.facilityFee} >= 0 AND ${t.anesthesiaFee} >= 0`,
    ),
  ],
);
