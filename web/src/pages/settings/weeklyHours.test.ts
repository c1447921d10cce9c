import { describe, expect, it } from 'vitest';
import { dayText, parseDay } from './weeklyHours';

describe('weekly hours as typed', () => {
  it('reads ranges separated by commas, in order, with a dash, an en dash or "to"', () => {
    expect(parseDay('13:00–17:00, 8:00-12:00', 2)).toEqual({
      intervals: [
        { weekday: 2, start: '08:00', end: '12:00' },
        { weekday: 2, start: '13:00', end: '17:00' },
      ],
    });
    expect(parseDay('09:00 to 10:30', 5)).toEqual({
      intervals: [{ weekday: 5, start: '09:00', end: '10:30' }],
    });
    expect(parseDay('  ', 7)).toEqual({ intervals: [] });
  });

  it('refuses what the API would refuse, saying why', () => {
    expect(parseDay('9-5', 1)).toEqual({ error: '"9-5" is not a range like 08:00-12:00' });
    expect(parseDay('12:00-08:00', 1)).toEqual({
      error: '12:00-08:00: the end must be after the start',
    });
    expect(parseDay('08:00-12:00, 11:00-13:00', 1)).toEqual({
      error: '08:00-12:00 and 11:00-13:00 overlap',
    });
  });

  it('writes a day back as it is typed', () => {
    const intervals = [
      { weekday: 1, start: '13:00', end: '17:00' },
      { weekday: 1, start: '08:00', end: '12:00' },
      { weekday: 2, start: '09:00', end: '10:00' },
    ];
    expect(dayText(intervals, 1)).toBe('08:00-12:00, 13:00-17:00');
    expect(dayText(intervals, 3)).toBe('');
  });
});
