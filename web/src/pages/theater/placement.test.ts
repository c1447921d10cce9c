import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clinicTimeZone, instantAt, setClinicTimeZone } from '../../lib/clinicTime';
import { dayRange, parseDay, shiftDay } from './day';
import {
  blockBox,
  HOUR_PX,
  hourLabel,
  placeCases,
  type GridCell,
  type PlaceableCase,
} from './placement';

// Instants are built from the local clock, so the tests hold in any time zone.
const at = (hour: number, minute = 0, day = 5) =>
  new Date(2026, 11, day, hour, minute).toISOString();
const { start: dayStart, end: dayEnd } = dayRange('2026-12-05');

const ROOMS = [
  { id: 'or1', name: 'Operating Room 1', active: true },
  { id: 'or2', name: 'Operating Room 2', active: true },
  { id: 'or3', name: 'Old Room', active: false },
];

function kase(id: string, room: string, start: string, end: string): PlaceableCase {
  return {
    id,
    operatingRoomId: room,
    operatingRoomName: room.toUpperCase(),
    scheduledStart: start,
    scheduledEnd: end,
  };
}

/** The grid as text: one line per row, a cell as case ids with their span, '.' free, '^' covered. */
function sketch(cases: PlaceableCase[]): string[] {
  const grid = placeCases(cases, ROOMS, dayStart, dayEnd);
  const cell = (c: GridCell<PlaceableCase>) =>
    c.kind === 'free'
      ? '.'
      : c.kind === 'covered'
        ? '^'
        : `${c.cases.map((k) => k.id).join('+')}/${c.rowSpan}`;
  return grid.rows.map((r) => `${hourLabel(r.hour)} ${r.cells.map(cell).join(' ')}`);
}

describe('placeCases', () => {
  it('shows 07:00 to 19:00 for the active rooms on a day without cases', () => {
    const grid = placeCases([], ROOMS, dayStart, dayEnd);
    expect(grid.rooms.map((r) => r.name)).toEqual(['Operating Room 1', 'Operating Room 2']);
    expect(grid.rows.map((r) => r.hour)).toEqual([7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18]);
    expect(grid.rows.every((r) => r.cells.every((c) => c.kind === 'free'))).toBe(true);
  });

  it('puts a case in its room from its start hour over the hours it lasts', () => {
    const rows = sketch([
      kase('a', 'or1', at(8), at(10)),
      kase('b', 'or2', at(9, 30), at(12)),
      kase('c', 'or1', at(10), at(10, 45)),
    ]);
    expect(rows.slice(0, 6)).toEqual([
      '07:00 . .',
      '08:00 a/2 .',
      '09:00 ^ b/3',
      '10:00 c/1 ^',
      '11:00 . ^',
      '12:00 . .',
    ]);
  });

  it('keeps overlapping cases of one room in one block', () => {
    const rows = sketch([
      kase('cancelled', 'or1', at(9), at(11)),
      kase('rebooked', 'or1', at(10), at(12)),
      kase('half', 'or2', at(9), at(9, 30)),
      kase('other-half', 'or2', at(9, 30), at(10)),
    ]);
    expect(rows[2]).toBe('09:00 cancelled+rebooked/3 half+other-half/1');
    expect(rows[3]).toBe('10:00 ^ .');
    expect(rows[4]).toBe('11:00 ^ .');
  });

  it('extends the hours for cases before 07:00 and after 19:00', () => {
    const rows = sketch([
      kase('early', 'or1', at(5, 30), at(7)),
      kase('late', 'or2', at(18), at(20, 15)),
    ]);
    expect(rows[0]).toBe('05:00 early/2 .');
    expect(rows.at(-1)).toBe('20:00 . ^');
    expect(rows).toHaveLength(16);
  });

  it('clips a case crossing midnight to the part of it on this day', () => {
    const rows = sketch([
      kase('overnight', 'or1', at(22, 0, 4), at(1, 0, 5)),
      kase('night', 'or2', at(23), at(2, 0, 6)),
    ]);
    expect(rows[0]).toBe('00:00 overnight/1 .');
    expect(rows.at(-1)).toBe('23:00 . night/1');
    expect(rows).toHaveLength(24);
  });

  it('leaves out cases of another day', () => {
    const grid = placeCases(
      [
        kase('yesterday', 'or1', at(8, 0, 4), at(10, 0, 4)),
        kase('ends-at-midnight', 'or1', at(22, 0, 4), at(0, 0, 5)),
      ],
      ROOMS,
      dayStart,
      dayEnd,
    );
    expect(grid.rows.flatMap((r) => r.cells).every((c) => c.kind === 'free')).toBe(true);
  });

  it('adds a column for an inactive or unlisted room that holds a case', () => {
    const grid = placeCases(
      [kase('x', 'or3', at(8), at(9)), kase('y', 'gone', at(8), at(9))],
      ROOMS,
      dayStart,
      dayEnd,
    );
    expect(grid.rooms.map((r) => r.name)).toEqual([
      'Operating Room 1',
      'Operating Room 2',
      'Old Room',
      'GONE',
    ]);
    expect(grid.rows[1]?.cells.map((c) => c.kind)).toEqual(['free', 'free', 'cases', 'cases']);
  });
});

describe('blockBox', () => {
  it('draws a 3-hour case three times as tall as a 1-hour one, from its start', () => {
    const three = blockBox([kase('a', 'or1', at(9), at(12))], 7, dayStart, dayEnd);
    const one = blockBox([kase('b', 'or1', at(13), at(14))], 7, dayStart, dayEnd);
    expect(three).toEqual({ top: 2 * HOUR_PX, height: 3 * HOUR_PX });
    expect(one).toEqual({ top: 6 * HOUR_PX, height: HOUR_PX });
    expect(three.height / one.height).toBe(3);
  });

  it('places minutes exactly and spans every case of a shared block', () => {
    const box = blockBox(
      [kase('a', 'or1', at(9, 30), at(10, 15)), kase('b', 'or1', at(10), at(11, 45))],
      7,
      dayStart,
      dayEnd,
      60,
    );
    expect(box).toEqual({ top: 150, height: 135 });
  });

  it('clips a case crossing midnight to the day', () => {
    const box = blockBox([kase('n', 'or1', at(22, 0, 4), at(2, 0, 5))], 0, dayStart, dayEnd, 60);
    expect(box).toEqual({ top: 0, height: 120 });
  });
});

describe('theater days', () => {
  it('reads only real calendar dates', () => {
    expect(parseDay('2026-12-05')).toBe('2026-12-05');
    expect(parseDay('2026-02-30')).toBeNull();
    expect(parseDay('12/05/2026')).toBeNull();
    expect(parseDay(null)).toBeNull();
  });

  it('steps over month and year ends', () => {
    expect(shiftDay('2026-12-31', 1)).toBe('2027-01-01');
    expect(shiftDay('2026-03-01', -1)).toBe('2026-02-28');
  });

  it('spans the day from local midnight to the next', () => {
    const { start, end } = dayRange('2026-12-05');
    expect(start.getHours()).toBe(0);
    expect(start.getDate()).toBe(5);
    expect(end.getDate()).toBe(6);
    expect(end.getHours()).toBe(0);
  });
});

describe("blockBox in the clinic's zone", () => {
  // Chosen away from UTC and from most machines' zones: the browser's clock must not count.
  const ZONE = 'Asia/Kathmandu';
  const atClinic = (hour: number, minute = 0) =>
    instantAt({ year: 2026, month: 12, day: 5, hour, minute, second: 0 }, ZONE);
  let before: string;
  beforeAll(() => {
    before = clinicTimeZone();
    setClinicTimeZone(ZONE);
  });
  afterAll(() => setClinicTimeZone(before));

  it("draws a 9:00 case at the clinic's 9:00 row, whatever the browser's zone", () => {
    const start = atClinic(0);
    const end = new Date(start.getTime() + 24 * 3600_000);
    const box = blockBox(
      [kase('a', 'or1', atClinic(9).toISOString(), atClinic(10, 30).toISOString())],
      7,
      start,
      end,
      60,
    );
    expect(box).toEqual({ top: 120, height: 90 });
  });
});
