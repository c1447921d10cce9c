/**
 * A weekly pattern as the working-hours form types it: one line per weekday, each a list of
 * ranges ("08:00-12:00, 13:00-17:00"; an en dash or "to" also reads), empty for a day off.
 */

export const WEEKDAYS = [
  'Monday',
  'Tuesday',
  'Wednesday',
  'Thursday',
  'Friday',
  'Saturday',
  'Sunday',
] as const;

export interface Interval {
  weekday: number;
  start: string;
  end: string;
}

const RANGE = /^([01]?\d|2[0-3]):([0-5]\d)\s*(?:-|–|to)\s*([01]?\d|2[0-3]):([0-5]\d)$/;
const pad = (h: string) => h.padStart(2, '0');

/** One weekday's text as intervals, or the message to show under its field. */
export function parseDay(
  text: string,
  weekday: number,
): { intervals: Interval[] } | { error: string } {
  const parts = text
    .split(/[,;]/)
    .map((p) => p.trim())
    .filter((p) => p !== '');
  const intervals: Interval[] = [];
  for (const part of parts) {
    const m = RANGE.exec(part);
    if (m === null) return { error: `"${part}" is not a range like 08:00-12:00` };
    const start = `${pad(m[1] ?? '')}:${m[2]}`;
    const end = `${pad(m[3] ?? '')}:${m[4]}`;
    if (end <= start) return { error: `${part}: the end must be after the start` };
    intervals.push({ weekday, start, end });
  }
  intervals.sort((a, b) => a.start.localeCompare(b.start));
  for (let i = 1; i < intervals.length; i++) {
    const prev = intervals[i - 1];
    const cur = intervals[i];
    if (prev !== undefined && cur !== undefined && cur.start < prev.end)
      return { error: `${prev.start}-${prev.end} and ${cur.start}-${cur.end} overlap` };
  }
  return { intervals };
}

/** A weekday's intervals as the form shows them: "08:00-12:00, 13:00-17:00". */
export function dayText(intervals: readonly Interval[], weekday: number): string {
  return intervals
    .filter((i) => i.weekday === weekday)
    .sort((a, b) => a.start.localeCompare(b.start))
    .map((i) => `${i.start}-${i.end}`)
    .join(', ');
}
