import { sql } from 'drizzle-orm';
import { boolean, integer, pgTable, primaryKey, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { tenantKeyColumns, timestampColumns } from '../../../common/database/columns';

/**
 * An exam room: where consultations and visits happen, beside the theater's operating rooms.
 * Deactivated, never deleted: past appointments name it.
 */
export const examRooms = pgTable(
  'exam_rooms',
  {
    ...tenantKeyColumns(),
    name: text('name').notNull(),
    active: boolean('active').notNull().default(true),
    version: integer('version').notNull().default(1),
    ...timestampColumns(),
  },
  (t) => [
    primaryKey({ columns: [t.clinicId, t.id] }),
    uniqueIndex('exam_rooms_name_unique').on(t.clinicId, sql`lower(${t.name})`),
  ],
);
