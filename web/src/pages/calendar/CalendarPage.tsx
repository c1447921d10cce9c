import { ActionIcon, Button, Group, Select, Text } from '@mantine/core';
import { useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useOperatingRooms, useStaff } from '../../api/queries';
import { useAuth } from '../../auth/AuthProvider';
import { DayPicker } from '../../components/DayPicker';
import { PageHeader } from '../../components/PageHeader';
import { QueryState } from '../../components/QueryState';
import { overlapGroups, slotCells, type Hours } from '../../components/timegrid/placement';
import { TimeGrid, type TimeGridLane } from '../../components/timegrid/TimeGrid';
import { dayRange, parseDay, shiftDay, weekStart } from '../../lib/clinicDays';
import { todayIso } from '../../lib/format';
import { useCasesBetween } from '../theater/queries';
import {
  APPOINTMENT_TYPES,
  hasTimes,
  typeLabel,
  useAppointmentsBetween,
  useAvailability,
  useExamRooms,
  useScheduleExceptions,
  useWorkingHours,
  type AppointmentType,
} from './api';
import { BookingModal, type BookingDraft } from './BookingModal';
import { EntryCard } from './EntryCard';
import {
  entryId,
  entryTimes,
  lanesHours,
  providerDayLanes,
  roomDayLanes,
  weekLanes,
  type CalendarData,
  type CalendarLane,
  type WeekResource,
} from './lanes';

export type CalendarView = 'day-provider' | 'day-room' | 'week' | 'day-list';

const fullDate = new Intl.DateTimeFormat('en-US', { dateStyle: 'full' });
const longDate = new Intl.DateTimeFormat('en-US', { dateStyle: 'long' });

function parseResource(value: string | null): WeekResource | null {
  const [kind, id] = (value ?? '').split(':');
  if (id === undefined || id === '') return null;
  if (kind === 'provider' || kind === 'examRoom' || kind === 'operatingRoom') return { kind, id };
  return null;
}

/** The calendar's views as links: the day by provider, the day by room, a week, the day list. */
export function CalendarViews({ current, day }: { current: CalendarView; day: string }) {
  const views: { view: CalendarView; label: string; to: string }[] = [
    { view: 'day-provider', label: 'Day by provider', to: `/calendar?date=${day}` },
    { view: 'day-room', label: 'Day by room', to: `/calendar?view=day-room&date=${day}` },
    { view: 'week', label: 'Week', to: `/calendar?view=week&date=${day}` },
    { view: 'day-list', label: 'Day list', to: `/calendar/day-list?date=${day}` },
  ];
  return (
    <Group gap="xs" mb="md" component="nav" aria-label="Calendar views">
      {views.map((v) => (
        <Button
          key={v.view}
          component={Link}
          to={v.to}
          size="xs"
          variant={v.view === current ? 'filled' : 'default'}
          aria-current={v.view === current ? 'page' : undefined}
        >
          {v.label}
        </Button>
      ))}
    </Group>
  );
}

/**
 * `/calendar`: the clinic's appointments and surgeries on the clinic's clock. `view=day-provider`
 * (default) has a column per provider working that day, `view=day-room` one per exam room and
 * operating room (cases read-only), `view=week&resource=provider:<id>` a column per day of one
 * provider or room. An empty cell books (`BookingModal`); the free slots of the chosen type
 * (GET /availability) are tinted green.
 */
export function CalendarPage() {
  const { can } = useAuth();
  const [params, setParams] = useSearchParams();
  const viewParam = params.get('view');
  const view: CalendarView =
    viewParam === 'day-room' || viewParam === 'week' ? viewParam : 'day-provider';
  const day = parseDay(params.get('date')) ?? todayIso();
  const typeParam = params.get('type') as AppointmentType | null;
  const type: AppointmentType =
    typeParam !== null && APPOINTMENT_TYPES.includes(typeParam) ? typeParam : 'CONSULTATION';
  const set = (changes: Record<string, string | null>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) {
      if (v === null) next.delete(k);
      else next.set(k, v);
    }
    setParams(next);
  };

  const staff = useStaff();
  const examRooms = useExamRooms();
  const operatingRooms = useOperatingRooms();
  const providers = (staff.data ?? []).filter(
    (u) => u.active && (u.role === 'SURGEON' || u.role === 'NURSE'),
  );
  const resource =
    parseResource(params.get('resource')) ??
    (providers[0] === undefined ? null : { kind: 'provider' as const, id: providers[0].id });

  const days = useMemo(
    () =>
      view === 'week' ? Array.from({ length: 7 }, (_, i) => shiftDay(weekStart(day), i)) : [day],
    [view, day],
  );
  const first = days[0] ?? day;
  const last = days.at(-1) ?? day;
  const from = dayRange(first).start.toISOString();
  const to = dayRange(last).end.toISOString();

  const appointments = useAppointmentsBetween(from, to);
  const cases = useCasesBetween(from, to);
  const hours = useWorkingHours();
  const exceptions = useScheduleExceptions(first, last);
  const weekOfRoom = view === 'week' && resource !== null && resource.kind !== 'provider';
  const free = useAvailability(
    type,
    first,
    last,
    weekOfRoom
      ? { roomId: resource.id }
      : view === 'week' && resource !== null
        ? { providerId: [resource.id] }
        : {},
    can('appointments.book') &&
      view !== 'day-room' &&
      !(view === 'week' && resource?.kind === 'operatingRoom'),
  );

  const [draft, setDraft] = useState<BookingDraft | null>(null);
  const now = new Date();

  const resourceOptions = [
    {
      group: 'Providers',
      items: providers.map((u) => ({ value: `provider:${u.id}`, label: u.name })),
    },
    {
      group: 'Exam rooms',
      items: (examRooms.data ?? [])
        .filter((r) => r.active)
        .map((r) => ({ value: `examRoom:${r.id}`, label: r.name })),
    },
    {
      group: 'Operating rooms',
      items: (operatingRooms.data ?? [])
        .filter((r) => r.active)
        .map((r) => ({ value: `operatingRoom:${r.id}`, label: r.name })),
    },
  ].filter((g) => g.items.length > 0);

  const toGridLane = (lane: CalendarLane, shown: Hours): TimeGridLane => {
    const busy = lane.entries.map(entryTimes);
    return {
      id: lane.id,
      name: lane.name,
      heading:
        view === 'week' ? (
          <Link to={`/calendar?date=${lane.day}`} style={{ color: 'inherit' }}>
            {lane.name}
          </Link>
        ) : undefined,
      dayStart: lane.dayStart,
      dayEnd: lane.dayEnd,
      open: lane.open,
      blocks: overlapGroups(lane.entries, entryTimes).map((group) => ({
        key: group.map(entryId).join('+'),
        spans: group.map(entryTimes),
        testId: 'calendar-block',
        content: group.map((e) => (
          <EntryCard key={entryId(e)} entry={e} showProvider={view === 'day-room'} />
        )),
      })),
      slots:
        lane.booking === null || !can('appointments.book')
          ? []
          : slotCells(lane.day, shown, 30, busy, now).map((cell) => ({
              cell,
              free: lane.freeStarts.has(cell.start.getTime()),
            })),
    };
  };

  const laneList = (data: CalendarData): CalendarLane[] => {
    if (view === 'day-room') return roomDayLanes(day, data);
    if (view === 'week') return resource === null ? [] : weekLanes(days, resource, data);
    return providerDayLanes(day, data);
  };

  const caption =
    view === 'week'
      ? `Week of ${longDate.format(dayRange(first).start)}`
      : `${view === 'day-room' ? 'Rooms' : 'Providers'} on ${fullDate.format(dayRange(day).start)}`;

  return (
    <>
      <PageHeader title="Calendar" />
      <CalendarViews current={view} day={day} />
      <Group justify="space-between" align="flex-end" wrap="wrap" mb="md">
        {view === 'week' ? (
          <Group gap="xs" align="flex-end" wrap="wrap">
            <ActionIcon
              variant="default"
              size="input-sm"
              aria-label="Previous week"
              onClick={() => set({ date: shiftDay(first, -7) })}
            >
              ‹
            </ActionIcon>
            <Text fw={500} pb={6}>
              {longDate.format(dayRange(first).start)} – {longDate.format(dayRange(last).start)}
            </Text>
            <ActionIcon
              variant="default"
              size="input-sm"
              aria-label="Next week"
              onClick={() => set({ date: shiftDay(first, 7) })}
            >
              ›
            </ActionIcon>
            <Button variant="default" onClick={() => set({ date: todayIso() })}>
              This week
            </Button>
            <Select
              label="Provider or room"
              data={resourceOptions}
              value={resource === null ? null : `${resource.kind}:${resource.id}`}
              onChange={(value) => set({ resource: value })}
              allowDeselect={false}
              searchable
              w={240}
            />
          </Group>
        ) : (
          <DayPicker day={day} onChange={(next) => set({ date: next })} />
        )}
        {can('appointments.book') && view !== 'day-room' && (
          <Select
            label="Free slots for"
            data={APPOINTMENT_TYPES.map((t) => ({ value: t, label: typeLabel(t) }))}
            value={type}
            onChange={(value) => set({ type: value })}
            allowDeselect={false}
            w={200}
          />
        )}
      </Group>
      <QueryState query={appointments}>
        {(appointmentList) => (
          <QueryState query={cases}>
            {(caseList) => {
              const data: CalendarData = {
                staff: staff.data ?? [],
                examRooms: examRooms.data ?? [],
                operatingRooms: operatingRooms.data ?? [],
                hours: hours.data ?? [],
                exceptions: exceptions.data ?? [],
                appointments: appointmentList
                  .filter(hasTimes)
                  .filter((a) => a.status !== 'CANCELLED' && a.status !== 'PROPOSED'),
                cases: caseList.filter((c) => c.status !== 'CANCELLED'),
                free: free.data?.data ?? [],
              };
              const lanes = laneList(data);
              const shown = lanesHours(lanes);
              if (lanes.length === 0) {
                return (
                  <Text c="dimmed">
                    {view === 'week'
                      ? 'Choose a provider or room.'
                      : view === 'day-room'
                        ? 'No exam or operating rooms yet (Settings).'
                        : 'No provider works this day and nothing is booked. Working hours are set in Settings; the day by room books any room.'}
                  </Text>
                );
              }
              return (
                <TimeGrid
                  lanes={lanes.map((l) => toGridLane(l, shown))}
                  hours={shown}
                  caption={caption}
                  // A week's seven days fit a 1024 px window.
                  columnWidth={view === 'week' ? 104 : 200}
                  onSlot={(lane, cell) => {
                    const source = lanes.find((l) => l.id === lane.id);
                    const dragged = cell.end.getTime() - cell.start.getTime() > 30 * 60_000;
                    setDraft({
                      start: cell.start,
                      // A drag over several cells is the stretch; a click, the type's length.
                      end: dragged ? cell.end : undefined,
                      providerId: source?.booking?.providerId,
                      examRoomId: source?.booking?.examRoomId,
                      type,
                    });
                  }}
                />
              );
            }}
          </QueryState>
        )}
      </QueryState>
      <BookingModal draft={draft} onClose={() => setDraft(null)} />
    </>
  );
}
