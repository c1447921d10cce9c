import { describe, expect, it } from 'vitest';
import { zonedDate as localDay, zonedInstant } from '../src/common/time-zone';
import { localDayBounds } from '../src/modules/theater/services/local-time';
import { nearestFreeSlots } from '../src/modules/theater/services/free-slots';

describe('local time of the clinic', () => {
  it('finds the instant of a wall-clock time, across DST', () => {
    expect(zonedInstant('2026-07-01', '07:00', 'America/New_York').toISOString()).toBe(
      '2026-07-01T11:00:00.000Z',
    );
    expect(zonedInstant('2026-12-01', '07:00', 'America/New_York').toISOString()).toBe(
      '2026-12-01T12:00:00.000Z',
    );
    expect(zonedInstant('2026-03-29', '12:00', 'Europe/Paris').toISOString()).toBe(
      '2026-03-29T10:00:00.000Z',
    );
    expect(zonedInstant('2026-06-01', '09:30', 'UTC').toISOString()).toBe(
      '2026-06-01T09:30:00.000Z',
    );
  });

  it("names an instant's local day, which differs from the UTC day late in the evening", () => {
    const lateEvening = new Date('2026-12-11T02:30:00Z');
    expect(localDay(lateEvening, 'America/Los_Angeles')).toBe('2026-12-10');
    expect(localDay(lateEvening, 'UTC')).toBe('2026-12-11');
    const { start, end } = localDayBounds('2026-11-01', 'America/New_York');
    expect(start.toISOString()).toBe('2026-11-01T04:00:00.000Z');
    expect((end.getTime() - start.getTime()) / 3600_000).toBe(25);
  });
});

describe('nearest free slots', () => {
  const t = (hhmm: string) => new Date(`2026-12-10T${hhmm}:00Z`);
  const iso = (slots: { start: Date; end: Date }[]) =>
    slots.map((s) => `${s.start.toISOString().slice(11, 16)}-${s.end.toISOString().slice(11, 16)}`);
  const hour = 3600_000;

  it('offers the nearest starts around the case in the way, inside opening hours', () => {
    const busy = [{ start: t('09:00'), end: t('11:00') }];
    expect(iso(nearestFreeSlots(t('10:00'), 2 * hour, t('07:00'), t('19:00'), busy))).toEqual([
      '07:00-09:00',
      '11:00-13:00',
      '17:00-19:00',
    ]);
  });

  it('skips gaps too short and offers nothing on a full day', () => {
    const busy = [
      { start: t('07:00'), end: t('08:00') },
      { start: t('09:00'), end: t('18:00') },
    ];
    expect(iso(nearestFreeSlots(t('09:00'), 2 * hour, t('07:00'), t('19:00'), busy))).toEqual([]);
    expect(iso(nearestFreeSlots(t('09:00'), hour, t('07:00'), t('19:00'), busy))).toEqual([
      '08:00-09:00',
      '18:00-19:00',
    ]);
  });
});
