import { Anchor, Group, Paper, Text } from '@mantine/core';
import { Link } from 'react-router';
import { StatusBadge } from '../../components/StatusBadge';
import { formatDateTime, formatTime } from '../../lib/format';
import { TimeGrid, type TimeGridLane } from '../../components/timegrid/TimeGrid';
import type { DayGrid as Grid } from './placement';
import type { SurgicalCase } from './queries';

/** "8:00 AM – 10:00 AM"; a start or end on another day shows its date too. */
function timeRange(c: SurgicalCase, dayStart: Date, dayEnd: Date): string {
  const show = (iso: string) => {
    const t = new Date(iso).getTime();
    return t >= dayStart.getTime() && t < dayEnd.getTime() ? formatTime(iso) : formatDateTime(iso);
  };
  return `${show(c.scheduledStart)} – ${show(c.scheduledEnd)}`;
}

function CaseCard({
  kase,
  dayStart,
  dayEnd,
  surgeon,
}: {
  kase: SurgicalCase;
  dayStart: Date;
  dayEnd: Date;
  surgeon: string | undefined;
}) {
  const cancelled = kase.status === 'CANCELLED';
  return (
    <Paper
      withBorder
      px={6}
      py={4}
      radius="sm"
      bg={cancelled ? 'gray.0' : 'white'}
      style={{
        borderStyle: cancelled ? 'dashed' : undefined,
        borderLeft: cancelled ? undefined : '4px solid var(--mantine-color-blue-6)',
        overflow: 'hidden',
        flex: 1,
      }}
      data-testid="case-block-card"
    >
      <Group justify="space-between" gap={4} wrap="nowrap">
        <Anchor component={Link} to={`/cases/${kase.id}`} fw={600} size="sm">
          {kase.caseNumber}
        </Anchor>
        <StatusBadge status={kase.status} />
      </Group>
      <Text size="sm" fw={500} lineClamp={1}>
        {kase.patientName}
      </Text>
      <Text size="xs" lineClamp={1}>
        {kase.procedureName}
      </Text>
      <Text size="xs" c="dimmed" lineClamp={1}>
        {timeRange(kase, dayStart, dayEnd)}
        {surgeon !== undefined && ` · ${surgeon}`}
      </Text>
    </Paper>
  );
}

/**
 * The theater day: a column per room, the local clock down the side, each block of cases drawn
 * from its start to its end at `HOUR_PX` an hour (placement.ts): the height is the duration.
 */
export function DayGrid({
  grid,
  caption,
  dayStart,
  dayEnd,
  surgeonNames,
}: {
  grid: Grid<SurgicalCase>;
  caption: string;
  dayStart: Date;
  dayEnd: Date;
  surgeonNames: ReadonlyMap<string, string>;
}) {
  const first = grid.rows[0]?.hour ?? 0;
  const lanes: TimeGridLane[] = grid.rooms.map((room, i) => ({
    id: room.id,
    name: room.name,
    dayStart,
    dayEnd,
    blocks: grid.rows.flatMap((row) => {
      const cell = row.cells[i];
      if (cell?.kind !== 'cases') return [];
      return [
        {
          key: String(row.hour),
          spans: cell.cases.map((c) => ({ start: c.scheduledStart, end: c.scheduledEnd })),
          testId: 'case-block',
          content: cell.cases.map((c) => (
            <CaseCard
              key={c.id}
              kase={c}
              dayStart={dayStart}
              dayEnd={dayEnd}
              surgeon={surgeonNames.get(c.surgeonId)}
            />
          )),
        },
      ];
    }),
  }));
  return (
    <TimeGrid lanes={lanes} hours={{ first, end: first + grid.rows.length }} caption={caption} />
  );
}
