import { integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/** A POST's stored answer, replayed for the same key and body within 24 h (docs/api.md, docs/design.md §8). */
export const idempotencyKeys = pgTable(
  'idempotency_keys',
  {
    clinicId: uuid('clinic_id').notNull(),
    userId: uuid('user_id').notNull(),
    key: text('key').notNull(),
    requestHash: text('request_hash').notNull(),
    statusCode: integer('status_code').notNull(),
    responseBody: jsonb('response_body'),
    /** Which request stored the row, to tell its own second write from a concurrent request's. */
    ownerToken: uuid('owner_token').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.clinicId, t.userId, t.key] })],
);
