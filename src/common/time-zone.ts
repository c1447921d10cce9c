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

/** Minutes to add to UTC to get the wall-clock time in `timeZone` at `instant`. */
export function offsetMinutesAt(instant: Date, timeZone: string): number {
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
  const asUtc = Date.UTC(
    part('year'),
    part('month') - 1,
    part('day'),
    part('hour'),
    part('minute'),
    part('second'),
  );
  return Math.round((asUtc - Math.floor(instant.getTime() / 1000) * 1000) / 60_000);
}

/**
 * The instant a wall-clock time in `timeZone` names: `2026-01-15`, `09:00` in America/Los_Angeles
 * is 17:00Z. A time skipped by a spring-forward gap moves forward by the gap (02:30 → 03:30); a time
 * that happens twice in the autumn is its first occurrence.
 */
export function zonedInstant(date: string, time: string, timeZone: string): Date {
  const [y, mo, d] = date.split('-').map(Number);
  const [h, mi] = time.split(':').map(Number);
  const wall = Date.UTC(y ?? NaN, (mo ?? NaN) - 1, d ?? NaN, h ?? NaN, mi ?? NaN);
  // Try the offsets in force a day either side; keep the earliest that reads back as the wall time.
  const offsets = new Set(
    [-1, 0, 1].map((days) => offsetMinutesAt(new Date(wall + days * 86_400_000), timeZone)),
  );
  const fits = [...offsets]
    .map((offset) => wall - offset * 60_000)
    .filter((t) => t + offsetMinutesAt(new Date(t), timeZone) * 60_000 === wall)
    .sort((a, b) => a - b);
  if (fits[0] !== undefined) return new Date(fits[0]);
  // In a gap: read it with the offset before the gap, which lands after it.
  return new Date(wall - offsetMinutesAt(new Date(wall - 86_400_000), timeZone) * 60_000);
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
