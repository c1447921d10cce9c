import { instantOfPickerValue, pickerValueAt } from '../../lib/clinicTime';

/**
 * A DateTimeField's value, "YYYY-MM-DD HH:mm:ss" on the clinic's clock (lib/clinicTime.ts), as
 * the instant the API takes (ISO 8601, UTC); null when it is not a date and time.
 */
export function pickerToIso(value: string | null): string | null {
  if (value === null || !/[ T]\d{2}:\d{2}/.test(value)) return null;
  return instantOfPickerValue(value)?.toISOString() ?? null;
}

/** A picker value some hours later, in the picker's own format (the default end of a surgery). */
export function pickerPlusHours(value: string, hours: number): string | null {
  const iso = pickerToIso(value);
  if (iso === null) return null;
  return pickerValueAt(new Date(new Date(iso).getTime() + hours * 3_600_000));
}

/** What is wrong with a start and end before asking the API (which checks them again). */
export function scheduleTimeErrors(
  start: string | null,
  end: string | null,
  now: Date = new Date(),
): { scheduledStart?: string; scheduledEnd?: string } {
  const errors: { scheduledStart?: string; scheduledEnd?: string } = {};
  const s = pickerToIso(start);
  const e = pickerToIso(end);
  if (s === null) errors.scheduledStart = 'Choose the start';
  else if (new Date(s) < now) errors.scheduledStart = 'The start is in the past';
  if (e === null) errors.scheduledEnd = 'Choose the end';
  else if (s !== null) {
    const hours = (new Date(e).getTime() - new Date(s).getTime()) / 3_600_000;
    if (hours <= 0) errors.scheduledEnd = 'The end must be after the start';
    else if (hours > 24) errors.scheduledEnd = 'A surgery is booked for at most 24 hours';
  }
  return errors;
}
