import { instantAt } from './clinicTime';

/** Calendar days (the theater's, the calendar's), on the clinic's calendar (lib/clinicTime.ts). */
const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

function parts(day: string): [number, number, number] | null {
  const match = ISO_DAY.exec(day);
  if (match === null) return null;
  return [Number(match[1]), Number(match[2]), Number(match[3])];
}

/** `2026-12-05` as given, or null for anything that is not a real calendar date. */
export function parseDay(value: string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  const p = parts(value);
  if (p === null) return null;
  const [y, m, d] = p;
  // A round trip catches 2026-02-30 and years Date would read as 19xx.
  return utcDay(new Date(Date.UTC(y, m - 1, d))) === value ? value : null;
}

/** The day's midnight at the clinic and the next one: 23 or 25 hours apart on a clock-change day. */
export function dayRange(day: string): { start: Date; end: Date } {
  const p = parts(day);
  if (p === null) throw new Error(`Not a calendar date: ${day}`);
  const [year, month, d] = p;
  const midnight = { year, month, hour: 0, minute: 0, second: 0 };
  return { start: instantAt({ ...midnight, day: d }), end: instantAt({ ...midnight, day: d + 1 }) };
}

/** The calendar day `delta` days from `day`: `shiftDay('2026-12-31', 1)` is `2027-01-01`. */
export function shiftDay(day: string, delta: number): string {
  const p = parts(day);
  if (p === null) throw new Error(`Not a calendar date: ${day}`);
  const [y, m, d] = p;
  return utcDay(new Date(Date.UTC(y, m - 1, d + delta)));
}

/** A date made with Date.UTC, back as YYYY-MM-DD: calendar arithmetic in no zone at all. */
function utcDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** The Monday of the week holding `day`. */
export function weekStart(day: string): string {
  const p = parts(day);
  if (p === null) throw new Error(`Not a calendar date: ${day}`);
  const [y, m, d] = p;
  const weekday = (new Date(y, m - 1, d).getDay() + 6) % 7;
  return shiftDay(day, -weekday);
}
