import { sql } from 'drizzle-orm';
import {
  check,
  foreignKey,
  index,
  integer,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import {
  tenantForeignKey,
  tenantKeyColumns,
  timestampColumns,
} from '../../../common/database/columns';
import { appointments } from '../../calendar/repositories/appointment.schema';
import { clinics } from '../../clinic/repositories/clinic.schema';

export const REMINDER_CHANNELS = ['EMAIL', 'SMS'] as const;
export type ReminderChannel = (typeof REMINDER_CHANNELS)[number];
export const reminderChannel = pgEnum('reminder_channel', REMINDER_CHANNELS);

/**
 * PENDING (planned, its job queued) → SENDING (a worker claimed it) → SENT; PENDING →
 * CANCELLED (the visit moved, was cancelled or happened); SKIPPED (nothing to send it to, mail
 * not configured, its time passed at booking); FAILED (the channel refused it every attempt).
 * A SENDING reminder whose worker died is claimed again by the job's retry (docs/calendar.md
 * "Reminders").
 */
export const REMINDER_STATUSES = [
  'PENDING',
  'SENDING',
  'SENT',
  'CANCELLED',
  'SKIPPED',
  'FAILED',
] as const;
export type ReminderStatus = (typeof REMINDER_STATUSES)[number];
export const reminderStatus = pgEnum('reminder_status', REMINDER_STATUSES);

export const appointmentReminders = pgTable(
  'appointment_reminders',
  {
    ...tenantKeyColumns(),
    appointmentId: uuid('appointment_id').notNull(),
    channel: reminderChannel('channel').notNull(),
    /** Minutes before the visit's start it was planned for (the clinic's setting then). */
    offsetMinutes: integer('offset_minutes').notNull(),
    /** When it is sent: start − offset, or the booking's time for one sent at once. */
    dueAt: timestamp('due_at', { withTimezone: true, mode: 'date' }).notNull(),
    /** The visit's start it announces: a reminder of a visit moved since is not sent. */
    appointmentStart: timestamp('appointment_start', {
      withTimezone: true,
      mode: 'date',
    }).notNull(),
    status: reminderStatus('status').notNull(),
    /** Claims by a worker (a retry after a crash claims again). */
    attempts: integer('attempts').notNull().default(0),
    sentAt: timestamp('sent_at', { withTimezone: true, mode: 'date' }),
    /** Why it was skipped, cancelled or failed, in words with no patient data. */
    lastError: text('last_error'),
    ...timestampColumns(),
  },
  (t) => [
    primaryKey({ columns: [t.clinicId, t.id] }),
    tenantForeignKey(
      'appointment_reminders_appointment_fk',
      [t.clinicId, t.appointmentId],
      appointments,
    ),
    check('appointment_reminders_offset', sql`${t.offsetMinutes} >= 0`),
    check('appointment_reminders_sent', sql`(${t.status} = 'SENT') = (${t.sentAt} IS NOT NULL)`),
    index('appointment_reminders_appointment_idx').on(t.clinicId, t.appointmentId, t.dueAt),
  ],
);

/** A clinic's reminder offsets; a clinic without a row uses DEFAULT_REMINDER_OFFSETS. */
export const reminderSettings = pgTable(
  'reminder_settings',
  {
    clinicId: uuid('clinic_id').notNull().primaryKey(),
    offsetsMinutes: integer('offsets_minutes').array().notNull(),
    version: integer('version').notNull().default(1),
    ...timestampColumns(),
  },
  (t) => [
    foreignKey({
      name: 'reminder_settings_clinic_fk',
      columns: [t.clinicId],
      foreignColumns: [clinics.id],
    }),
  ],
);
