import { sql } from 'drizzle-orm';
import {
  check,
  date,
  foreignKey,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import {
  moneyColumn,
  tenantForeignKey,
  tenantKeyColumns,
  timestampColumns,
} from '../../../common/database/columns';
import { bills } from '../../billing/repositories/billing.schema';
import { patients } from '../../patient/repositories/patient.schema';
import { payers } from '../../payer/repositories/payer.schema';
import { users } from '../../user/repositories/user.schema';
import type {
  Claim837pSnapshot,
  RemittanceAdjustmentJson,
  RemittanceServiceJson,
} from './claim-snapshot';

/** docs/claims.md "Statuses". Only `ClaimLifecycle` writes a claim's status. */
export const CLAIM_STATUSES = [
  'DRAFT',
  'SUBMITTED',
  'ACCEPTED',
  'REJECTED',
  'PAID',
  'PARTIALLY_PAID',
  'DENIED',
  'VOID',
] as const;
export type ClaimStatus = (typeof CLAIM_STATUSES)[number];
export const claimStatus = pgEnum('claim_status', CLAIM_STATUSES);

/** The statuses of a claim still in flight: a bill has at most one such original or replacement claim. */
export const OPEN_CLAIM_STATUSES = ['DRAFT', 'SUBMITTED', 'ACCEPTED'] as const;

/** CLM05-3: 1 original, 7 replacement of a prior claim, 8 void of a prior claim. */
export const CLAIM_FREQUENCIES = ['1', '7', '8'] as const;
export type ClaimFrequencyCode = (typeof CLAIM_FREQUENCIES)[number];

/**
 * An 837P claim for the INSURANCE lines of one bill (docs/claims.md). Everything the 837P says of
 * the payer, the subscriber, the patient, the providers and the facility is copied into
 * `snapshot` when the claim is made, so what is sent is what billing reviewed, whatever is edited
 * later. Money columns are the ledger the 835 posts against.
 */
export const claims = pgTable(
  'claims',
  {
    ...tenantKeyColumns(),
    /** `CLM-<year>-<seq>` per clinic; also the patient control number (CLM01, echoed in CLP01). */
    claimNumber: text('claim_number').notNull(),
    billId: uuid('bill_id').notNull(),
    patientId: uuid('patient_id').notNull(),
    payerRef: uuid('payer_ref').notNull(),
    status: claimStatus('status').notNull().default('DRAFT'),
    frequency: text('frequency').$type<ClaimFrequencyCode>().notNull().default('1'),
    /** The claim a replacement (7) or void (8) claim replaces or voids. */
    originalClaimId: uuid('original_claim_id'),
    totalCharge: moneyColumn('total_charge').notNull(),
    placeOfService: text('place_of_service').notNull(),
    priorAuthorizationNumber: text('prior_authorization_number'),
    /** ICD-10-CM without the dot, principal first; 1 to 12. */
    diagnosisCodes: text('diagnosis_codes').array().notNull(),
    renderingProviderId: uuid('rendering_provider_id'),
    /** The date of service (the case's day in the clinic's time zone). */
    serviceDate: date('service_date', { mode: 'string' }).notNull(),
    snapshot: jsonb('snapshot').$type<Claim837pSnapshot>().notNull(),
    /** CLP07 of the first 835 that adjudicated it: the REF*F8 of a later replacement or void. */
    payerClaimControlNumber: text('payer_claim_control_number'),
    /** Totals posted from 835s: the insurer's payments, its adjustments (CO/OA/PI), and PR. */
    paidAmount: moneyColumn('paid_amount').notNull().default('0'),
    adjustedAmount: moneyColumn('adjusted_amount').notNull().default('0'),
    patientResponsibility: moneyColumn('patient_responsibility').notNull().default('0'),
    /** Why the clearinghouse rejected it, or the payer denied it (CARC codes and text). */
    statusReason: text('status_reason'),
    submittedAt: timestamp('submitted_at', { withTimezone: true, mode: 'date' }),
    lastSubmissionId: uuid('last_submission_id'),
    adjudicatedAt: timestamp('adjudicated_at', { withTimezone: true, mode: 'date' }),
    createdById: uuid('created_by_id').notNull(),
    version: integer('version').notNull().default(1),
    ...timestampColumns(),
  },
  (t) => [
    primaryKey({ columns: [t.clinicId, t.id] }),
    uniqueIndex('claims_number_unique').on(t.clinicId, t.claimNumber),
    // One claim in flight per bill (a void claim, 8, travels beside the claim it voids).
    uniqueIndex('claims_one_open_per_bill')
      .on(t.clinicId, t.billId)
      .where(sql`${t.status} IN ('DRAFT', 'SUBMITTED', 'ACCEPTED') AND ${t.frequency} <> '8'`),
    tenantForeignKey('claims_bill_fk', [t.clinicId, t.billId], bills),
    tenantForeignKey('claims_patient_fk', [t.clinicId, t.patientId], patients),
    tenantForeignKey('claims_payer_fk', [t.clinicId, t.payerRef], payers),
    tenantForeignKey('claims_rendering_fk', [t.clinicId, t.renderingProviderId], users),
    tenantForeignKey('claims_created_by_fk', [t.clinicId, t.createdById], users),
    foreignKey({
      name: 'claims_original_fk',
      columns: [t.clinicId, t.originalClaimId],
      foreignColumns: [t.clinicId, t.id],
    }),
    check('claims_frequency', sql`${t.frequency} IN ('1', '7', '8')`),
    check(
      'claims_original_when_corrected',
      sql`(${t.frequency} = '1') = (${t.originalClaimId} IS NULL)`,
    ),
    check('claims_total_not_negative', sql`${t.totalCharge} >= 0`),
    check('claims_diagnoses_count', sql`cardinality(${t.diagnosisCodes}) BETWEEN 1 AND 12`),
    index('claims_status_idx').on(t.clinicId, t.status, t.id),
    index('claims_payer_idx').on(t.clinicId, t.payerRef, t.id),
    index('claims_patient_idx').on(t.clinicId, t.patientId, t.id),
    index('claims_bill_idx').on(t.clinicId, t.billId, t.id),
  ],
);

/** Loop 2400: a service line of a claim, from one INSURANCE line of the bill. */
export const claimLines = pgTable(
  'claim_lines',
  {
    ...tenantKeyColumns(),
    claimId: uuid('claim_id').notNull(),
    /** LX01, from 1. */
    lineNumber: integer('line_number').notNull(),
    /** The bill line it bills. */
    billLineNumber: integer('bill_line_number').notNull(),
    procedureCode: text('procedure_code').notNull(),
    modifiers: text('modifiers')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    description: text('description').notNull(),
    units: integer('units').notNull(),
    charge: moneyColumn('charge').notNull(),
    /** 1-based positions in the claim's diagnosis codes (SV107), 1 to 4. */
    diagnosisPointers: integer('diagnosis_pointers').array().notNull(),
    serviceDate: date('service_date', { mode: 'string' }).notNull(),
    /** NTE*ADD: the serial numbers of an implant line. */
    note: text('note'),
    /** Posted from 835 SVCs. */
    paidAmount: moneyColumn('paid_amount').notNull().default('0'),
    adjustedAmount: moneyColumn('adjusted_amount').notNull().default('0'),
    patientResponsibility: moneyColumn('patient_responsibility').notNull().default('0'),
  },
  (t) => [
    primaryKey({ columns: [t.clinicId, t.id] }),
    uniqueIndex('claim_lines_number_unique').on(t.clinicId, t.claimId, t.lineNumber),
    tenantForeignKey('claim_lines_claim_fk', [t.clinicId, t.claimId], claims).onDelete('cascade'),
    check('claim_lines_units_positive', sql`${t.units} > 0`),
    check('claim_lines_charge_not_negative', sql`${t.charge} >= 0`),
    check('claim_lines_pointers', sql`cardinality(${t.diagnosisPointers}) BETWEEN 1 AND 4`),
  ],
);

/**
 * One 837P interchange sent (ISA to IEA). `x12` is the file exactly as it was sent: a payer file
 * is reproducible byte for byte. Control numbers come from per-clinic gap-free sequences.
 */
export const claimSubmissions = pgTable(
  'claim_submissions',
  {
    ...tenantKeyColumns(),
    interchangeControlNumber: integer('interchange_control_number').notNull(),
    groupControlNumber: integer('group_control_number').notNull(),
    claimIds: uuid('claim_ids').array().notNull(),
    x12: text('x12').notNull(),
    submittedById: uuid('submitted_by_id').notNull(),
    ...timestampColumns(),
  },
  (t) => [
    primaryKey({ columns: [t.clinicId, t.id] }),
    uniqueIndex('claim_submissions_isa_unique').on(t.clinicId, t.interchangeControlNumber),
    uniqueIndex('claim_submissions_gs_unique').on(t.clinicId, t.groupControlNumber),
    tenantForeignKey('claim_submissions_by_fk', [t.clinicId, t.submittedById], users),
    index('claim_submissions_created_idx').on(t.clinicId, t.createdAt, t.id),
  ],
);

/**
 * One 835 posted (or refused before posting: then no row). Unique by the payer and the TRN02 trace
 * number: the same 835 twice posts once. `x12` is the file as received, byte for byte.
 */
export const remittances = pgTable(
  'remittances',
  {
    ...tenantKeyColumns(),
    traceNumber: text('trace_number').notNull(),
    /** The payer as the 835 names it (N1*PR N104, else REF*2U, else TRN03) and its name (N102). */
    payerIdentifier: text('payer_identifier').notNull(),
    payerName: text('payer_name').notNull(),
    /** The clinic's payer whose `payer_id` is `payer_identifier`, when there is one. */
    payerRef: uuid('payer_ref'),
    /** BPR02 and BPR04; BPR16 the payment date. */
    paymentAmount: moneyColumn('payment_amount').notNull(),
    paymentMethod: text('payment_method').notNull(),
    paymentDate: date('payment_date', { mode: 'string' }),
    /** The PLB adjustments of the payment, as read. */
    providerAdjustments: jsonb('provider_adjustments')
      .$type<{ segmentIndex: number; reason: string; reference?: string; amount: string }[]>()
      .notNull(),
    x12: text('x12').notNull(),
    receivedById: uuid('received_by_id').notNull(),
    ...timestampColumns(),
  },
  (t) => [
    primaryKey({ columns: [t.clinicId, t.id] }),
    uniqueIndex('remittances_trace_unique').on(t.clinicId, t.payerIdentifier, t.traceNumber),
    tenantForeignKey('remittances_payer_fk', [t.clinicId, t.payerRef], payers),
    tenantForeignKey('remittances_received_by_fk', [t.clinicId, t.receivedById], users),
    index('remittances_created_idx').on(t.clinicId, t.createdAt, t.id),
  ],
);

/**
 * One CLP of a remittance: matched to a claim and posted, or unmatched (`claim_id` null) and kept
 * for later matching, never dropped. `services` keeps every SVC with its CAS as read.
 */
export const remittanceClaims = pgTable(
  'remittance_claims',
  {
    ...tenantKeyColumns(),
    remittanceId: uuid('remittance_id').notNull(),
    /** The CLP's 1-based segment position in the interchange. */
    segmentIndex: integer('segment_index').notNull(),
    patientControlNumber: text('patient_control_number').notNull(),
    claimId: uuid('claim_id'),
    /** Why it was not posted, when `claim_id` is null (docs/claims.md "Unmatched"). */
    unmatchedReason: text('unmatched_reason'),
    /** CLP02, CLP03, CLP04, CLP05, CLP07. */
    statusCode: text('status_code').notNull(),
    charge: moneyColumn('charge').notNull(),
    paid: moneyColumn('paid').notNull(),
    patientResponsibility: moneyColumn('patient_responsibility').notNull(),
    payerClaimControlNumber: text('payer_claim_control_number'),
    /** The claim status the posting set. */
    resultStatus: claimStatus('result_status'),
    /** CAS of the claim and its SVCs (with their CAS), amounts as decimal strings. */
    adjustments: jsonb('adjustments').$type<RemittanceAdjustmentJson[]>().notNull(),
    services: jsonb('services').$type<RemittanceServiceJson[]>().notNull(),
    ...timestampColumns(),
  },
  (t) => [
    primaryKey({ columns: [t.clinicId, t.id] }),
    uniqueIndex('remittance_claims_segment_unique').on(t.clinicId, t.remittanceId, t.segmentIndex),
    tenantForeignKey('remittance_claims_remittance_fk', [t.clinicId, t.remittanceId], remittances),
    tenantForeignKey('remittance_claims_claim_fk', [t.clinicId, t.claimId], claims),
    check(
      'remittance_claims_matched_or_why',
      sql`(${t.claimId} IS NULL) = (${t.unmatchedReason} IS NOT NULL)`,
    ),
    index('remittance_claims_claim_idx').on(t.clinicId, t.claimId, t.id),
    index('remittance_claims_unmatched_idx')
      .on(t.clinicId, t.patientControlNumber)
      .where(sql`${t.claimId} IS NULL`),
  ],
);

/** A claim's history: every status change, with who or what made it (a user, a submission, an 835). */
export const claimEvents = pgTable(
  'claim_events',
  {
    ...tenantKeyColumns(),
    claimId: uuid('claim_id').notNull(),
    event: text('event').notNull(),
    fromStatus: claimStatus('from_status'),
    toStatus: claimStatus('to_status').notNull(),
    actorId: uuid('actor_id').notNull(),
    submissionId: uuid('submission_id'),
    remittanceId: uuid('remittance_id'),
    note: text('note'),
    at: timestamp('at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.clinicId, t.id] }),
    tenantForeignKey('claim_events_claim_fk', [t.clinicId, t.claimId], claims).onDelete('cascade'),
    tenantForeignKey('claim_events_actor_fk', [t.clinicId, t.actorId], users),
    tenantForeignKey('claim_events_submission_fk', [t.clinicId, t.submissionId], claimSubmissions),
    tenantForeignKey('claim_events_remittance_fk', [t.clinicId, t.remittanceId], remittances),
    index('claim_events_claim_idx').on(t.clinicId, t.claimId, t.at, t.id),
  ],
);
