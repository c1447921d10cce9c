import { sql } from 'drizzle-orm';
import {
  boolean,
  foreignKey,
  index,
  integer,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { ROLES } from '../../../common/auth/caller';
import { tenantKeyColumns, timestampColumns } from '../../../common/database/columns';
import { clinics } from '../../clinic/repositories/clinic.schema';

export const userRole = pgEnum('user_role', ROLES);

/**
 * Staff accounts. Sign-in is by email alone, so an email is unique across clinics; that is why
 * users are a Citus reference table rather than distributed (docs/scaling.md).
 */
export const users = pgTable(
  'users',
  {
    ...tenantKeyColumns(),
    email: text('email').notNull(),
    name: text('name').notNull(),
    role: userRole('role').notNull(),
    passwordHash: text('password_hash').notNull(),
    active: boolean('active').notNull().default(true),
    /** A surgeon's NPI, the rendering provider of her claims (docs/claims.md "Set-up"); null: none. */
    npi: text('npi'),
    /** Her NUCC provider taxonomy code (PRV03 of loop 2310B); null: none. */
    taxonomyCode: text('taxonomy_code'),
    version: integer('version').notNull().default(1),
    /** Bumped when the password changes: tokens issued before carry the old value and stop working. */
    sessionGeneration: integer('session_generation').notNull().default(1),
    ...timestampColumns(),
  },
  (t) => [
    primaryKey({ columns: [t.clinicId, t.id] }),
    uniqueIndex('users_email_unique').on(sql`lower(${t.email})`),
    foreignKey({ columns: [t.clinicId], foreignColumns: [clinics.id], name: 'users_clinic_fk' }),
    index('users_name_idx').on(t.clinicId, t.name, t.id),
  ],
);
