/**
 * IANA time zones (docs/design.md "Time zones"): a clinic keeps its times in one zone; instants
 * are stored in UTC and shown, printed and typed in the clinic's zone. Intl only, no library.
 */

/** The zone every clinic made before time zones existed got, and the fallback for new ones. */
export const FALLBACK_TIME_ZONE = 'America/New_York';

const canonical = new Map(
  [...Intl.supportedValuesOf('timeZone'), 'UTC'].map((name) => [name.toLowerCase(), name]),
);

/**
 * True for a zone Intl knows: 'America/New_York', 'UTC', and aliases such as 'Asia/Kolkata' or
 * 'US/Eastern' (Intl matches names without regard to case).
 */
export function isTimeZone(name: string): boolean {
  if (name.trim() !== name || name === '') return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/** A known zone as IANA spells it ('america/new_york' → 'America/New_York'); aliases as given. */
export function timeZoneSpelling(name: string): string {
  return canonical.get(name.toLowerCase()) ?? name;
}

/**
 * The zone of a new clinic when none is given: the server's own zone when the machine is set to a
 * place, else FALLBACK_TIME_ZONE (servers and containers usually run in UTC, which no practice is in).
 */
export function defaultClinicTimeZone(
  serverZone: string = Intl.DateTimeFormat().resolvedOptions().timeZone,
): string {
  if (!serverZone || serverZone === 'UTC' || serverZone.startsWith('Etc/'))
    return FALLBACK_TIME_ZONE;
  return isTimeZone(serverZone) ? serverZone : FALLBACK_TIME_ZONE;
}

/**
 * One formatter per zone and purpose, made on first use: making an Intl.DateTimeFormat costs far
 * more than using one, and the theater's slots and days ask for the same zone many times a request.
 */
function cachedFormat(
  cache: Map<string, Intl.DateTimeFormat>,
  timeZone: string,
  make: (timeZone: string) => Intl.DateTimeFormat,
): Intl.DateTimeFormat {
  let format = cache.get(timeZone);
  if (format === undefined) {
    format = make(timeZone);
    cache.set(timeZone, format);
  }
  return format;
}

const partsFormats = new Map<string, Intl.DateTimeFormat>();
const dateFormats = new Map<string, Intl.DateTimeFormat>();

/** A wall-clock reading: the calendar date and the time of day, as numbers. */
export interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

/** What the clock and calendar of `timeZone` read at `instant`. */
export function wallClockAt(instant: Date, timeZone: string): WallClock {
  const parts = cachedFormat(
    partsFormats,
    timeZone,
    (zone) =>
      new Intl.DateTimeFormat('en-US', {
        timeZone: zone,
        hourCycle: 'h23',
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
        second: '2-digit',
      }),
  ).formatToParts(instant);
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

/** A wall-clock reading as the UTC instant that reads the same, in milliseconds. */
function wallClockMs(wall: WallClock): number {
  return Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second);
}

/** Minutes to add to UTC to get the wall-clock time in `timeZone` at `instant`. */
function offsetMinutesAt(instant: Date, timeZone: string): number {
  const whole = Math.floor(instant.getTime() / 1000) * 1000;
  return Math.round((wallClockMs(wallClockAt(new Date(whole), timeZone)) - whole) / 60_000);
}

/**
 * The instant `timeZone`'s clock reads `wall` at. A time skipped by a spring-forward gap moves
 * forward by the gap (02:30 → 03:30); a time that happens twice in the autumn is its first
 * occurrence. `wall` may overflow (hour 24, day 32): it is read as Date.UTC reads it.
 */
export function instantAt(wall: WallClock, timeZone: string): Date {
  const target = wallClockMs(wall);
  // Try the offsets in force a day either side; keep the earliest that reads back as the wall time.
  const offsets = new Set(
    [-1, 0, 1].map((days) => offsetMinutesAt(new Date(target + days * 86_400_000), timeZone)),
  );
  const fits = [...offsets]
    .map((offset) => target - offset * 60_000)
    .filter((t) => t + offsetMinutesAt(new Date(t), timeZone) * 60_000 === target)
    .sort((a, b) => a - b);
  if (fits[0] !== undefined) return new Date(fits[0]);
  // In a gap: read it with the offset before the gap, which lands after it.
  return new Date(target - offsetMinutesAt(new Date(target - 86_400_000), timeZone) * 60_000);
}

/**
 * The instant a wall-clock time in `timeZone` names: `2026-01-15`, `09:00` in America/Los_Angeles
 * is 17:00Z (skipped and repeated times as `instantAt` reads them).
 */
export function zonedInstant(date: string, time: string, timeZone: string): Date {
  const [year, month, day] = date.split('-').map(Number);
  const [hour, minute] = time.split(':').map(Number);
  return instantAt(
    {
      year: year ?? NaN,
      month: month ?? NaN,
      day: day ?? NaN,
      hour: hour ?? NaN,
      minute: minute ?? NaN,
      second: 0,
    },
    timeZone,
  );
}

/** The calendar date (YYYY-MM-DD) an instant falls on in `timeZone`. */
export function zonedDate(instant: Date, timeZone: string): string {
  return cachedFormat(
    dateFormats,
    timeZone,
    (zone) =>
      new Intl.DateTimeFormat('en-CA', {
        timeZone: zone,
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
      }),
  ).format(instant);
}

/** The calendar day after `day` (`YYYY-MM-DD`): a date, with no zone. */
export function nextDay(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}
