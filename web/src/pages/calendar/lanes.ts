import {
  hourSpan,
  minutesOf,
  visibleHours,
  type Hours,
  type MinuteRange,
  type Timed,
} from '../../components/timegrid/placement';
import { dayRange } from '../../lib/clinicDays';
import type { OperatingRoom, StaffUser } from '../../api/queries';
import type { SurgicalCase } from '../theater/queries';
import type { ExamRoom, FreeSlot, ScheduleException, TimedAppointment, WorkingHours } from './api';

/**
 * The calendar's columns (pure, tested in lanes.test.ts): a day by provider (those with working
 * hours that day, and anyone holding something that day), a day by room (exam rooms, then
 * operating rooms), or a week of one provider or room (a column per day). Each lane carries
 * what is drawn in it, its working hours, and who or what a booking from its free cells is for.
 */

export type CalendarEntry =
  | { readonly kind: 'appointment'; readonly appointment: TimedAppointment }
  | { readonly kind: 'case'; readonly kase: SurgicalCase };

export function entryTimes(e: CalendarEntry): Timed {
  return e.kind === 'appointment'
    ? { start: e.appointment.start, end: e.appointment.end }
    : { start: e.kase.scheduledStart, end: e.kase.scheduledEnd };
}

export function entryId(e: CalendarEntry): string {
  return e.kind === 'appointment' ? e.appointment.id : e.kase.id;
}

export interface CalendarLane {
  readonly id: string;
  readonly name: string;
  readonly day: string;
  readonly dayStart: Date;
  readonly dayEnd: Date;
  readonly entries: readonly CalendarEntry[];
  /** Working hours that day; undefined when the lane has no weekly pattern (nothing hatched). */
  readonly open?: readonly MinuteRange[];
  /** Whom a booking from a free cell is for; null: not booked from here (an operating room). */
  readonly booking: { readonly providerId?: string; readonly examRoomId?: string } | null;
  /** Start instants (ms) of the free slots the availability search offers in this lane. */
  readonly freeStarts: ReadonlySet<number>;
}

export interface CalendarData {
  readonly staff: readonly StaffUser[];
  readonly examRooms: readonly ExamRoom[];
  readonly operatingRooms: readonly OperatingRoom[];
  readonly hours: readonly WorkingHours[];
  readonly exceptions: readonly ScheduleException[];
  readonly appointments: readonly TimedAppointment[];
  readonly cases: readonly SurgicalCase[];
  readonly free: readonly FreeSlot[];
}

/** ISO weekday of a calendar day: 1 Monday … 7 Sunday. */
export function isoWeekday(day: string): number {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return ((new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7) + 1;
}

function subtract(ranges: readonly MinuteRange[], cut: MinuteRange): MinuteRange[] {
  return ranges.flatMap((r) => {
    if (cut.to <= r.from || r.to <= cut.from) return [r];
    const parts: MinuteRange[] = [];
    if (r.from < cut.from) parts.push({ from: r.from, to: cut.from });
    if (cut.to < r.to) parts.push({ from: cut.to, to: r.to });
    return parts;
  });
}

/**
 * A resource's working hours on `day`: its weekly pattern for that weekday, less the clinic's
 * holidays and its own leave or closures (a partial-day exception removes its hours only).
 * Undefined when the resource has no pattern at all.
 */
export function openRanges(
  day: string,
  resourceId: string,
  hours: readonly WorkingHours[],
  exceptions: readonly ScheduleException[],
): MinuteRange[] | undefined {
  const pattern = hours.find((h) => h.resourceId === resourceId);
  if (pattern === undefined) return undefined;
  const weekday = isoWeekday(day);
  let ranges: MinuteRange[] = pattern.intervals
    .filter((i) => i.weekday === weekday)
    .map((i) => ({ from: minutesOf(i.start), to: minutesOf(i.end) }))
    .sort((a, b) => a.from - b.from);
  for (const e of exceptions) {
    const applies = e.resourceId === null || e.resourceId === resourceId;
    if (!applies || day < e.startsOn || day > e.endsOn) continue;
    const cut =
      e.startTime === null || e.endTime === null
        ? { from: 0, to: 24 * 60 }
        : { from: minutesOf(e.startTime), to: minutesOf(e.endTime) };
    ranges = subtract(ranges, cut);
  }
  return ranges;
}

const isProvider = (u: StaffUser) => u.role === 'SURGEON' || u.role === 'NURSE';

function inDay(span: Timed, day: string): boolean {
  const { start, end } = dayRange(day);
  return hourSpan(span, start, end) !== null;
}

function lane(base: Omit<CalendarLane, 'dayStart' | 'dayEnd'>): CalendarLane {
  const { start, end } = dayRange(base.day);
  return { ...base, dayStart: start, dayEnd: end };
}

function freeStarts(free: readonly FreeSlot[], match: (s: FreeSlot) => boolean): Set<number> {
  return new Set(free.filter(match).map((s) => Date.parse(s.start)));
}

/** The day by provider: every active surgeon or nurse working that day, then anyone busy in it. */
export function providerDayLanes(day: string, data: CalendarData): CalendarLane[] {
  const appointments = data.appointments.filter((a) => inDay(a, day));
  const cases = data.cases.filter((c) =>
    inDay({ start: c.scheduledStart, end: c.scheduledEnd }, day),
  );
  const busy = new Set([
    ...appointments.map((a) => a.providerId),
    ...cases.map((c) => c.surgeonId),
  ]);
  return data.staff
    .filter((u) => {
      if (busy.has(u.id)) return true;
      if (!u.active || !isProvider(u)) return false;
      return (openRanges(day, u.id, data.hours, data.exceptions) ?? []).length > 0;
    })
    .map((u) =>
      lane({
        id: u.id,
        name: u.name,
        day,
        entries: [
          ...appointments
            .filter((a) => a.providerId === u.id)
            .map((a) => ({ kind: 'appointment' as const, appointment: a })),
          ...cases
            .filter((c) => c.surgeonId === u.id)
            .map((c) => ({ kind: 'case' as const, kase: c })),
        ],
        open: openRanges(day, u.id, data.hours, data.exceptions),
        booking: isProvider(u) && u.active ? { providerId: u.id } : null,
        freeStarts: freeStarts(data.free, (s) => s.providerId === u.id),
      }),
    );
}

/** The day by room: the exam rooms (active, or holding something), then the operating rooms. */
export function roomDayLanes(day: string, data: CalendarData): CalendarLane[] {
  const appointments = data.appointments.filter((a) => inDay(a, day));
  const cases = data.cases.filter((c) =>
    inDay({ start: c.scheduledStart, end: c.scheduledEnd }, day),
  );
  const exam = data.examRooms
    .filter((r) => r.active || appointments.some((a) => a.examRoomId === r.id))
    .map((r) =>
      lane({
        id: r.id,
        name: r.name,
        day,
        entries: appointments
          .filter((a) => a.examRoomId === r.id)
          .map((a) => ({ kind: 'appointment' as const, appointment: a })),
        open: openRanges(day, r.id, data.hours, data.exceptions),
        booking: r.active ? { examRoomId: r.id } : null,
        freeStarts: new Set<number>(),
      }),
    );
  const theater = data.operatingRooms
    .filter((r) => r.active || cases.some((c) => c.operatingRoomId === r.id))
    .map((r) =>
      lane({
        id: r.id,
        name: r.name,
        day,
        entries: cases
          .filter((c) => c.operatingRoomId === r.id)
          .map((c) => ({ kind: 'case' as const, kase: c })),
        open: [{ from: minutesOf(r.opensAt), to: minutesOf(r.closesAt) }],
        booking: null,
        freeStarts: new Set<number>(),
      }),
    );
  return [...exam, ...theater];
}

export type WeekResource =
  | { readonly kind: 'provider'; readonly id: string }
  | { readonly kind: 'examRoom'; readonly id: string }
  | { readonly kind: 'operatingRoom'; readonly id: string };

const dayName = new Intl.DateTimeFormat('en-US', {
  weekday: 'short',
  month: 'short',
  day: 'numeric',
  timeZone: 'UTC',
});

/** "Mon, Dec 7": a calendar day's column heading (no zone involved). */
export function dayLabel(day: string): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return dayName.format(new Date(Date.UTC(y, m - 1, d)));
}

/** A week of one provider or room: a column per day. */
export function weekLanes(
  days: readonly string[],
  resource: WeekResource,
  data: CalendarData,
): CalendarLane[] {
  const room = data.operatingRooms.find((r) => r.id === resource.id);
  return days.map((day) => {
    const appointments = data.appointments.filter(
      (a) =>
        inDay(a, day) &&
        (resource.kind === 'provider' ? a.providerId : a.examRoomId) === resource.id,
    );
    const cases = data.cases.filter(
      (c) =>
        inDay({ start: c.scheduledStart, end: c.scheduledEnd }, day) &&
        (resource.kind === 'provider' ? c.surgeonId : c.operatingRoomId) === resource.id,
    );
    const open =
      resource.kind === 'operatingRoom'
        ? room === undefined
          ? undefined
          : [{ from: minutesOf(room.opensAt), to: minutesOf(room.closesAt) }]
        : openRanges(day, resource.id, data.hours, data.exceptions);
    return lane({
      id: day,
      name: dayLabel(day),
      day,
      entries: [
        ...appointments.map((a) => ({ kind: 'appointment' as const, appointment: a })),
        ...cases.map((c) => ({ kind: 'case' as const, kase: c })),
      ],
      open,
      booking:
        resource.kind === 'provider'
          ? { providerId: resource.id }
          : resource.kind === 'examRoom'
            ? { examRoomId: resource.id }
            : null,
      freeStarts: freeStarts(data.free, (s) =>
        resource.kind === 'provider' ? s.providerId === resource.id : true,
      ),
    });
  });
}

/** The rows every lane needs: 07:00–19:00, widened to their entries and working hours. */
export function lanesHours(lanes: readonly CalendarLane[]): Hours {
  const spans: { first: number; end: number }[] = [];
  for (const l of lanes) {
    for (const e of l.entries) {
      const s = hourSpan(entryTimes(e), l.dayStart, l.dayEnd);
      if (s !== null) spans.push(s);
    }
    for (const r of l.open ?? []) {
      spans.push({ first: Math.floor(r.from / 60), end: Math.ceil(r.to / 60) });
    }
  }
  return visibleHours(spans);
}
