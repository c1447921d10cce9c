import { sql } from 'drizzle-orm';
import {
  check,
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
import { tenantForeignKey, tenantKeyColumns } from '../../../common/database/columns';
import { patients } from '../../patient/repositories/patient.schema';
import { procedurePlans } from '../../procedure-plan/repositories/procedure-plan.schema';
import { users } from '../../user/repositories/user.schema';

export const PATIENT_LINK_CHANNELS = ['EMAIL', 'COPY'] as const;
export type PatientLinkChannel = (typeof PATIENT_LINK_CHANNELS)[number];
export const patientLinkChannel = pgEnum('patient_link_channel', PATIENT_LINK_CHANNELS);

/** Wrong dates of birth a link takes before it locks (docs/patient-portal.md). */
export const MAX_DOB_ATTEMPTS = 5;

/**
 * A patient's door to one plan (docs/patient-portal.md): the token itself is never stored, only
 * its SHA-256, unique across clinics (the token is the only thing a patient brings). A link ends
 * when it expires, is revoked (by the staff, or with its plan's cancellation) or is locked after
 * MAX_DOB_ATTEMPTS wrong dates of birth.
 */
export const patientLinks = pgTable(
  'patient_links',
  {
    ...tenantKeyColumns(),
    procedurePlanId: uuid('procedure_plan_id').notNull(),
    patientId: uuid('patient_id').notNull(),
    tokenHash: text('token_hash').notNull(),
    channel: patientLinkChannel('channel').notNull(),
    /** The address an EMAIL link was sent to (none for COPY). */
    sentTo: text('sent_to'),
    expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'date' }).notNull(),
    failedAttempts: integer('failed_attempts').notNull().default(0),
    lockedAt: timestamp('locked_at', { withTimezone: true, mode: 'date' }),
    revokedAt: timestamp('revoked_at', { withTimezone: true, mode: 'date' }),
    revokedById: uuid('revoked_by_id'),
    revokeReason: text('revoke_reason'),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true, mode: 'date' }),
    createdById: uuid('created_by_id').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.clinicId, t.id] }),
    uniqueIndex('patient_links_token_hash_key').on(t.tokenHash),
    index('patient_links_plan_idx').on(t.clinicId, t.procedurePlanId, t.createdAt, t.id),
    tenantForeignKey('patient_links_plan_fk', [t.clinicId, t.procedurePlanId], procedurePlans),
    tenantForeignKey('patient_links_patient_fk', [t.clinicId, t.patientId], patients),
    tenantForeignKey('patient_links_created_by_fk', [t.clinicId, t.createdById], users),
    tenantForeignKey('patient_links_revoked_by_fk', [t.clinicId, t.revokedById], users),
    check(
      'patient_links_attempts',
      sql`${t.failedAttempts} BETWEEN 0 AND ${sql.raw(String(MAX_DOB_ATTEMPTS))}`,
    ),
    check('patient_links_token_hash_hex', sql`${t.tokenHash} ~ '^[0-9a-f]{64}$'`),
    check('patient_links_sent_to', sql`(${t.channel} = 'EMAIL') = (${t.sentTo} IS NOT NULL)`),
  ],
);
