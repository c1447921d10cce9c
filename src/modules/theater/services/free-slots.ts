/** How many free slots a schedule clash offers. */
export const MAX_SUGGESTED_SLOTS = 3;

export interface Interval {
  start: Date;
  end: Date;
}

/**
 * The free slots of `duration` ms inside `[open, close)` that avoid every busy interval, nearest
 * to `wanted` first (ties: the earlier), at most `MAX_SUGGESTED_SLOTS`. From each gap long enough
 * it offers the start nearest the wanted one, the gap's start and the gap's last start.
 */
export function nearestFreeSlots(
  wanted: Date,
  duration: number,
  open: Date,
  close: Date,
  busy: readonly Interval[],
): Interval[] {
  const sorted = [...busy].sort((a, b) => a.start.getTime() - b.start.getTime());
  const gaps: { start: number; end: number }[] = [];
  let cursor = open.getTime();
  for (const b of sorted) {
    if (b.start.getTime() > cursor) gaps.push({ start: cursor, end: b.start.getTime() });
    cursor = Math.max(cursor, b.end.getTime());
  }
  if (close.getTime() > cursor) gaps.push({ start: cursor, end: close.getTime() });
  const starts = new Set<number>();
  for (const gap of gaps) {
    const last = gap.end - duration;
    if (last < gap.start) continue;
    starts.add(Math.min(Math.max(wanted.getTime(), gap.start), last));
    starts.add(gap.start);
    starts.add(last);
  }
  const w = wanted.getTime();
  return [...starts]
    .sort((a, b) => Math.abs(a - w) - Math.abs(b - w) || a - b)
    .slice(0, MAX_SUGGESTED_SLOTS)
    .sort((a, b) => a - b)
    .map((start) => ({ start: new Date(start), end: new Date(start + duration) }));
}
