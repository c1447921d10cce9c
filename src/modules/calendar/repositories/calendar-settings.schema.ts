import { sql } from 'drizzle-orm';
import { check, integer, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { timestampColumns } from '../../../common/database/columns';
import { appointmentType } from './appointment.schema';

/**
 * A clinic's settings of one appointment type: its default length (the slots /availability
 * offers) and what the patient should bring (printed in the reminders). A type without a row
 * takes the defaults of docs/calendar.md.
 */
export const appointmentTypeSettings = pgTable(
  'appointment_type_settings',
  {
    clinicId: uuid('clinic_id').notNull(),
    type: appointmentType('type').notNull(),
    defaultMinutes: integer('default_minutes').notNull(),
    whatToBring: text('what_to_bring'),
    ...timestampColumns(),
  },
  (t) => [
    primaryKey({ columns: [t.clinicId, t.type] }),
    check('appointment_type_settings_minutes', sql`${t.defaultMinutes} BETWEEN 5 AND 480`),
  ],
);

/**
 * A post-op schedule template of one CPT code: the days after surgery the follow-up visits are
 * due. A code without one takes the default (1, 7, 42, 91, 365); a case with several codes takes
 * its primary code's.
 */
export const postOpTemplates = pgTable(
  'post_op_templates',
  {
    clinicId: uuid('clinic_id').notNull(),
    cptCode: text('cpt_code').notNull(),
    offsetsDays: integer('offsets_days').array().notNull(),
    ...timestampColumns(),
  },
  (t) => [primaryKey({ columns: [t.clinicId, t.cptCode] })],
);
