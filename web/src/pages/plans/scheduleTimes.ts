/**
 * A DateTimeField's value, "YYYY-MM-DD HH:mm:ss" in the browser's time zone, as the instant
 * the API takes (ISO 8601, UTC); null when it is not a date and time.
 */
export function pickerToIso(value: string | null): string | null {
  if (value === null) return null;
  const match = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2}))?/.exec(value);
  if (match === null) return null;
  const [, y, mo, d, h, mi, s] = match.map(Number) as [number, ...number[]];
  const local = new Date(y ?? 0, (mo ?? 1) - 1, d, h, mi, s ?? 0);
  return Number.isNaN(local.getTime()) ? null : local.toISOString();
}

/** A picker value some hours later, in the picker's own format (the default end of a surgery). */
export function pickerPlusHours(value: string, hours: number): string | null {
  const iso = pickerToIso(value);
  if (iso === null) return null;
  const end = new Date(new Date(iso).getTime() + hours * 3_600_000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return (
    `${end.getFullYear()}-${pad(end.getMonth() + 1)}-${pad(end.getDate())} ` +
    `${pad(end.getHours())}:${pad(end.getMinutes())}:00`
  );
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
