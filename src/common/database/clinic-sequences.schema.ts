import { bigint, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';

/** Per-clinic counters behind human numbers (MRN, PLAN-<year>-<seq>): gap-free, allocated in the caller's transaction. */
export const clinicSequences = pgTable(
  'clinic_sequences',
  {
    clinicId: uuid('clinic_id').notNull(),
    name: text('name').notNull(),
    lastValue: bigint('last_value', { mode: 'number' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.clinicId, t.name] })],
);
