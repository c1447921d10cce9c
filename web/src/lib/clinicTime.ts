/**
 * The clinic's time zone (docs/clinic.md "Time zones"): every instant is shown, and every typed
 * date and time is read, on the clinic's wall clock, whatever the browser's zone. The app frame
 * sets the zone from GET /clinic before any page renders (layout/ClinicTimeZone.tsx); until then,
 * and in tests that set nothing, it is the browser's.
 */

const BROWSER_ZONE = Intl.DateTimeFormat().resolvedOptions().timeZone;
let zone = BROWSER_ZONE;

export function setClinicTimeZone(timeZone: string): void {
  zone = timeZone;
}

export function clinicTimeZone(): string {
  return zone;
}

/** A wall-clock reading: the calendar date and the time of day, as numbers. */
export interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const partsFormats = new Map<string, Intl.DateTimeFormat>();

function partsFormat(timeZone: string): Intl.DateTimeFormat {
  let format = partsFormats.get(timeZone);
  if (format === undefined) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    partsFormats.set(timeZone, format);
  }
  return format;
}

/** What the clinic's clock and calendar read at `instant`. */
export function wallClockAt(instant: Date, timeZone: string = zone): WallClock {
  const parts = partsFormat(timeZone).formatToParts(instant);
  const part = (type: Intl.DateTimeFormatPartTypes) =>
    Number(parts.find((p) => p.type === type)?.value);
  return {
    year: part('year'),
    month: part('month'),
    day: part('day'),
    hour: part('hour'),
    minute: part('minute'),
    second: part('second'),
  };
}

function wallClockMs(w: WallClock): number {
  return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
}

/** Minutes the zone's clock is ahead of UTC at `instant`. */
function offsetMinutes(instant: number, timeZone: string): number {
  const whole = Math.floor(instant / 1000) * 1000;
  return Math.round((wallClockMs(wallClockAt(new Date(whole), timeZone)) - whole) / 60_000);
}

/**
 * The instant the clinic's clock reads `wall` at. A reading skipped by the spring change (02:30)
 * is read as the same time after the gap (03:30); one that happens twice in the autumn is the
 * first. `wall` may overflow (hour 24, day 32): it is read as Date.UTC reads it.
 */
export function instantAt(wall: WallClock, timeZone: string = zone): Date {
  const target = wallClockMs(wall);
  const offsets = new Set([-1, 0, 1].map((d) => offsetMinutes(target + d * 86_400_000, timeZone)));
  const fits = [...offsets]
    .map((offset) => target - offset * 60_000)
    .filter((t) => t + offsetMinutes(t, timeZone) * 60_000 === target)
    .sort((a, b) => a - b);
  const first = fits[0];
  if (first !== undefined) return new Date(first);
  return new Date(target - offsetMinutes(target - 86_400_000, timeZone) * 60_000);
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
