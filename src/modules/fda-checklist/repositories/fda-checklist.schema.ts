import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
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
  tenantForeignKey,
  tenantKeyColumns,
  timestampColumns,
} from '../../../common/database/columns';
import { clinics } from '../../clinic/repositories/clinic.schema';
import { patients } from '../../patient/repositories/patient.schema';
import { procedurePlans } from '../../procedure-plan/repositories/procedure-plan.schema';
import { users } from '../../user/repositories/user.schema';

/** One section of the checklist: the patient initials each (docs/fda-checklist.md). */
export interface FdaChecklistSection {
  key: string;
  heading: string;
  body: string;
}

export const FDA_CHECKLIST_STATUSES = ['PENDING', 'PATIENT_SIGNED', 'COMPLETED', 'VOIDED'] as const;
export type FdaChecklistStatus = (typeof FDA_CHECKLIST_STATUSES)[number];
export const fdaChecklistStatus = pgEnum('fda_checklist_status', FDA_CHECKLIST_STATUSES);

/**
 * A clinic's text of the FDA Patient Decision Checklist for breast implants. A version's text is
 * never edited: a new version is created and the old one retired (`active`), like consent templates.
 */
export const fdaChecklistTemplates = pgTable(
  'fda_checklist_templates',
  {
    ...tenantKeyColumns(),
    version: integer('version').notNull(),
    title: text('title').notNull(),
    sections: jsonb('sections').$type<FdaChecklistSection[]>().notNull(),
    surgeonAttestation: text('surgeon_attestation').notNull(),
    active: boolean('active').notNull().default(true),
    createdById: uuid('created_by_id').notNull(),
    ...timestampColumns(),
  },
  (t) => [
    primaryKey({ columns: [t.clinicId, t.id] }),
    foreignKey({
      columns: [t.clinicId],
      foreignColumns: [clinics.id],
      name: 'fda_checklist_templates_clinic_fk',
    }),
    tenantForeignKey('fda_checklist_templates_created_by_fk', [t.clinicId, t.createdById], users),
    uniqueIndex('fda_checklist_templates_version_unique').on(t.clinicId, t.version),
    check('fda_checklist_templates_version_positive', sql`${t.version} >= 1`),
    check(
      'fda_checklist_templates_sections_array',
      sql`jsonb_typeof(${t.sections}) = 'array' AND jsonb_array_length(${t.sections}) >= 1`,
    ),
  ],
);

/**
 * A plan's checklist: the template's text as presented to the patient (a snapshot and its
 * `content_hash`), the patient's initials and signature evidence, and the surgeon's attestation.
 * A plan has at most one that is not VOIDED.
 */
export const fdaChecklists = pgTable(
  'fda_checklists',
  {
    ...tenantKeyColumns(),
    patientId: uuid('patient_id').notNull(),
    procedurePlanId: uuid('procedure_plan_id').notNull(),
    templateId: uuid('template_id').notNull(),
    templateVersion: integer('template_version').notNull(),
    title: text('title').notNull(),
    sections: jsonb('sections').$type<FdaChecklistSection[]>().notNull(),
    surgeonAttestation: text('surgeon_attestation').notNull(),
    contentHash: text('content_hash').notNull(),
    status: fdaChecklistStatus('status').notNull().default('PENDING'),
    /** Section key → the patient's initials. */
    initials: jsonb('initials').$type<Record<string, string>>(),
    signerName: text('signer_name'),
    patientSignedAt: timestamp('patient_signed_at', { withTimezone: true, mode: 'date' }),
    signerIpAddress: text('signer_ip_address'),
    signerUserAgent: text('signer_user_agent'),
    /** The patient link the patient signed through (docs/patient-portal.md)… */
    patientLinkId: uuid('patient_link_id'),
    /** …or the member of staff who recorded the signature in the clinic. */
    recordedById: uuid('recorded_by_id'),
    attestedById: uuid('attested_by_id'),
    attestedAt: timestamp('attested_at', { withTimezone: true, mode: 'date' }),
    voidedAt: timestamp('voided_at', { withTimezone: true, mode: 'date' }),
    voidReason: text('void_reason'),
    version: integer('version').notNull().default(1),
    ...timestampColumns(),
  },
  (t) => [
    primaryKey({ columns: [t.clinicId, t.id] }),
    tenantForeignKey('fda_checklists_patient_fk', [t.clinicId, t.patientId], patients),
    tenantForeignKey('fda_checklists_plan_fk', [t.clinicId, t.procedurePlanId], procedurePlans),
    tenantForeignKey(
      'fda_checklists_template_fk',
      [t.clinicId, t.templateId],
      fdaChecklistTemplates,
    ),
    tenantForeignKey('fda_checklists_recorded_by_fk', [t.clinicId, t.recordedById], users),
    tenantForeignKey('fda_checklists_attested_by_fk', [t.clinicId, t.attestedById], users),
    // The plan's current checklist: at most one that is not VOIDED.
    uniqueIndex('fda_checklists_plan_current_unique')
      .on(t.clinicId, t.procedurePlanId)
      .where(sql`${t.status} <> 'VOIDED'`),
    index('fda_checklists_plan_idx').on(t.clinicId, t.procedurePlanId, t.id),
    check(
      'fda_checklists_signed_complete',
      sql`${t.status} NOT IN ('PATIENT_SIGNED', 'COMPLETED') OR (${t.initials} IS NOT NULL AND ${t.signerName} IS NOT NULL AND ${t.patientSignedAt} IS NOT NULL)`,
    ),
    // A signature is recorded through exactly one door: the patient's link or a member of staff.
    check(
      'fda_checklists_signed_through_one',
      sql`(${t.patientSignedAt} IS NULL AND ${t.patientLinkId} IS NULL AND ${t.recordedById} IS NULL) OR (${t.patientSignedAt} IS NOT NULL AND (${t.patientLinkId} IS NULL) <> (${t.recordedById} IS NULL))`,
    ),
    check(
      'fda_checklists_attested_complete',
      sql`${t.status} <> 'COMPLETED' OR (${t.attestedById} IS NOT NULL AND ${t.attestedAt} IS NOT NULL)`,
    ),
    check(
      'fda_checklists_voided_complete',
      sql`${t.status} <> 'VOIDED' OR (${t.voidedAt} IS NOT NULL AND ${t.voidReason} IS NOT NULL)`,
    ),
  ],
);
