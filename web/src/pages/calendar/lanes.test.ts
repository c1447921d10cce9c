import { describe, expect, it } from 'vitest';
import type { OperatingRoom, StaffUser } from '../../api/queries';
import type { ScheduleException, TimedAppointment, WorkingHours } from './api';
import {
  isoWeekday,
  openRanges,
  providerDayLanes,
  roomDayLanes,
  weekLanes,
  type CalendarData,
} from './lanes';

const user = (id: string, role: StaffUser['role'], active = true) =>
  ({ id, name: id.toUpperCase(), role, active }) as StaffUser;
const hours = (resourceId: string, weekdays: number[]): WorkingHours => ({
  resourceKind: 'PROVIDER',
  resourceId,
  intervals: weekdays.flatMap((weekday) => [
    { weekday, start: '08:00', end: '12:00' },
    { weekday, start: '13:00', end: '17:00' },
  ]),
});
const exception = (e: Partial<ScheduleException>): ScheduleException => ({
  id: 'x',
  kind: 'LEAVE',
  resourceKind: 'PROVIDER',
  resourceId: 'lee',
  startsOn: '2026-12-07',
  endsOn: '2026-12-07',
  startTime: null,
  endTime: null,
  reason: null,
  createdAt: '',
  createdById: '',
  ...e,
});
const appointment = (id: string, providerId: string, start: string, end: string) =>
  ({ id, providerId, examRoomId: 'exam1', start, end }) as TimedAppointment;

const data = (over: Partial<CalendarData> = {}): CalendarData => ({
  staff: [
    user('lee', 'SURGEON'),
    user('nair', 'NURSE'),
    user('kim', 'BILLING'),
    user('old', 'SURGEON', false),
  ],
  examRooms: [
    { id: 'exam1', name: 'Exam 1', active: true, version: 1, createdAt: '', updatedAt: '' },
  ],
  operatingRooms: [
    { id: 'or1', name: 'OR 1', active: true, opensAt: '07:00', closesAt: '19:00' } as OperatingRoom,
  ],
  hours: [hours('lee', [1, 2, 3, 4, 5]), hours('kim', [1])],
  exceptions: [],
  appointments: [],
  cases: [],
  free: [],
  ...over,
});

describe('working hours of a day', () => {
  it('reads the weekday of a calendar day (ISO, Monday 1)', () => {
    expect(isoWeekday('2026-12-07')).toBe(1);
    expect(isoWeekday('2026-12-13')).toBe(7);
  });

  it('takes the weekly pattern, less a holiday, whole-day leave or the hours of partial leave', () => {
    const h = [hours('lee', [1])];
    expect(openRanges('2026-12-07', 'lee', h, [])).toEqual([
      { from: 480, to: 720 },
      { from: 780, to: 1020 },
    ]);
    expect(openRanges('2026-12-08', 'lee', h, [])).toEqual([]);
    expect(openRanges('2026-12-07', 'nobody', h, [])).toBeUndefined();
    const holiday = exception({ kind: 'HOLIDAY', resourceKind: null, resourceId: null });
    expect(openRanges('2026-12-07', 'lee', h, [holiday])).toEqual([]);
    const morning = exception({ startTime: '10:00', endTime: '14:00' });
    expect(openRanges('2026-12-07', 'lee', h, [morning])).toEqual([
      { from: 480, to: 600 },
      { from: 840, to: 1020 },
    ]);
    expect(openRanges('2026-12-07', 'nair', h, [exception({})])).toBeUndefined();
  });
});

describe('the day by provider', () => {
  it('has a column per surgeon or nurse working that day, and anyone holding an appointment', () => {
    expect(providerDayLanes('2026-12-07', data()).map((l) => l.id)).toEqual(['lee']);
    expect(providerDayLanes('2026-12-12', data()).map((l) => l.id)).toEqual([]);
    const busy = data({
      appointments: [appointment('a', 'nair', '2026-12-12T15:00:00Z', '2026-12-12T15:30:00Z')],
    });
    const lanes = providerDayLanes('2026-12-12', busy);
    expect(lanes.map((l) => l.id)).toEqual(['nair']);
    expect(lanes[0]?.entries).toHaveLength(1);
    expect(lanes[0]?.booking).toEqual({ providerId: 'nair' });
  });
});

describe('the day by room and the week', () => {
  it('lists exam rooms (booked from) then operating rooms (read-only, their opening hours)', () => {
    const lanes = roomDayLanes('2026-12-07', data());
    expect(lanes.map((l) => [l.id, l.booking])).toEqual([
      ['exam1', { examRoomId: 'exam1' }],
      ['or1', null],
    ]);
    expect(lanes[1]?.open).toEqual([{ from: 420, to: 1140 }]);
  });

  it("has a column per day of one provider's week with her hours each day", () => {
    const days = ['2026-12-11', '2026-12-12'];
    const lanes = weekLanes(days, { kind: 'provider', id: 'lee' }, data());
    expect(lanes.map((l) => [l.id, l.name, l.open?.length])).toEqual([
      ['2026-12-11', 'Fri, Dec 11', 2],
      ['2026-12-12', 'Sat, Dec 12', 0],
    ]);
  });
});
