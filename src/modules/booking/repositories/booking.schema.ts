import { sql } from 'drizzle-orm';
import { check, index, pgEnum, pgTable, primaryKey, timestamp, uuid } from 'drizzle-orm/pg-core';

export const BOOKING_SOURCES = ['SURGICAL_CASE', 'APPOINTMENT'] as const;
export type BookingSource = (typeof BOOKING_SOURCES)[number];
export const bookingSource = pgEnum('booking_source', BOOKING_SOURCES);

export const BOOKED_RESOURCES = ['PROVIDER', 'ROOM'] as const;
export type BookedResource = (typeof BOOKED_RESOURCES)[number];
export const bookedResource = pgEnum('booked_resource', BOOKED_RESOURCES);

/**
 * The one ledger of held time (docs/calendar.md "One booking table"): a row per resource (the
 * provider, the room) of every live surgical case and every BOOKED or CHECKED_IN appointment.
 * Rows are written by triggers on `surgical_cases` and `appointments` (migration
 * 0023_calendar.sql), never by code, and the exclusion constraint `calendar_bookings_no_overlap`
 * (also there: drizzle cannot declare EXCLUDE) refuses two rows of one resource whose times meet:
 * a surgeon in theater is not free for a consultation, whichever of the two was booked first.
 * Resource ids are users' and rooms' UUIDs, unique across tables.
 */
export const calendarBookings = pgTable(
  'calendar_bookings',
  {
    clinicId: uuid('clinic_id').notNull(),
    sourceKind: bookingSource('source_kind').notNull(),
    sourceId: uuid('source_id').notNull(),
    resourceKind: bookedResource('resource_kind').notNull(),
    resourceId: uuid('resource_id').notNull(),
    startsAt: timestamp('starts_at', { withTimezone: true, mode: 'date' }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.clinicId, t.sourceKind, t.sourceId, t.resourceId] }),
    check('calendar_bookings_end_after_start', sql`${t.endsAt} > ${t.startsAt}`),
    // A resource's bookings in a window (availability, the day and week views).
    index('calendar_bookings_resource_idx').on(t.clinicId, t.resourceId, t.startsAt),
  ],
);
