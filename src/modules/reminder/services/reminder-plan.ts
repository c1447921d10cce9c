import type { ReminderChannel } from '../repositories/reminder.schema';

/** 48 hours and 2 hours before the visit (issue 19). */
export const DEFAULT_REMINDER_OFFSETS: readonly number[] = [2880, 120];

/** A reminder whose time has passed at booking is sent at once only if the visit is further off. */
export const SEND_AT_ONCE_MIN_LEAD_MINUTES = 60;

export interface PlannedReminder {
  channel: ReminderChannel;
  offsetMinutes: number;
  dueAt: Date;
  status: 'PENDING' | 'SKIPPED';
  lastError: string | null;
}

/**
 * The reminders of a visit starting at `start`, booked (or moved) at `now`, one per offset and
 * channel (docs/calendar.md "Reminders"):
 * - an offset still ahead: PENDING, due at start − offset;
 * - of the offsets already passed, the nearest (smallest) one is sent at once (due now) when
 *   the visit is more than an hour away, so a visit booked for tomorrow still gets its
 *   invitation; every other passed offset is SKIPPED ("time passed at booking").
 */
export function planReminders(input: {
  start: Date;
  now: Date;
  offsetsMinutes: readonly number[];
  channels: readonly ReminderChannel[];
}): PlannedReminder[] {
  const { start, now } = input;
  const offsets = [...new Set(input.offsetsMinutes)].sort((a, b) => b - a);
  const dueOf = (offset: number) => new Date(start.getTime() - offset * 60_000);
  const passed = offsets.filter((offset) => dueOf(offset).getTime() <= now.getTime());
  const leadMinutes = (start.getTime() - now.getTime()) / 60_000;
  const atOnce =
    passed.length > 0 && leadMinutes > SEND_AT_ONCE_MIN_LEAD_MINUTES
      ? Math.min(...passed)
      : undefined;
  return input.channels.flatMap((channel) =>
    offsets.map((offsetMinutes): PlannedReminder => {
      const due = dueOf(offsetMinutes);
      if (due.getTime() > now.getTime())
        return { channel, offsetMinutes, dueAt: due, status: 'PENDING', lastError: null };
      if (offsetMinutes === atOnce)
        return { channel, offsetMinutes, dueAt: now, status: 'PENDING', lastError: null };
      return {
        channel,
        offsetMinutes,
        dueAt: due,
        status: 'SKIPPED',
        lastError: 'time passed at booking',
      };
    }),
  );
}
