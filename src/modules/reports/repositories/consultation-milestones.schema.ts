import { sql } from 'drizzle-orm';
import {
  doublePrecision,
  foreignKey,
  index,
  pgTable,
  primaryKey,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import { consultations } from '../../consultation/repositories/consultation.schema';

/**
 * The conversion report's read model (docs/reports.md "Conversion"), owned by the reports module:
 * a row per consultation with the first moment each later step happened for any of its plans.
 * Written by triggers on `consultations`, `procedure_plans`, `quotes` and `surgical_cases`
 * (migration 0030_conversion_milestones.sql), never by code, so no code path can forget it; a
 * consultation's row is recomputed from those tables whenever one of its inputs changes.
 */

/**
 * The days between two of the row's instants (elapsed time, 86,400 s a day), as the report's
 * medians take them: exactly `(extract(epoch FROM to) - extract(epoch FROM from)) / 86400` cast
 * to float8 (a timestamptz difference's epoch is exact), null unless both happened.
 */
function daysBetween(name: string, from: string, to: string) {
  return doublePrecision(name).generatedAlwaysAs(
    sql.raw(`(extract(epoch FROM ${to} - ${from}) / 86400)::double precision`),
  );
}

export const consultationMilestones = pgTable(
  'consultation_milestones',
  {
    clinicId: uuid('clinic_id').notNull(),
    consultationId: uuid('consultation_id').notNull(),
    /** The consultation's surgeon and date, copied. */
    surgeonId: uuid('surgeon_id').notNull(),
    consultedAt: timestamp('consulted_at', { withTimezone: true, mode: 'date' }).notNull(),
    /** The first plan's `created_at`, over all its plans (cancelled ones too). */
    plannedAt: timestamp('planned_at', { withTimezone: true, mode: 'date' }),
    /** The first quote's `issued_at`, any status, for any of its plans. */
    quotedAt: timestamp('quoted_at', { withTimezone: true, mode: 'date' }),
    /** The first `approved_at` of its plans. */
    approvedAt: timestamp('approved_at', { withTimezone: true, mode: 'date' }),
    /** The first COMPLETED case's `completed_at`, for any of its plans. */
    completedAt: timestamp('completed_at', { withTimezone: true, mode: 'date' }),
    consultToPlanDays: daysBetween('consult_to_plan_days', 'consulted_at', 'planned_at'),
    planToQuoteDays: daysBetween('plan_to_quote_days', 'planned_at', 'quoted_at'),
    quoteToApprovalDays: daysBetween('quote_to_approval_days', 'quoted_at', 'approved_at'),
    approvalToSurgeryDays: daysBetween('approval_to_surgery_days', 'approved_at', 'completed_at'),
    consultToSurgeryDays: daysBetween('consult_to_surgery_days', 'consulted_at', 'completed_at'),
  },
  (t) => [
    primaryKey({ columns: [t.clinicId, t.consultationId] }),
    foreignKey({
      name: 'consultation_milestones_consultation_fk',
      columns: [t.clinicId, t.consultationId],
      foreignColumns: [consultations.clinicId, consultations.id],
    }).onDelete('cascade'),
    // The cohort of a range of days, every surgeon's, and one surgeon's.
    index('consultation_milestones_date_idx').on(t.clinicId, t.consultedAt),
    index('consultation_milestones_surgeon_idx').on(t.clinicId, t.surgeonId, t.consultedAt),
  ],
);
