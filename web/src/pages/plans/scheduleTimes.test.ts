import { describe, expect, it } from 'vitest';
import { pickerPlusHours, pickerToIso, scheduleTimeErrors } from './scheduleTimes';

describe('schedule times', () => {
  it('turns the picker’s local date and time into an instant', () => {
    const iso = pickerToIso('2027-01-10 09:30:00');
    expect(iso).toBe(new Date(2027, 0, 10, 9, 30).toISOString());
    expect(pickerToIso(null)).toBeNull();
    expect(pickerToIso('not a date')).toBeNull();
  });

  it('proposes an end two hours after the start', () => {
    expect(pickerPlusHours('2027-01-10 09:30:00', 2)).toBe('2027-01-10 11:30:00');
    expect(pickerPlusHours('2027-01-10 23:00:00', 2)).toBe('2027-01-11 01:00:00');
  });

  it('refuses a start in the past, an end before the start, and more than 24 hours', () => {
    const now = new Date(2027, 0, 10, 8, 0);
    expect(scheduleTimeErrors('2027-01-10 09:00:00', '2027-01-10 11:00:00', now)).toEqual({});
    expect(
      scheduleTimeErrors('2027-01-09 09:00:00', '2027-01-09 11:00:00', now).scheduledStart,
    ).toMatch(/past/);
    expect(
      scheduleTimeErrors('2027-01-10 09:00:00', '2027-01-10 09:00:00', now).scheduledEnd,
    ).toMatch(/after the start/);
    expect(
      scheduleTimeErrors('2027-01-10 09:00:00', '2027-01-11 10:00:00', now).scheduledEnd,
    ).toMatch(/24 hours/);
    expect(scheduleTimeErrors(null, null, now)).toEqual({
      scheduledStart: 'Choose the start',
      scheduledEnd: 'Choose the end',
    });
  });
});
