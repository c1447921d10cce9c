import { sql } from 'drizzle-orm';
import {
  check,
  date,
  index,
  pgEnum,
  pgTable,
  primaryKey,
  smallint,
  text,
  uuid,
} from 'drizzle-orm/pg-core';
import {
  tenantForeignKey,
  tenantKeyColumns,
  timestampColumns,
} from '../../../common/database/columns';
import { bookedResource } from '../../booking/repositories/booking.schema';
import { users } from '../../user/repositories/user.schema';

const HHMM = `'^([01][0-9]|2[0-3]):[0-5][0-9]$'`;

/**
 * A provider's or a room's weekly pattern: one row per working interval of a weekday (ISO: 1 is
 * Monday, 7 Sunday), "HH:MM" wall-clock times in the clinic's time zone; several rows make a day
 * with a lunch break. A provider with none has no free slots; a room with none is open whenever
 * its provider works (an operating room keeps its opensAt–closesAt).
 */
export const workingHours = pgTable(
  'working_hours',
  {
    ...tenantKeyColumns(),
    resourceKind: bookedResource('resource_kind').notNull(),
    resourceId: uuid('resource_id').notNull(),
    weekday: smallint('weekday').notNull(),
    startsAt: text('starts_at').notNull(),
    endsAt: text('ends_at').notNull(),
    ...timestampColumns(),
  },
  (t) => [
    primaryKey({ columns: [t.clinicId, t.id] }),
    check('working_hours_weekday', sql`${t.weekday} BETWEEN 1 AND 7`),
    check('working_hours_starts_at_hhmm', sql.raw(`starts_at ~ ${HHMM}`)),
    check('working_hours_ends_at_hhmm', sql.raw(`ends_at ~ ${HHMM}`)),
    check('working_hours_end_after_start', sql`${t.endsAt} > ${t.startsAt}`),
    index('working_hours_resource_idx').on(t.clinicId, t.resourceId, t.weekday),
  ],
);

export const SCHEDULE_EXCEPTION_KINDS = ['HOLIDAY', 'LEAVE', 'CLOSED'] as const;
export type ScheduleExceptionKind = (typeof SCHEDULE_EXCEPTION_KINDS)[number];
export const scheduleExceptionKind = pgEnum('schedule_exception_kind', SCHEDULE_EXCEPTION_KINDS);

/**
 * Time off the weekly pattern: a clinic holiday (no resource: everyone, every room), a provider's
 * leave, a room closed. Whole days `startsOn`–`endsOn` (inclusive, clinic-local), or on each of
 * those days only `startTime`–`endTime` (an afternoon off).
 */
export const scheduleExceptions = pgTable(
  'schedule_exceptions',
  {
    ...tenantKeyColumns(),
    kind: scheduleExceptionKind('kind').notNull(),
    resourceKind: bookedResource('resource_kind'),
    resourceId: uuid('resource_id'),
    startsOn: date('starts_on', { mode: 'string' }).notNull(),
    endsOn: date('ends_on', { mode: 'string' }).notNull(),
    startTime: text('start_time'),
    endTime: text('end_time'),
    reason: text('reason'),
    createdById: uuid('created_by_id').notNull(),
    ...timestampColumns(),
  },
  (t) => [
    primaryKey({ columns: [t.clinicId, t.id] }),
    tenantForeignKey('schedule_exceptions_created_by_fk', [t.clinicId, t.createdById], users),
    check('schedule_exceptions_days', sql`${t.endsOn} >= ${t.startsOn}`),
    check(
      'schedule_exceptions_resource',
      sql`(${t.resourceKind} IS NULL) = (${t.resourceId} IS NULL)`,
    ),
    check(
      'schedule_exceptions_times',
      sql`(${t.startTime} IS NULL AND ${t.endTime} IS NULL) OR (${t.endTime} > ${t.startTime})`,
    ),
    index('schedule_exceptions_days_idx').on(t.clinicId, t.startsOn, t.endsOn),
  ],
);
