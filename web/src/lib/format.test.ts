import { describe, expect, it } from 'vitest';
import {
  formatDate,
  formatDateTime,
  formatMinutes,
  formatMoney,
  formatMonth,
  formatNumber,
  formatPatientName,
  formatPercent,
  todayIso,
} from './format';

describe('formatMoney', () => {
  it('formats decimal strings as US dollars', () => {
    expect(formatMoney('8000.00')).toBe('$8,000.00');
    expect(formatMoney('0.10')).toBe('$0.10');
    expect(formatMoney('-12.5')).toBe('-$12.50');
  });

  it('keeps amounts a float would round', () => {
    expect(formatMoney('90071992547409.93')).toBe('$90,071,992,547,409.93');
  });

  it('shows a dash for what is not an amount', () => {
    expect(formatMoney(null)).toBe('—');
    expect(formatMoney(undefined)).toBe('—');
    expect(formatMoney('abc')).toBe('—');
  });
});

describe('formatDate', () => {
  it('shows a calendar date as the same day whatever the time zone', () => {
    expect(formatDate('2026-11-24')).toBe('Nov 24, 2026');
    expect(formatDate('2026-01-01')).toBe('Jan 1, 2026');
  });

  it('shows a dash for what is not a date', () => {
    expect(formatDate('24/11/2026')).toBe('—');
    expect(formatDate(null)).toBe('—');
  });
});

describe('formatDateTime', () => {
  it('formats an instant for en-US', () => {
    expect(formatDateTime('2026-11-24T09:30:00Z')).toMatch(
      /^Nov 2[45], 2026, \d{1,2}:\d{2}\s[AP]M$/,
    );
  });

  it('shows a dash for an invalid instant', () => {
    expect(formatDateTime('not a time')).toBe('—');
  });
});

describe('formatPatientName and todayIso', () => {
  it('puts the last name first', () => {
    expect(formatPatientName({ firstName: 'Maria', lastName: 'Lopez' })).toBe('Lopez, Maria');
  });

  it('writes a local calendar date as the API does', () => {
    expect(todayIso(new Date(2026, 0, 5, 23, 59))).toBe('2026-01-05');
  });
});

describe('report figures', () => {
  it('shows a four-decimal ratio as a percentage with one decimal, null as a dash', () => {
    expect(formatPercent(0.4286)).toBe('42.9%');
    expect(formatPercent(1)).toBe('100.0%');
    expect(formatPercent(0)).toBe('0.0%');
    expect(formatPercent(null)).toBe('—');
  });

  it('shows counts with separators, a month by name, minutes as hours and minutes', () => {
    expect(formatNumber(12345)).toBe('12,345');
    expect(formatNumber(12.5)).toBe('12.5');
    expect(formatNumber(null)).toBe('—');
    expect(formatMonth('2026-03')).toBe('Mar 2026');
    expect(formatMonth('2026-12')).toBe('Dec 2026');
    expect(formatMinutes(1234)).toBe('20 h 34 min');
    expect(formatMinutes(120)).toBe('2 h');
    expect(formatMinutes(45)).toBe('45 min');
    expect(formatMinutes(null)).toBe('—');
  });
});
