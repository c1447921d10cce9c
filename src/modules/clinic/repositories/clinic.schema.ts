import { integer, jsonb, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { timestampColumns } from '../../../common/database/columns';
import type { PostalAddress } from '../../../common/postal-address';

/** The tenant. A reference table under Citus (docs/scaling.md): small, read everywhere. */
export const clinics = pgTable('clinics', {
  id: uuid('id').primaryKey(),
  name: text('name').notNull(),
  /** Printed on bills and quotes; null until the admin enters it. */
  address: jsonb('address').$type<PostalAddress>(),
  phone: text('phone'),
  /**
   * IANA zone every time of the clinic is shown, printed and typed in (docs/clinic.md). The
   * default only fills clinics made before the column existed; new clinics always name theirs.
   */
  timeZone: text('time_zone').notNull().default('America/New_York'),
  version: integer('version').notNull().default(1),
  ...timestampColumns(),
});
