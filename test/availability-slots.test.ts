import { describe, expect, it } from 'vitest';
import {
  freeSlots,
  type SlotQuery,
  type SlotResource,
  type WeeklyInterval,
} from '../src/modules/calendar/services/availability';

// Every expected slot below is computed by hand, in UTC, from the clinic's wall clock in
// America/New_York: UTC-5 in winter (EST), UTC-4 in summer (EDT). 2027-01-04 is a Monday.
const ZONE = 'America/New_York';
const LONG_AGO = new Date('2020-01-01T00:00:00Z');
const P = 'a0000000-0000-4000-8000-000000000001';
const Q = 'b0000000-0000-4000-8000-000000000002';
const ROOM = 'c0000000-0000-4000-8000-000000000003';

const weekdays = (start: string, end: string, days = [1, 2, 3, 4, 5]): WeeklyInterval[] =>
  days.map((weekday) => ({ weekday, start, end }));

function provider(id: string, overrides: Partial<SlotResource> = {}): SlotResource {
  return { id, hours: weekdays('09:00', '11:00'), timeOff: [], busy: [], ...overrides };
}

function query(overrides: Partial<SlotQuery>): SlotQuery {
  return {
    timeZone: ZONE,
    from: '2027-01-04',
    to: '2027-01-04',
    slotMinutes: 60,
    now: LONG_AGO,
    providers: [provider(P)],
    holidays: [],
    ...overrides,
  };
}

/** "providerLetter@start" in UTC, e.g. "P@2027-01-04T15:00Z". */
function show(q: SlotQuery): string[] {
  return freeSlots(q).map((s) => {
    expect(s.end.getTime() - s.start.getTime()).toBe(q.slotMinutes * 60_000);
    const who = s.providerId === P ? 'P' : 'Q';
    return `${who}@${s.start.toISOString().slice(0, 16)}Z`;
  });
}

describe('free slots, against slots computed by hand', () => {
  it('a week with a booking in the middle, a clinic holiday, a leave and a partial-day exception', () => {
    const q = query({
      from: '2027-01-04',
      to: '2027-01-08',
      providers: [
        provider(P, {
          // Wednesday on leave; Thursday off from 10:30 (09:00–11:00 leaves 09:00–10:30).
          timeOff: [
            { startsOn: '2027-01-06', endsOn: '2027-01-06', startTime: null, endTime: null },
            { startsOn: '2027-01-07', endsOn: '2027-01-07', startTime: '10:30', endTime: '12:00' },
          ],
          // Monday 09:30–10:00 booked: 09:00–09:30 is too short for an hour, 10:00–11:00 fits one.
          busy: [
            { start: new Date('2027-01-04T14:30:00Z'), end: new Date('2027-01-04T15:00:00Z') },
          ],
        }),
        // Q works Mondays 10:00–11:00 only: one slot, sorted after P's at the same start.
        provider(Q, { hours: [{ weekday: 1, start: '10:00', end: '11:00' }] }),
      ],
      // Tuesday is a clinic holiday.
      holidays: [{ startsOn: '2027-01-05', endsOn: '2027-01-05', startTime: null, endTime: null }],
    });
    expect(show(q)).toEqual([
      // Monday: 10:00 EST = 15:00Z, both providers.
      'P@2027-01-04T15:00Z',
      'Q@2027-01-04T15:00Z',
      // Thursday: 09:00, 09:15, 09:30 (the last ends at 10:30).
      'P@2027-01-07T14:00Z',
      'P@2027-01-07T14:15Z',
      'P@2027-01-07T14:30Z',
      // Friday: 09:00 … 10:00, five starts.
      'P@2027-01-08T14:00Z',
      'P@2027-01-08T14:15Z',
      'P@2027-01-08T14:30Z',
      'P@2027-01-08T14:45Z',
      'P@2027-01-08T15:00Z',
    ]);
  });

  it("keeps to a room's pattern narrower than the provider's, its closures and its bookings", () => {
    const room: SlotResource = {
      id: ROOM,
      hours: [{ weekday: 1, start: '09:30', end: '10:45' }],
      timeOff: [{ startsOn: '2027-01-05', endsOn: '2027-01-05', startTime: null, endTime: null }],
      busy: [],
    };
    // Monday 09:30–10:45 in the room: 09:30 and 09:45 (ends 10:45). Tuesday: no pattern that day.
    expect(show(query({ to: '2027-01-05', room }))).toEqual([
      'P@2027-01-04T14:30Z',
      'P@2027-01-04T14:45Z',
    ]);
    expect(freeSlots(query({ room }))[0]?.roomId).toBe(ROOM);
    // A room without a pattern is open whenever the provider works, except when closed or booked:
    // booked 09:00–09:15 leaves 09:15, 09:30, 09:45, 10:00; closed all Tuesday.
    const open: SlotResource = {
      ...room,
      hours: null,
      busy: [{ start: new Date('2027-01-04T14:00:00Z'), end: new Date('2027-01-04T14:15:00Z') }],
    };
    expect(show(query({ to: '2027-01-05', room: open }))).toEqual([
      'P@2027-01-04T14:15Z',
      'P@2027-01-04T14:30Z',
      'P@2027-01-04T14:45Z',
      'P@2027-01-04T15:00Z',
    ]);
  });

  it('starts no slot before now, and the next one on the quarter-hour grid', () => {
    // Now is 09:20 EST: the first start is 09:30, then 09:45 and 10:00.
    expect(show(query({ now: new Date('2027-01-04T14:20:00Z') }))).toEqual([
      'P@2027-01-04T14:30Z',
      'P@2027-01-04T14:45Z',
      'P@2027-01-04T15:00Z',
    ]);
    // 45-minute slots also start on the grid: 09:00 … 10:15.
    expect(show(query({ slotMinutes: 45 }))).toEqual([
      'P@2027-01-04T14:00Z',
      'P@2027-01-04T14:15Z',
      'P@2027-01-04T14:30Z',
      'P@2027-01-04T14:45Z',
      'P@2027-01-04T15:00Z',
      'P@2027-01-04T15:15Z',
    ]);
  });

  // 2027-03-14, a Sunday: at 02:00 EST the clocks jump to 03:00 EDT.
  it('spring forward: a 08:00–12:00 morning is four hours of EDT; a night across the gap is two', () => {
    const sunday = (start: string, end: string) =>
      provider(P, { hours: [{ weekday: 7, start, end }] });
    expect(
      show(query({ from: '2027-03-14', to: '2027-03-14', providers: [sunday('08:00', '12:00')] })),
    ).toEqual([
      'P@2027-03-14T12:00Z',
      'P@2027-03-14T12:15Z',
      'P@2027-03-14T12:30Z',
      'P@2027-03-14T12:45Z',
      'P@2027-03-14T13:00Z',
      'P@2027-03-14T13:15Z',
      'P@2027-03-14T13:30Z',
      'P@2027-03-14T13:45Z',
      'P@2027-03-14T14:00Z',
      'P@2027-03-14T14:15Z',
      'P@2027-03-14T14:30Z',
      'P@2027-03-14T14:45Z',
      'P@2027-03-14T15:00Z',
    ]);
    // The Sunday before, still EST: the same morning an hour later in UTC.
    const before = show(
      query({ from: '2027-03-07', to: '2027-03-07', providers: [sunday('08:00', '12:00')] }),
    );
    expect([before.length, before[0], before.at(-1)]).toEqual([
      13,
      'P@2027-03-07T13:00Z',
      'P@2027-03-07T16:00Z',
    ]);
    // 01:00 EST (06:00Z) to 04:00 EDT (08:00Z): two real hours. Hour-long slots start at 01:00,
    // 01:15, 01:30, 01:45 (it ends at 03:45 EDT, an hour later) and 03:00 EDT.
    expect(
      show(query({ from: '2027-03-14', to: '2027-03-14', providers: [sunday('01:00', '04:00')] })),
    ).toEqual([
      'P@2027-03-14T06:00Z',
      'P@2027-03-14T06:15Z',
      'P@2027-03-14T06:30Z',
      'P@2027-03-14T06:45Z',
      'P@2027-03-14T07:00Z',
    ]);
  });

  // 2027-11-07, a Sunday: at 02:00 EDT the clocks go back to 01:00 EST.
  it('fall back: a 08:00–12:00 morning is four hours of EST; a night across the repeat is four', () => {
    const sunday = (start: string, end: string) =>
      provider(P, { hours: [{ weekday: 7, start, end }] });
    expect(
      show(query({ from: '2027-11-07', to: '2027-11-07', providers: [sunday('08:00', '12:00')] })),
    ).toEqual([
      'P@2027-11-07T13:00Z',
      'P@2027-11-07T13:15Z',
      'P@2027-11-07T13:30Z',
      'P@2027-11-07T13:45Z',
      'P@2027-11-07T14:00Z',
      'P@2027-11-07T14:15Z',
      'P@2027-11-07T14:30Z',
      'P@2027-11-07T14:45Z',
      'P@2027-11-07T15:00Z',
      'P@2027-11-07T15:15Z',
      'P@2027-11-07T15:30Z',
      'P@2027-11-07T15:45Z',
      'P@2027-11-07T16:00Z',
    ]);
    // 01:00 EDT (05:00Z, the first 01:00) to 04:00 EST (09:00Z): four real hours, the repeated
    // hour's quarters (06:00Z = the second 01:00) included.
    expect(
      show(query({ from: '2027-11-07', to: '2027-11-07', providers: [sunday('01:00', '04:00')] })),
    ).toEqual([
      'P@2027-11-07T05:00Z',
      'P@2027-11-07T05:15Z',
      'P@2027-11-07T05:30Z',
      'P@2027-11-07T05:45Z',
      'P@2027-11-07T06:00Z',
      'P@2027-11-07T06:15Z',
      'P@2027-11-07T06:30Z',
      'P@2027-11-07T06:45Z',
      'P@2027-11-07T07:00Z',
      'P@2027-11-07T07:15Z',
      'P@2027-11-07T07:30Z',
      'P@2027-11-07T07:45Z',
      'P@2027-11-07T08:00Z',
    ]);
  });

  it('offers nothing to a provider without hours, and nothing on a room closed for the day', () => {
    expect(show(query({ providers: [provider(P, { hours: [] })] }))).toEqual([]);
    const closed: SlotResource = {
      id: ROOM,
      hours: null,
      timeOff: [{ startsOn: '2027-01-01', endsOn: '2027-01-31', startTime: null, endTime: null }],
      busy: [],
    };
    expect(show(query({ room: closed }))).toEqual([]);
  });
});
