import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clinicTimeZone, instantAt, setClinicTimeZone } from '../../lib/clinicTime';
import { closedRanges } from './TimeGrid';
import { hourSpan, minutesOf, overlapGroups, slotCells, visibleHours, within } from './placement';

// The clinic is in New York; the machine's own zone must not matter.
const ZONE = 'America/New_York';
let before: string;
beforeAll(() => {
  before = clinicTimeZone();
  setClinicTimeZone(ZONE);
});
afterAll(() => setClinicTimeZone(before));

const at = (day: number, hour: number, minute = 0, month = 12) =>
  instantAt({ year: 2026, month, day, hour, minute, second: 0 }).toISOString();
const span = (start: string, end: string) => ({ start, end });

describe('slotCells', () => {
  it('offers every half hour of the shown hours except those a booking meets', () => {
    const cells = slotCells('2026-12-07', { first: 9, end: 12 }, 30, [
      span(at(7, 9, 30), at(7, 10, 15)),
    ]);
    expect(cells.map((c) => c.minute / 60)).toEqual([9, 10.5, 11, 11.5]);
    expect(cells[0]?.start.toISOString()).toBe(at(7, 9));
    expect(cells[0]?.end.toISOString()).toBe(at(7, 9, 30));
  });

  it('leaves out cells already over', () => {
    const cells = slotCells('2026-12-07', { first: 9, end: 11 }, 30, [], new Date(at(7, 10, 10)));
    expect(cells.map((c) => c.minute)).toEqual([600, 630]);
  });

  it('skips the wall-clock hour a spring-forward change removes', () => {
    // 2026-03-08 in New York: 02:00 does not exist; 01:30 to 03:00 is half an hour of real time.
    const cells = slotCells('2026-03-08', { first: 1, end: 4 }, 30, []);
    const lengths = cells.map((c) => (c.end.getTime() - c.start.getTime()) / 60_000);
    expect(cells.map((c) => c.minute)).toEqual([60, 90, 180, 210]);
    expect(lengths).toEqual([30, 30, 30, 30]);
  });
});

describe('hourSpan and visibleHours', () => {
  it('covers the rows from the start hour to the hour after the last minute', () => {
    const { start, end } = { start: new Date(at(7, 0)), end: new Date(at(8, 0)) };
    expect(hourSpan(span(at(7, 9, 30), at(7, 10, 15)), start, end)).toEqual({ first: 9, end: 11 });
    expect(hourSpan(span(at(6, 9), at(6, 10)), start, end)).toBeNull();
    expect(
      visibleHours([
        { first: 6, end: 8 },
        { first: 12, end: 20 },
      ]),
    ).toEqual({
      first: 6,
      end: 20,
    });
  });
});

describe('overlapGroups', () => {
  it('groups entries whose times overlap and keeps touching ones apart', () => {
    const entries = [
      { id: 'c', ...span(at(7, 11), at(7, 12)) },
      { id: 'a', ...span(at(7, 9), at(7, 9, 30)) },
      { id: 'b', ...span(at(7, 9, 30), at(7, 10)) },
      { id: 'd', ...span(at(7, 11, 30), at(7, 12, 30)) },
    ];
    const groups = overlapGroups(entries, (e) => e).map((g) => g.map((e) => e.id).join('+'));
    expect(groups).toEqual(['a', 'b', 'c+d']);
  });
});

describe('working hours', () => {
  it('hatches what lies outside the open ranges of the shown hours', () => {
    const open = [
      { from: minutesOf('13:00'), to: minutesOf('17:00') },
      { from: minutesOf('08:00'), to: minutesOf('12:00') },
    ];
    expect(closedRanges(open, { first: 7, end: 19 })).toEqual([
      { from: 420, to: 480 },
      { from: 720, to: 780 },
      { from: 1020, to: 1140 },
    ]);
    expect(closedRanges([], { first: 7, end: 8 })).toEqual([{ from: 420, to: 480 }]);
    expect(within(open, 480, 510)).toBe(true);
    expect(within(open, 700, 730)).toBe(false);
  });
});
