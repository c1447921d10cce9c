/**
 * Wall-clock times in an IANA time zone, with Intl only (no time zone library): the theater's
 * days and opening hours are the clinic's local ones (docs/theater.md).
 */

const dayFormats = new Map<string, Intl.DateTimeFormat>();
const partFormats = new Map<string, Intl.DateTimeFormat>();

function dayFormat(zone: string): Intl.DateTimeFormat {
  let f = dayFormats.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', {
      timeZone: zone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    });
    dayFormats.set(zone, f);
  }
  return f;
}

function partFormat(zone: string): Intl.DateTimeFormat {
  let f = partFormats.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    partFormats.set(zone, f);
  }
  return f;
}

/** The local calendar day of an instant, `YYYY-MM-DD`. */
export function localDay(instant: Date, zone: string): string {
  return dayFormat(zone).format(instant);
}

/** The zone's offset from UTC at an instant, in milliseconds (east positive). */
function offsetAt(instant: Date, zone: string): number {
  const parts = Object.fromEntries(
    partFormat(zone)
      .formatToParts(instant)
      .filter((p) => p.type !== 'literal')
      .map((p) => [p.type, Number(p.value)]),
  );
  const wall = Date.UTC(
    parts.year ?? 0,
    (parts.month ?? 1) - 1,
    parts.day ?? 1,
    parts.hour ?? 0,
    parts.minute ?? 0,
    parts.second ?? 0,
  );
  return wall - Math.floor(instant.getTime() / 1000) * 1000;
}

/** The instant at which the zone's clocks show `day` (`YYYY-MM-DD`) `time` (`HH:MM`). */
export function zonedInstant(day: string, time: string, zone: string): Date {
  const [y, m, d] = day.split('-').map(Number);
  const [hh, mm] = time.split(':').map(Number);
  const wall = Date.UTC(y ?? 0, (m ?? 1) - 1, d ?? 1, hh ?? 0, mm ?? 0);
  // Twice: the offset at the first guess may differ across a DST change.
  const first = wall - offsetAt(new Date(wall), zone);
  return new Date(wall - offsetAt(new Date(first), zone));
}

/** The day after `day`, `YYYY-MM-DD`. */
export function nextDay(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

/** `[start, end)` of a local day, as instants. */
export function localDayBounds(day: string, zone: string): { start: Date; end: Date } {
  return {
    start: zonedInstant(day, '00:00', zone),
    end: zonedInstant(nextDay(day), '00:00', zone),
  };
}
