import {
  date,
  foreignKey,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import {
  tenantForeignKey,
  tenantKeyColumns,
  timestampColumns,
} from '../../../common/database/columns';
import type { PostalAddress } from '../../../common/postal-address';
import { clinics } from '../../clinic/repositories/clinic.schema';
import { patients, sexAtBirth } from '../../patient/repositories/patient.schema';

/**
 * An insurer the clinic bills, as its clearinghouse names it: `payer_id` is the id of loop
 * 2010BB's NM109 (e.g. `60054`), unique in the clinic, so a claim names one payer without doubt.
 */
export const payers = pgTable(
  'payers',
  {
    ...tenantKeyColumns(),
    name: text('name').notNull(),
    payerId: text('payer_id').notNull(),
    address: jsonb('address').$type<PostalAddress>(),
    version: integer('version').notNull().default(1),
    ...timestampColumns(),
  },
  (t) => [
    primaryKey({ columns: [t.clinicId, t.id] }),
    foreignKey({ columns: [t.clinicId], foreignColumns: [clinics.id], name: 'payers_clinic_fk' }),
    uniqueIndex('payers_payer_id_unique').on(t.clinicId, t.payerId),
    index('payers_name_idx').on(t.clinicId, t.name, t.id),
  ],
);

/**
 * X12 individual relationship codes (SBR02 / PAT01): the patient is the subscriber (18), or the
 * subscriber's spouse (01), child (19) or other dependant (G8).
 */
export const SUBSCRIBER_RELATIONSHIPS = ['18', '01', '19', 'G8'] as const;
export const subscriberRelationship = pgEnum('subscriber_relationship', SUBSCRIBER_RELATIONSHIPS);

/**
 * A patient's primary insurance, one per patient (docs/claims.md "Set-up"): the payer, the member
 * and group numbers of the card, and the subscriber when it is not the patient herself (the
 * subscriber columns are null for relationship 18, filled for the others).
 */
export const patientInsurances = pgTable(
  'patient_insurances',
  {
    ...tenantKeyColumns(),
    patientId: uuid('patient_id').notNull(),
    payerRef: uuid('payer_ref').notNull(),
    memberId: text('member_id').notNull(),
    groupNumber: text('group_number'),
    relationship: subscriberRelationship('relationship').notNull(),
    subscriberFirstName: text('subscriber_first_name'),
    subscriberLastName: text('subscriber_last_name'),
    subscriberDateOfBirth: date('subscriber_date_of_birth', { mode: 'string' }),
    subscriberSex: sexAtBirth('subscriber_sex'),
    version: integer('version').notNull().default(1),
    ...timestampColumns(),
  },
  (t) => [
    primaryKey({ columns: [t.clinicId, t.id] }),
    uniqueIndex('patient_insurances_patient_unique').on(t.clinicId, t.patientId),
    index('patient_insurances_payer_idx').on(t.clinicId, t.payerRef),
    tenantForeignKey('patient_insurances_patient_fk', [t.clinicId, t.patientId], patients),
    tenantForeignKey('patient_insurances_payer_fk', [t.clinicId, t.payerRef], payers),
  ],
);
