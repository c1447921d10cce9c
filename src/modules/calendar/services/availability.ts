import { nextDay, zonedInstant } from '../../../common/time-zone';

/**
 * The free-slot computation of `GET /availability` (docs/calendar.md "Working hours and free
 * slots"): pure, no Nest, no database. The service reads hours, exceptions and bookings (three
 * queries for every provider at once) and hands them here.
 */

/** One working interval of a weekly pattern: ISO weekday (1 = Monday), "HH:MM" wall-clock times. */
export interface WeeklyInterval {
  weekday: number;
  start: string;
  end: string;
}

/**
 * Time off: whole clinic-local days `startsOn`–`endsOn` (inclusive), or on each of those days only
 * `startTime`–`endTime`.
 */
export interface TimeOff {
  startsOn: string;
  endsOn: string;
  startTime: string | null;
  endTime: string | null;
}

export interface Span {
  start: Date;
  end: Date;
}

export interface SlotResource {
  id: string;
  /** Its weekly pattern; null: none, it is open whenever the provider works (a room only). */
  hours: readonly WeeklyInterval[] | null;
  /** Its own exceptions (a provider's leave, a room closed). */
  timeOff: readonly TimeOff[];
  /** What holds it (the booking ledger), any order. */
  busy: readonly Span[];
}

export interface SlotQuery {
  timeZone: string;
  /** Clinic-local days, inclusive, YYYY-MM-DD. */
  from: string;
  to: string;
  slotMinutes: number;
  /** No slot starts before it. */
  now: Date;
  providers: readonly SlotResource[];
  room?: SlotResource;
  /** The clinic's holidays: nobody works, no room opens. */
  holidays: readonly TimeOff[];
}

export interface FreeSlot {
  providerId: string;
  roomId: string | null;
  start: Date;
  end: Date;
}

/** The grid slots start on: every quarter hour of the clinic's wall clock. */
export const GRID_MINUTES = 15;
const MINUTE = 60_000;

/** The days from `from` to `to` inclusive, YYYY-MM-DD. */
export function daysBetween(from: string, to: string): string[] {
  const days: string[] = [];
  const end = Date.parse(`${to}T00:00:00Z`);
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= end; t += 86_400_000)
    days.push(new Date(t).toISOString().slice(0, 10));
  return days;
}

/** The ISO weekday of a calendar day: 1 Monday … 7 Sunday. */
export function isoWeekday(day: string): number {
  const d = new Date(`${day}T00:00:00Z`).getUTCDay();
  return d === 0 ? 7 : d;
}

/**
 * The free slots of `slotMinutes`, sorted by start then provider id. A slot starts on the
 * clinic-local quarter-hour grid, lies wholly inside one working interval of its provider's day
 * (and one of the room's, when the room has a pattern), meets no holiday, no time off of the
 * provider or the room and no booking of either, and starts not before `now`. Wall-clock times
 * become instants per day with zonedInstant; slots are then measured on instants, so one that
 * crosses a skipped or repeated hour is as long as any other.
 */
export function freeSlots(q: SlotQuery): FreeSlot[] {
  const length = q.slotMinutes * MINUTE;
  const slots: FreeSlot[] = [];
  // Providers share their hours: each wall-clock time of a day is converted once.
  const instants = new Map<string, Date>();
  const at: ZonedAt = (day, time) => {
    const key = `${day}T${time}`;
    let instant = instants.get(key);
    if (instant === undefined) {
      instant = zonedInstant(day, time, q.timeZone);
      instants.set(key, instant);
    }
    return instant;
  };
  for (const day of daysBetween(q.from, q.to)) {
    if (q.holidays.some((h) => wholeDay(h, day))) continue;
    const weekday = isoWeekday(day);
    const roomSpans = q.room ? spansOf(q.room, day, weekday, at) : [undefined];
    if (q.room && roomSpans.length === 0) continue;
    // The local quarter hours of the day, as instants: t is on the grid when
    // (t + offset) is a multiple of 15 minutes, offset being the day's UTC offset. A DST change
    // moves the offset by a whole number of quarter hours, so one offset of the day serves.
    const offset = Date.parse(`${day}T00:00:00Z`) - at(day, '00:00').getTime();
    const commonBlocks = [
      ...partialBlocks(q.holidays, day, at),
      ...(q.room ? partialBlocks(q.room.timeOff, day, at) : []),
      ...(q.room?.busy ?? []),
    ];
    for (const provider of q.providers) {
      const providerSpans = spansOf(provider, day, weekday, at);
      if (providerSpans.length === 0) continue;
      const blocks = [
        ...commonBlocks,
        ...partialBlocks(provider.timeOff, day, at),
        ...provider.busy,
      ];
      for (const work of providerSpans) {
        for (const roomSpan of roomSpans) {
          const window = roomSpan ? intersect(work, roomSpan) : work;
          if (!window) continue;
          for (const free of subtract(window, blocks))
            for (const start of gridStarts(free, length, q.now, offset))
              slots.push({
                providerId: provider.id,
                roomId: q.room?.id ?? null,
                start: new Date(start),
                end: new Date(start + length),
              });
        }
      }
    }
  }
  return slots.sort(
    (a, b) =>
      a.start.getTime() - b.start.getTime() ||
      (a.providerId < b.providerId ? -1 : a.providerId > b.providerId ? 1 : 0),
  );
}

/** A clinic-local wall-clock time of a day as an instant (zonedInstant, memoized per search). */
type ZonedAt = (day: string, time: string) => Date;

/**
 * A resource's working intervals on `day` as instants; none on a day it is wholly off. A room
 * without a pattern is open all day (one span of the whole local day).
 */
function spansOf(r: SlotResource, day: string, weekday: number, at: ZonedAt): Span[] {
  if (r.timeOff.some((t) => wholeDay(t, day))) return [];
  if (r.hours === null) {
    return [{ start: at(day, '00:00'), end: at(nextDay(day), '00:00') }];
  }
  return r.hours
    .filter((h) => h.weekday === weekday)
    .map((h) => ({ start: at(day, h.start), end: at(day, h.end) }))
    .filter((s) => s.end > s.start);
}

function covers(t: TimeOff, day: string): boolean {
  return t.startsOn <= day && day <= t.endsOn;
}

function wholeDay(t: TimeOff, day: string): boolean {
  return covers(t, day) && (t.startTime === null || t.endTime === null);
}

/** The hours a partial-day exception takes out of `day`. */
function partialBlocks(timeOff: readonly TimeOff[], day: string, at: ZonedAt): Span[] {
  return timeOff
    .filter((t) => covers(t, day) && t.startTime !== null && t.endTime !== null)
    .map((t) => ({
      start: at(day, t.startTime!),
      end: at(day, t.endTime!),
    }));
}

function intersect(a: Span, b: Span): Span | undefined {
  const start = Math.max(a.start.getTime(), b.start.getTime());
  const end = Math.min(a.end.getTime(), b.end.getTime());
  return end > start ? { start: new Date(start), end: new Date(end) } : undefined;
}

/** `window` less every block, half-open: a block ending at 10:00 leaves 10:00 free. */
function subtract(window: Span, blocks: readonly Span[]): { start: number; end: number }[] {
  const sorted = blocks
    .filter((b) => b.start < window.end && b.end > window.start)
    .map((b) => ({ start: b.start.getTime(), end: b.end.getTime() }))
    .sort((a, b) => a.start - b.start);
  const free: { start: number; end: number }[] = [];
  let cursor = window.start.getTime();
  const end = window.end.getTime();
  for (const b of sorted) {
    if (b.start > cursor) free.push({ start: cursor, end: Math.min(b.start, end) });
    cursor = Math.max(cursor, b.end);
    if (cursor >= end) break;
  }
  if (end > cursor) free.push({ start: cursor, end });
  return free;
}

/**
 * The starts of slots of `length` ms inside `free`, on the local quarter-hour grid (`offset`: the
 * day's UTC offset in ms), not before `now`.
 */
function gridStarts(
  free: { start: number; end: number },
  length: number,
  now: Date,
  offset: number,
): number[] {
  const quarter = GRID_MINUTES * MINUTE;
  const earliest = Math.max(free.start, now.getTime());
  const past = (((earliest + offset) % quarter) + quarter) % quarter;
  const starts: number[] = [];
  for (
    let start = past === 0 ? earliest : earliest + quarter - past;
    start + length <= free.end;
    start += quarter
  )
    starts.push(start);
  return starts;
}
