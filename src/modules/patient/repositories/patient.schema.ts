import { sql } from 'drizzle-orm';
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
} from 'drizzle-orm/pg-core';
import { tenantKeyColumns, timestampColumns } from '../../../common/database/columns';
import type { PostalAddress } from '../../../common/postal-address';
import { clinics } from '../../clinic/repositories/clinic.schema';

export const SEXES_AT_BIRTH = ['FEMALE', 'MALE', 'UNKNOWN'] as const;
export const sexAtBirth = pgEnum('sex_at_birth', SEXES_AT_BIRTH);

export const patients = pgTable(
  'patients',
  {
    ...tenantKeyColumns(),
    mrn: text('mrn').notNull(),
    firstName: text('first_name').notNull(),
    lastName: text('last_name').notNull(),
    dateOfBirth: date('date_of_birth', { mode: 'string' }).notNull(),
    sexAtBirth: sexAtBirth('sex_at_birth').notNull(),
    email: text('email'),
    phone: text('phone'),
    insurancePayerName: text('insurance_payer_name'),
    insuranceMemberId: text('insurance_member_id'),
    insuranceGroupNumber: text('insurance_group_number'),
    /** The patient's postal address, the one shape of src/common/postal-address.ts (null: none). */
    address: jsonb('address').$type<PostalAddress>(),
    /** What `?search=` matches: names and MRN, lower-cased, served by a trigram index. */
    searchText: text('search_text')
      .notNull()
      .generatedAlwaysAs(sql`lower(first_name || ' ' || last_name || ' ' || mrn)`),
    /** What a phone-shaped `?search=` matches: the phone's digits alone, however it was written. */
    phoneDigits: text('phone_digits').generatedAlwaysAs(
      sql`regexp_replace(phone, '[^0-9]', '', 'g')`,
    ),
    version: integer('version').notNull().default(1),
    ...timestampColumns(),
  },
  (t) => [
    primaryKey({ columns: [t.clinicId, t.id] }),
    foreignKey({ columns: [t.clinicId], foreignColumns: [clinics.id], name: 'patients_clinic_fk' }),
    uniqueIndex('patients_mrn_unique').on(t.clinicId, t.mrn),
    index('patients_name_idx').on(t.clinicId, t.lastName, t.firstName, t.id),
    // A search by date of birth or phone reads its matches in name order, the order of a page.
    index('patients_birth_date_idx').on(t.clinicId, t.dateOfBirth, t.lastName, t.firstName, t.id),
    index('patients_phone_digits_idx').on(t.clinicId, t.phoneDigits, t.lastName, t.firstName, t.id),
    index('patients_search_trgm_idx').using('gin', sql`${t.searchText} gin_trgm_ops`),
  ],
);
