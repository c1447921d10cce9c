import { integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * Failed sign-ins per key (email+IP, and IP alone) in a fixed window. Kept in the database, not in
 * memory, so every API instance behind the load balancer counts the same failures. Global, not
 * per clinic: the clinic is unknown until sign-in succeeds.
 */
export const loginThrottle = pgTable('login_throttle', {
  key: text('key').primaryKey(),
  failures: integer('failures').notNull(),
  windowStartedAt: timestamp('window_started_at', { withTimezone: true, mode: 'date' }).notNull(),
});
