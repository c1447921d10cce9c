import { ActionIcon, Anchor, Button, Group, Stack, Table, Text } from '@mantine/core';
import { useMemo } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useOperatingRooms, useStaff } from '../../api/queries';
import { PageHeader } from '../../components/PageHeader';
import { QueryState } from '../../components/QueryState';
import { formatTime, todayIso } from '../../lib/format';
import { dayRange, parseDay, shiftDay, weekStart } from './day';
import { useCasesBetween, type SurgicalCase } from './queries';
import { TheaterViews } from './TheaterViews';

const weekday = new Intl.DateTimeFormat('en-US', {
  weekday: 'short',
  month: 'short',
  day: 'numeric',
});
const longDate = new Intl.DateTimeFormat('en-US', { dateStyle: 'long' });

interface Lane {
  id: string;
  name: string;
}

function CaseLine({ kase }: { kase: SurgicalCase }) {
  return (
    <Text size="xs" data-testid="week-case">
      <Anchor component={Link} to={`/cases/${kase.id}`} size="xs" fw={600}>
        {formatTime(kase.scheduledStart)}–{formatTime(kase.scheduledEnd)}
      </Anchor>{' '}
      {kase.patientName}
      <Text span size="xs" c="dimmed" display="block" lineClamp={1}>
        {kase.procedureName}
      </Text>
    </Text>
  );
}

/**
 * `/theater/week?by=room|surgeon&start=YYYY-MM-DD`: seven days from a Monday, a row per room or
 * per surgeon, the live cases of each day in its cell. One query for the week.
 */
export function WeekPage() {
  const [params, setParams] = useSearchParams();
  const by = params.get('by') === 'surgeon' ? 'surgeon' : 'room';
  const start = weekStart(parseDay(params.get('start')) ?? todayIso());
  const days = useMemo(() => Array.from({ length: 7 }, (_, i) => shiftDay(start, i)), [start]);
  const from = dayRange(start).start;
  const to = dayRange(shiftDay(start, 6)).end;
  const cases = useCasesBetween(from.toISOString(), to.toISOString());
  const rooms = useOperatingRooms();
  const staff = useStaff();
  const go = (next: string) => setParams({ by, start: next });

  const lanes = (all: SurgicalCase[]): Lane[] => {
    const used = new Set(all.map((c) => (by === 'room' ? c.operatingRoomId : c.surgeonId)));
    const known: Lane[] =
      by === 'room'
        ? (rooms.data ?? []).filter((r) => r.active || used.has(r.id))
        : (staff.data ?? [])
            .filter((u) => u.role === 'SURGEON' && (u.active || used.has(u.id)))
            .map((u) => ({ id: u.id, name: u.name }));
    for (const c of all) {
      const id = by === 'room' ? c.operatingRoomId : c.surgeonId;
      if (!known.some((l) => l.id === id))
        known.push({ id, name: by === 'room' ? c.operatingRoomName : 'Surgeon' });
    }
    return known.map((l) => ({ id: l.id, name: l.name }));
  };

  return (
    <>
      <PageHeader title={by === 'room' ? 'Theater week by room' : 'Theater week by surgeon'} />
      <TheaterViews current={by === 'room' ? 'week-room' : 'week-surgeon'} day={start} />
      <Group gap="xs" mb="md" wrap="wrap">
        <ActionIcon
          variant="default"
          size="input-sm"
          aria-label="Previous week"
          onClick={() => go(shiftDay(start, -7))}
        >
          ‹
        </ActionIcon>
        <Text fw={500}>
          {longDate.format(from)} – {longDate.format(dayRange(shiftDay(start, 6)).start)}
        </Text>
        <ActionIcon
          variant="default"
          size="input-sm"
          aria-label="Next week"
          onClick={() => go(shiftDay(start, 7))}
        >
          ›
        </ActionIcon>
        <Button variant="default" onClick={() => go(weekStart(todayIso()))}>
          This week
        </Button>
      </Group>
      <QueryState query={cases}>
        {(all) => {
          const live = all.filter((c) => c.status !== 'CANCELLED');
          return (
            <Table.ScrollContainer minWidth={1000}>
              <Table withTableBorder withColumnBorders layout="fixed" verticalSpacing="xs">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col" w={130}>
                      {by === 'room' ? 'Room' : 'Surgeon'}
                    </Table.Th>
                    {days.map((d) => (
                      <Table.Th key={d} scope="col">
                        <Anchor component={Link} to={`/theater?date=${d}`} size="sm">
                          {weekday.format(dayRange(d).start)}
                        </Anchor>
                      </Table.Th>
                    ))}
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {lanes(live).map((lane) => (
                    <Table.Tr key={lane.id}>
                      <Table.Th scope="row">{lane.name}</Table.Th>
                      {days.map((d) => {
                        const { start: ds, end: de } = dayRange(d);
                        const inCell = live.filter(
                          (c) =>
                            (by === 'room' ? c.operatingRoomId : c.surgeonId) === lane.id &&
                            new Date(c.scheduledStart) >= ds &&
                            new Date(c.scheduledStart) < de,
                        );
                        return (
                          <Table.Td key={d} style={{ verticalAlign: 'top' }}>
                            <Stack gap={6}>
                              {inCell.map((c) => (
                                <CaseLine key={c.id} kase={c} />
                              ))}
                            </Stack>
                          </Table.Td>
                        );
                      })}
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          );
        }}
      </QueryState>
    </>
  );
}
