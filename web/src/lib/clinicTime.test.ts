// The machine runs in Tokyo, the clinic is in Los Angeles (17 hours apart): every result below
// would differ by a day or by hours if anything read the browser's zone instead of the clinic's.
process.env.TZ = 'Asia/Tokyo';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultConsultationDate, toConsultationBody } from '../pages/patients/consultationForm';
import { endOfDay, startOfDay } from '../pages/audit/auditFilters';
import { pickerPlusHours, pickerToIso, scheduleTimeErrors } from '../pages/plans/scheduleTimes';
import { dayRange, parseDay, shiftDay } from '../pages/theater/day';
import { moveBody } from '../pages/theater/MoveCaseModal';
import { caseRows } from '../pages/theater/placement';
import type { SurgicalCase } from '../pages/theater/queries';
import {
  clinicTimeZone,
  instantOfPickerValue,
  pickerValueAt,
  setClinicTimeZone,
  timeZoneLabel,
} from './clinicTime';
import { formatDateTime, formatTime, todayIso } from './format';

const browserZone = clinicTimeZone();
beforeAll(() => setClinicTimeZone('America/Los_Angeles'));
afterAll(() => setClinicTimeZone(browserZone));

describe('the machine runs far from the clinic', () => {
  it('is in Tokyo', () => {
    expect(new Date('2026-01-15T00:00:00Z').getHours()).toBe(9);
  });
});

describe('instants are shown on the clinic’s clock', () => {
  it('formats a date and time and a time in the clinic’s zone', () => {
    expect(formatDateTime('2026-01-15T17:00:00Z')).toBe('Jan 15, 2026, 9:00 AM');
    expect(formatTime('2026-07-15T16:30:00Z')).toBe('9:30 AM');
    // 03:00Z is the evening before in Los Angeles (and noon of the 15th in Tokyo).
    expect(formatDateTime('2026-01-15T03:00:00Z')).toBe('Jan 14, 2026, 7:00 PM');
  });

  it('gives today and the day of an instant on the clinic’s calendar', () => {
    expect(todayIso(new Date('2026-01-15T03:00:00Z'))).toBe('2026-01-14');
    expect(todayIso(new Date('2026-01-15T09:00:00Z'))).toBe('2026-01-15');
  });

  it('follows a change of the clinic’s zone', () => {
    setClinicTimeZone('America/New_York');
    expect(formatDateTime('2026-01-15T17:00:00Z')).toBe('Jan 15, 2026, 12:00 PM');
    setClinicTimeZone('America/Los_Angeles');
  });

  it('names the zone for the header', () => {
    expect(timeZoneLabel('America/New_York')).toBe('Eastern Time (America/New_York)');
    expect(timeZoneLabel('America/Los_Angeles')).toBe('Pacific Time (America/Los_Angeles)');
  });
});

describe('typed times are read on the clinic’s clock', () => {
  it('reads 09:00 in Los Angeles as 17:00Z in winter and 16:00Z in summer', () => {
    expect(pickerToIso('2026-01-15 09:00:00')).toBe('2026-01-15T17:00:00.000Z');
    expect(pickerToIso('2026-07-15 09:00')).toBe('2026-07-15T16:00:00.000Z');
    expect(pickerValueAt(new Date('2026-01-15T17:00:00Z'))).toBe('2026-01-15 09:00:00');
  });

  it('refuses what is not a real date and time', () => {
    expect(pickerToIso('2026-02-30 09:00:00')).toBeNull();
    expect(pickerToIso('2026-01-15 25:00:00')).toBeNull();
    expect(pickerToIso('2026-01-15')).toBeNull();
    expect(instantOfPickerValue('soon')).toBeNull();
  });

  it('moves a time the spring change skips past the gap, and reads a repeated one as the first', () => {
    expect(pickerToIso('2026-03-08 02:30:00')).toBe('2026-03-08T10:30:00.000Z');
    expect(pickerToIso('2026-11-01 01:30:00')).toBe('2026-11-01T08:30:00.000Z');
  });

  it('proposes the end two real hours later, across a clock change', () => {
    expect(pickerPlusHours('2026-01-15 23:00:00', 2)).toBe('2026-01-16 01:00:00');
    expect(pickerPlusHours('2026-03-08 01:00:00', 2)).toBe('2026-03-08 04:00:00');
  });

  it('checks a start in the past against the clinic’s clock', () => {
    const now = new Date('2026-01-15T16:30:00Z'); // 08:30 in Los Angeles
    expect(scheduleTimeErrors('2026-01-15 09:00:00', '2026-01-15 11:00:00', now)).toEqual({});
    expect(
      scheduleTimeErrors('2026-01-15 08:00:00', '2026-01-15 11:00:00', now).scheduledStart,
    ).toMatch(/past/);
  });

  it('sends a moved case’s new times as the clinic’s instants', () => {
    const kase = {
      id: 'c1',
      operatingRoomId: 'or1',
      scheduledStart: '2026-01-15T17:00:00.000Z',
      scheduledEnd: '2026-01-15T19:00:00.000Z',
    } as SurgicalCase;
    expect(
      moveBody(kase, {
        operatingRoomId: 'or1',
        scheduledStart: '2026-01-15 09:00:00',
        scheduledEnd: '2026-01-15 12:00:00',
      }),
    ).toEqual({ scheduledEnd: '2026-01-15T20:00:00.000Z' });
  });

  it('dates a consultation on the clinic’s clock', () => {
    expect(defaultConsultationDate(new Date('2026-01-15T17:07:00Z'))).toBe('2026-01-15 09:15:00');
    expect(
      toConsultationBody('p1', {
        surgeonId: 's1',
        consultationDate: '2026-01-15 09:15:00',
        reason: 'Consult',
        notes: '',
      }).consultationDate,
    ).toBe('2026-01-15T17:15:00.000Z');
  });
});

describe('a day is the clinic’s day', () => {
  it('runs from the clinic’s midnight to the next, 23 hours on the spring change', () => {
    expect(dayRange('2026-01-15')).toEqual({
      start: new Date('2026-01-15T08:00:00Z'),
      end: new Date('2026-01-16T08:00:00Z'),
    });
    const spring = dayRange('2026-03-08');
    expect(spring.start.toISOString()).toBe('2026-03-08T08:00:00.000Z');
    expect(spring.end.toISOString()).toBe('2026-03-09T07:00:00.000Z');
    expect(startOfDay('2026-01-15')).toBe('2026-01-15T08:00:00.000Z');
    expect(endOfDay('2026-01-15')).toBe('2026-01-16T07:59:59.999Z');
  });

  it('does calendar arithmetic without any zone', () => {
    expect(shiftDay('2026-12-31', 1)).toBe('2027-01-01');
    expect(shiftDay('2026-03-09', -1)).toBe('2026-03-08');
    expect(parseDay('2026-02-30')).toBeNull();
    expect(parseDay('2026-03-08')).toBe('2026-03-08');
  });

  it('places a case in the rows of the clinic’s hours', () => {
    const { start, end } = dayRange('2026-01-15');
    const c = {
      id: 'c1',
      operatingRoomId: 'or1',
      operatingRoomName: 'OR 1',
      scheduledStart: '2026-01-15T17:00:00Z',
      scheduledEnd: '2026-01-15T20:00:00Z',
    };
    expect(caseRows(c, start, end)).toEqual({ first: 9, end: 12 });
  });
});
