import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  foreignKey,
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
import { clinics } from '../../clinic/repositories/clinic.schema';
import { patients } from '../../patient/repositories/patient.schema';
import { procedurePlans } from '../../procedure-plan/repositories/procedure-plan.schema';
import { users } from '../../user/repositories/user.schema';
import { GENERAL_CONSENT_CODE } from '../services/general-consent';

export const CONSENT_STATUSES = ['PENDING', 'SIGNED', 'REVOKED', 'VOIDED'] as const;
export type ConsentStatus = (typeof CONSENT_STATUSES)[number];
export const consentStatus = pgEnum('consent_status', CONSENT_STATUSES);

export const CONSENT_RELATIONSHIPS = ['SELF', 'GUARDIAN', 'POWER_OF_ATTORNEY'] as const;
export const consentRelationship = pgEnum('consent_relationship', CONSENT_RELATIONSHIPS);

export const SIGNATURE_METHODS = ['TYPED', 'DRAWN'] as const;
export const signatureMethod = pgEnum('signature_method', SIGNATURE_METHODS);

/** Where a signature was given: in the clinic (staff record it), or by the patient through their link. */
export const SIGNATURE_CHANNELS = ['STAFF', 'PATIENT_LINK'] as const;
export type SignatureChannel = (typeof SIGNATURE_CHANNELS)[number];
export const signatureChannel = pgEnum('signature_channel', SIGNATURE_CHANNELS);

/** Evidence bounds: an IP address (IPv6 with a zone fits) and a browser's user agent, as stored. */
export const MAX_IP_ADDRESS_LENGTH = 64;
export const MAX_USER_AGENT_LENGTH = 512;

/** The largest signature stored: a drawn signature as a data URL (the DTO enforces the same). */
export const MAX_SIGNATURE_BYTES = 200_000;

/**
 * A clinic's consent texts. The text of a version is never edited: a new version is created and
 * the old one deactivated (`active`), so every instance's snapshot keeps pointing at its source.
 */
export const consentTemplates = pgTable(
  'consent_templates',
  {
    ...tenantKeyColumns(),
    code: text('code').notNull(),
    version: integer('version').notNull(),
    title: text('title').notNull(),
    body: text('body').notNull(),
    /** Base CPT codes (no modifiers) the template is the consent for (docs/consents.md). */
    cptCodes: text('cpt_codes').array().notNull(),
    active: boolean('active').notNull().default(true),
    createdById: uuid('created_by_id').notNull(),
    ...timestampColumns(),
  },
  (t) => [
    primaryKey({ columns: [t.clinicId, t.id] }),
    foreignKey({
      columns: [t.clinicId],
      foreignColumns: [clinics.id],
      name: 'consent_templates_clinic_fk',
    }),
    tenantForeignKey('consent_templates_created_by_fk', [t.clinicId, t.createdById], users),
    uniqueIndex('consent_templates_code_version_unique').on(t.clinicId, t.code, t.version),
    check('consent_templates_version_positive', sql`${t.version} >= 1`),
    // The general surgical consent covers any plan no other template covers, so it lists no code;
    // every other template is found by its codes and must list at least one.
    check(
      'consent_templates_cpt_codes_present',
      sql`(${t.code} = ${sql.raw(`'${GENERAL_CONSENT_CODE}'`)}) = (cardinality(${t.cptCodes}) = 0)`,
    ),
  ],
);

/**
 * A template's text as presented to one patient for one plan: title and body are a snapshot, and
 * `content_hash` proves which text was signed. A plan has at most one instance that is not VOIDED.
 */
export const patientConsentInstances = pgTable(
  'patient_consent_instances',
  {
    ...tenantKeyColumns(),
    patientId: uuid('patient_id').notNull(),
    procedurePlanId: uuid('procedure_plan_id').notNull(),
    templateId: uuid('template_id').notNull(),
    templateCode: text('template_code').notNull(),
    templateVersion: integer('template_version').notNull(),
    title: text('title').notNull(),
    body: text('body').notNull(),
    contentHash: text('content_hash').notNull(),
    status: consentStatus('status').notNull().default('PENDING'),
    signedAt: timestamp('signed_at', { withTimezone: true, mode: 'date' }),
    signerName: text('signer_name'),
    relationship: consentRelationship('relationship'),
    signatureMethod: signatureMethod('signature_method'),
    signatureData: text('signature_data'),
    witnessId: uuid('witness_id'),
    recordedById: uuid('recorded_by_id'),
    /** The patient link the patient signed through (docs/patient-portal.md); no foreign key: the
     * links are the patient portal's, which depends on this module. */
    patientLinkId: uuid('patient_link_id'),
    signatureChannel: signatureChannel('signature_channel'),
    /** Signature evidence (docs/consents.md): the signer's request, as the server saw it. */
    signedIpAddress: text('signed_ip_address'),
    signedUserAgent: text('signed_user_agent'),
    revokedAt: timestamp('revoked_at', { withTimezone: true, mode: 'date' }),
    revokeReason: text('revoke_reason'),
    voidedAt: timestamp('voided_at', { withTimezone: true, mode: 'date' }),
    voidReason: text('void_reason'),
    version: integer('version').notNull().default(1),
    ...timestampColumns(),
  },
  (t) => [
    primaryKey({ columns: [t.clinicId, t.id] }),
    tenantForeignKey('patient_consent_instances_patient_fk', [t.clinicId, t.patientId], patients),
    tenantForeignKey(
      'patient_consent_instances_plan_fk',
      [t.clinicId, t.procedurePlanId],
      procedurePlans,
    ),
    tenantForeignKey(
      'patient_consent_instances_template_fk',
      [t.clinicId, t.templateId],
      consentTemplates,
    ),
    tenantForeignKey('patient_consent_instances_witness_fk', [t.clinicId, t.witnessId], users),
    tenantForeignKey(
      'patient_consent_instances_recorded_by_fk',
      [t.clinicId, t.recordedById],
      users,
    ),
    // The plan's current consent: at most one that is not VOIDED (VOIDED ones are history).
    uniqueIndex('patient_consent_instances_plan_current_unique')
      .on(t.clinicId, t.procedurePlanId)
      .where(sql`${t.status} <> 'VOIDED'`),
    index('patient_consent_instances_plan_idx').on(t.clinicId, t.procedurePlanId, t.id),
    index('patient_consent_instances_patient_idx').on(t.clinicId, t.patientId, t.id),
    check(
      'patient_consent_instances_signed_complete',
      sql`${t.status} <> 'SIGNED' OR (${t.signedAt} IS NOT NULL AND ${t.signerName} IS NOT NULL AND ${t.relationship} IS NOT NULL AND ${t.signatureMethod} IS NOT NULL AND ${t.signatureData} IS NOT NULL AND ${t.signatureChannel} IS NOT NULL AND num_nonnulls(${t.recordedById}, ${t.patientLinkId}) = 1)`,
    ),
    // Staff record a signature given in the clinic; a patient link records the patient's own.
    check(
      'patient_consent_instances_signature_channel',
      sql`${t.signatureChannel} IS NULL OR (${t.signatureChannel} = 'PATIENT_LINK') = (${t.patientLinkId} IS NOT NULL)`,
    ),
    check(
      'patient_consent_instances_evidence_size',
      sql`coalesce(length(${t.signedIpAddress}), 0) <= ${sql.raw(String(MAX_IP_ADDRESS_LENGTH))} AND coalesce(length(${t.signedUserAgent}), 0) <= ${sql.raw(String(MAX_USER_AGENT_LENGTH))}`,
    ),
    check(
      'patient_consent_instances_revoked_complete',
      sql`${t.status} <> 'REVOKED' OR (${t.revokedAt} IS NOT NULL AND ${t.revokeReason} IS NOT NULL)`,
    ),
    check(
      'patient_consent_instances_voided_complete',
      sql`${t.status} <> 'VOIDED' OR (${t.voidedAt} IS NOT NULL AND ${t.voidReason} IS NOT NULL)`,
    ),
    check(
      'patient_consent_instances_signature_size',
      sql`${t.signatureData} IS NULL OR octet_length(${t.signatureData}) <= ${sql.raw(String(MAX_SIGNATURE_BYTES))}`,
    ),
  ],
);
