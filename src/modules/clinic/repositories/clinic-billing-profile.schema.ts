import { foreignKey, integer, jsonb, pgEnum, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { timestampColumns } from '../../../common/database/columns';
import type { PostalAddress } from '../../../common/postal-address';
import { clinics } from './clinic.schema';

/** Where the clinic's procedures happen, as the 837P's place-of-service code (CLM05-1). */
export const PLACES_OF_SERVICE = ['11', '22', '24'] as const;
export const placeOfService = pgEnum('place_of_service', PLACES_OF_SERVICE);

/**
 * What every claim of the clinic says about who bills (docs/claims.md "Set-up"): the billing
 * provider of loop 2010AA and the envelope's submitter and receiver. One row per clinic, keyed by
 * the clinic itself, so there is nothing to choose between and it stays distributable by clinic_id.
 */
export const clinicBillingProfiles = pgTable(
  'clinic_billing_profiles',
  {
    clinicId: uuid('clinic_id').primaryKey(),
    legalName: text('legal_name').notNull(),
    npi: text('npi').notNull(),
    /** Nine digits, no dash. */
    taxId: text('tax_id').notNull(),
    taxonomyCode: text('taxonomy_code').notNull(),
    /** US address with a ZIP+4 (`12345-6789`), as loop 2010AA's N3/N4 need it. */
    address: jsonb('address').$type<PostalAddress>().notNull(),
    submitterId: text('submitter_id').notNull(),
    receiverId: text('receiver_id').notNull(),
    defaultPlaceOfService: placeOfService('default_place_of_service').notNull(),
    version: integer('version').notNull().default(1),
    ...timestampColumns(),
  },
  (t) => [
    foreignKey({
      columns: [t.clinicId],
      foreignColumns: [clinics.id],
      name: 'clinic_billing_profiles_clinic_fk',
    }),
  ],
);
