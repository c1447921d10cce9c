import { sql } from 'drizzle-orm';
import {
  check,
  date,
  index,
  integer,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import {
  tenantForeignKey,
  tenantKeyColumns,
  timestampColumns,
} from '../../../common/database/columns';
import { patients } from '../../patient/repositories/patient.schema';
import { procedurePlans } from '../../procedure-plan/repositories/procedure-plan.schema';
import { users } from '../../user/repositories/user.schema';

export const PRIOR_AUTH_STATUSES = [
  'DRAFT',
  'SUBMITTED',
  'APPROVED',
  'DENIED',
  'CANCELLED',
] as const;
export type PriorAuthStatus = (typeof PRIOR_AUTH_STATUSES)[number];
export const priorAuthStatus = pgEnum('prior_authorization_status', PRIOR_AUTH_STATUSES);

/**
 * An insurer's permission to perform insured procedures (docs/design.md §3): what was asked for, and
 * what the payer decided. An APPROVED one carries its number and validity window (the CHECKs),
 * so the readiness check can rely on them.
 */
export const priorAuthorizations = pgTable(
  'prior_authorizations',
  {
    ...tenantKeyColumns(),
    /** `PA-<year>-<seq>`, the clinic's own reference; the payer's is `authorizationNumber`. */
    referenceNumber: text('reference_number').notNull(),
    procedurePlanId: uuid('procedure_plan_id').notNull(),
    patientId: uuid('patient_id').notNull(),
    payerName: text('payer_name').notNull(),
    memberId: text('member_id').notNull(),
    cptCodes: text('cpt_codes').array().notNull(),
    diagnosisCodes: text('diagnosis_codes')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    status: priorAuthStatus('status').notNull().default('DRAFT'),
    authorizationNumber: text('authorization_number'),
    approvedCptCodes: text('approved_cpt_codes')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    validFrom: date('valid_from', { mode: 'string' }),
    validTo: date('valid_to', { mode: 'string' }),
    decisionNotes: text('decision_notes'),
    createdById: uuid('created_by_id').notNull(),
    submittedAt: timestamp('submitted_at', { withTimezone: true, mode: 'date' }),
    submittedById: uuid('submitted_by_id'),
    decidedAt: timestamp('decided_at', { withTimezone: true, mode: 'date' }),
    decidedById: uuid('decided_by_id'),
    cancelledAt: timestamp('cancelled_at', { withTimezone: true, mode: 'date' }),
    cancelReason: text('cancel_reason'),
    version: integer('version').notNull().default(1),
    ...timestampColumns(),
  },
  (t) => [
    primaryKey({ columns: [t.clinicId, t.id] }),
    uniqueIndex('prior_authorizations_reference_unique').on(t.clinicId, t.referenceNumber),
    tenantForeignKey(
      'prior_authorizations_plan_fk',
      [t.clinicId, t.procedurePlanId],
      procedurePlans,
    ),
    tenantForeignKey('prior_authorizations_patient_fk', [t.clinicId, t.patientId], patients),
    tenantForeignKey('prior_authorizations_created_by_fk', [t.clinicId, t.createdById], users),
    tenantForeignKey('prior_authorizations_submitted_by_fk', [t.clinicId, t.submittedById], users),
    tenantForeignKey('prior_authorizations_decided_by_fk', [t.clinicId, t.decidedById], users),
    check(
      'prior_authorizations_approved_has_window',
      sql`${t.status} <> 'APPROVED' OR (${t.authorizationNumber} IS NOT NULL AND ${t.validFrom} IS NOT NULL AND ${t.validTo} IS NOT NULL AND cardinality(${t.approvedCptCodes}) > 0)`,
    ),
    check(
      'prior_authorizations_window_ordered',
      sql`${t.validFrom} IS NULL OR ${t.validTo} IS NULL OR ${t.validFrom} <= ${t.validTo}`,
    ),
    index('prior_authorizations_plan_idx').on(t.clinicId, t.procedurePlanId, t.id),
    index('prior_authorizations_status_idx').on(t.clinicId, t.status, t.id),
  ],
);
