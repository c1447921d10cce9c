/**
 * The clinic's time zone (docs/clinic.md "Time zones"): every instant is shown, and every typed
 * date and time is read, on the clinic's wall clock, whatever the browser's zone. The app frame
 * sets the zone from GET /clinic before any page renders (layout/ClinicTimeZone.tsx); until then,
 * and in tests that set nothing, it is the browser's.
 */

import {
  instantAt as instantIn,
  wallClockAt as wallClockIn,
  type WallClock,
} from '../../../src/common/time-zone';

const BROWSER_ZONE = Intl.DateTimeFormat().resolvedOptions().timeZone;
let zone = BROWSER_ZONE;

export function setClinicTimeZone(timeZone: string): void {
  zone = timeZone;
}

export function clinicTimeZone(): string {
  return zone;
}

/** What the clinic's clock and calendar read at `instant`. */
export function wallClockAt(instant: Date, timeZone: string = zone): WallClock {
  return wallClockIn(instant, timeZone);
}

/**
 * The instant the clinic's clock reads `wall` at, as the server reads it (src/common/time-zone.ts):
 * a typed time in a skipped or repeated hour means the same on both sides. `wall` may overflow
 * (hour 24, day 32): it is read as Date.UTC reads it.
 */
export function instantAt(wall: WallClock, timeZone: string = zone): Date {
  return instantIn(wall, timeZone);
}

const pad = (n: number) => String(n).padStart(2, '0');

/** "2026-11-28": the calendar date of an instant on the clinic's calendar. */
export function isoDateAt(instant: Date, timeZone: string = zone): string {
  const w = wallClockAt(instant, timeZone);
  return `${w.year}-${pad(w.month)}-${pad(w.day)}`;
}

/** "2026-11-28 09:30:00": an instant as date inputs write their value, on the clinic's clock. */
export function pickerValueAt(instant: Date, timeZone: string = zone): string {
  const w = wallClockAt(instant, timeZone);
  return `${isoDateAt(instant, timeZone)} ${pad(w.hour)}:${pad(w.minute)}:${pad(w.second)}`;
}

const PICKER = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?)?$/;

/**
 * "2026-11-28 09:30[:00]" (a date input's value) or "2026-11-28" (its midnight), read on the
 * clinic's clock; null when it is not a real date and time.
 */
export function instantOfPickerValue(value: string, timeZone: string = zone): Date | null {
  const match = PICKER.exec(value.trim());
  if (match === null) return null;
  const [year, month, day, hour, minute, second] = match.slice(1).map((v) => Number(v ?? 0)) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const check = new Date(Date.UTC(year, month - 1, day, hour, minute, second));
  if (
    check.getUTCFullYear() !== year ||
    check.getUTCMonth() !== month - 1 ||
    check.getUTCDate() !== day ||
    check.getUTCHours() !== hour ||
    check.getUTCMinutes() !== minute
  )
    return null;
  return instantAt({ year, month, day, hour, minute, second }, timeZone);
}

/** "Eastern Time (America/New_York)": the zone as the header names it. */
export function timeZoneLabel(timeZone: string = zone): string {
  const name = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longGeneric' })
    .formatToParts(new Date())
    .find((p) => p.type === 'timeZoneName')?.value;
  return name === undefined || name === timeZone ? timeZone : `${name} (${timeZone})`;
}
