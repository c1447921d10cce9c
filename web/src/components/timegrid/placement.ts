import { instantAt, wallClockAt } from '../../lib/clinicTime';

/**
 * The geometry of a day drawn on the clinic's clock (the theater day, the calendar's day and week
 * views): a column per lane (a room, a provider, a day), the hours of the clinic's clock down the
 * side, each entry drawn from its start to its end at `HOUR_PX` an hour, so its height is its
 * duration. Every clock reading goes through lib/clinicTime.ts: the browser's zone never counts.
 */

/** A span of time as the API gives it (ISO instants). */
export interface Timed {
  readonly start: string;
  readonly end: string;
}

/** The hours a grid always shows: rows 07:00 to 18:00, the last ending at 19:00. */
export const DEFAULT_HOURS = { first: 7, end: 19 } as const;

export interface Hours {
  /** The first row's hour, 0–23. */
  readonly first: number;
  /** The hour after the last row, 1–24. */
  readonly end: number;
}

/** The height of one hour of a grid, in CSS pixels. */
export const HOUR_PX = 96;

/** "07:00": the label of a row. */
export function hourLabel(hour: number): string {
  return `${String(hour).padStart(2, '0')}:00`;
}

/**
 * Minutes of the clinic's clock since the day's midnight, clamped to the day (0 to 24 × 60): the
 * rows are the clinic's hours, whatever the browser's zone.
 */
export function clockMinutes(instant: Date, dayStart: Date, dayEnd: Date): number {
  if (instant.getTime() <= dayStart.getTime()) return 0;
  if (instant.getTime() >= dayEnd.getTime()) return 24 * 60;
  const clock = wallClockAt(instant);
  return clock.hour * 60 + clock.minute + clock.second / 60;
}

/**
 * The hour rows a span covers within the day `[dayStart, dayEnd)`: from the hour it starts (0
 * when it began the day before) to the hour after its last minute (24 when it runs into the next
 * day); null when it does not overlap the day at all.
 */
export function hourSpan(
  span: Timed,
  dayStart: Date,
  dayEnd: Date,
): { first: number; end: number } | null {
  const start = new Date(span.start);
  const end = new Date(span.end);
  if (Number.isNaN(start.getTime()) || Number.isNaN(end.getTime())) return null;
  if (end.getTime() <= dayStart.getTime() || start.getTime() >= dayEnd.getTime()) return null;
  const first = start.getTime() <= dayStart.getTime() ? 0 : wallClockAt(start).hour;
  let last: number;
  if (end.getTime() >= dayEnd.getTime()) last = 24;
  else {
    const clock = wallClockAt(end);
    const partHour = clock.minute > 0 || clock.second > 0 || end.getMilliseconds() > 0;
    last = clock.hour + (partHour ? 1 : 0);
  }
  return { first, end: Math.max(first + 1, last) };
}

/** The rows to show: `base` widened to every span given (hours of entries or working hours). */
export function visibleHours(
  spans: readonly { first: number; end: number }[],
  base: Hours = DEFAULT_HOURS,
): Hours {
  let first = base.first;
  let end = base.end;
  for (const s of spans) {
    first = Math.min(first, s.first);
    end = Math.max(end, s.end);
  }
  return { first, end };
}

export interface BlockBox {
  /** From the top of the grid's first row. */
  readonly top: number;
  readonly height: number;
}

/**
 * Where a block of spans is drawn in a column whose first row is `firstHour`: from the earliest
 * start to the latest end, on the clinic's clock, `hourPx` per hour.
 */
export function timeBox(
  spans: readonly Timed[],
  firstHour: number,
  dayStart: Date,
  dayEnd: Date,
  hourPx: number = HOUR_PX,
): BlockBox {
  const starts = spans.map((s) => clockMinutes(new Date(s.start), dayStart, dayEnd));
  const ends = spans.map((s) => clockMinutes(new Date(s.end), dayStart, dayEnd));
  const start = Math.min(...starts);
  const end = Math.max(...ends);
  return {
    top: ((start - firstHour * 60) / 60) * hourPx,
    height: (Math.max(end - start, 0) / 60) * hourPx,
  };
}

/**
 * Entries whose times overlap, grouped (each group drawn as one block, its entries side by
 * side), in order of start. Entries that only touch (09:00–09:30, 09:30–10:00) are apart.
 */
export function overlapGroups<E>(entries: readonly E[], timesOf: (e: E) => Timed): E[][] {
  const sorted = [...entries].sort(
    (a, b) => Date.parse(timesOf(a).start) - Date.parse(timesOf(b).start),
  );
  const groups: { end: number; entries: E[] }[] = [];
  for (const e of sorted) {
    const { start, end } = timesOf(e);
    const last = groups.at(-1);
    if (last !== undefined && Date.parse(start) < last.end) {
      last.entries.push(e);
      last.end = Math.max(last.end, Date.parse(end));
    } else groups.push({ end: Date.parse(end), entries: [e] });
  }
  return groups.map((g) => g.entries);
}

/** A free cell of a column: a bookable stretch of the clinic's clock. */
export interface SlotCell {
  readonly start: Date;
  readonly end: Date;
  /** Minutes of the clinic's clock since midnight at its start (where it is drawn). */
  readonly minute: number;
}

const DAY_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * The cells of `day` (YYYY-MM-DD, the clinic's calendar) from `hours.first` to `hours.end`, one
 * every `step` minutes of the wall clock, without those that meet a busy span or end before
 * `notBefore`. A cell starting in the wall-clock hour a spring-forward change skips does not exist;
 * a cell ending in it ends at the instant after the gap.
 */
export function slotCells(
  day: string,
  hours: Hours,
  step: number,
  busy: readonly Timed[],
  notBefore: Date | null = null,
): SlotCell[] {
  const match = DAY_PATTERN.exec(day);
  if (match === null) return [];
  const [year, month, date] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const at = (minute: number) =>
    instantAt({
      year,
      month,
      day: date,
      hour: Math.floor(minute / 60),
      minute: minute % 60,
      second: 0,
    });
  const taken = busy.map((b) => [Date.parse(b.start), Date.parse(b.end)] as const);
  const cells: SlotCell[] = [];
  for (let minute = hours.first * 60; minute < hours.end * 60; minute += step) {
    const start = at(minute);
    const end = at(minute + step);
    const clock = wallClockAt(start);
    // A time inside a spring-forward gap reads back as another: that cell does not exist.
    if (clock.hour * 60 + clock.minute !== minute || end.getTime() <= start.getTime()) continue;
    if (notBefore !== null && end.getTime() <= notBefore.getTime()) continue;
    if (taken.some(([s, e]) => s < end.getTime() && start.getTime() < e)) continue;
    cells.push({ start, end, minute });
  }
  return cells;
}

/** A stretch of the clinic's clock in minutes since midnight, `[from, to)`. */
export interface MinuteRange {
  readonly from: number;
  readonly to: number;
}

/** 'HH:MM' as minutes since midnight ('24:00' is 1440). */
export function minutesOf(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
}

/** Whether `[from, to)` lies wholly inside one of the ranges. */
export function within(ranges: readonly MinuteRange[], from: number, to: number): boolean {
  return ranges.some((r) => r.from <= from && to <= r.to);
}
