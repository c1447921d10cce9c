import { index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { tenantForeignKey } from '../../../common/database/columns';
import { users } from '../../user/repositories/user.schema';

/**
 * The web app's cookie sessions (docs/security.md "Web sessions"). The cookie holds a random id;
 * only its SHA-256 is stored, so a copy of the table signs no one in. Looked up by that hash
 * before the clinic is known, like the sign-in throttle. A row ends when signed out, after the
 * idle timeout without a request (sliding `last_seen_at`), at the token lifetime after sign-in,
 * or when the user's session generation moves on (a password change or reset).
 */
export const webSessions = pgTable(
  'web_sessions',
  {
    idHash: text('id_hash').primaryKey(),
    clinicId: uuid('clinic_id').notNull(),
    userId: uuid('user_id').notNull(),
    /** The user's session generation at sign-in; a password change moves the user's on. */
    generation: integer('generation').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true, mode: 'date' }).notNull(),
    endedAt: timestamp('ended_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [
    tenantForeignKey('web_sessions_user_fk', [t.clinicId, t.userId], {
      clinicId: users.clinicId,
      id: users.id,
    }),
    index('web_sessions_user_idx').on(t.clinicId, t.userId),
  ],
);
