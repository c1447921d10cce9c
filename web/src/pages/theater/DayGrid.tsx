import { Anchor, Group, Paper, Stack, Table, Text } from '@mantine/core';
import { Link } from 'react-router';
import { StatusBadge } from '../../components/StatusBadge';
import { formatDateTime, formatTime } from '../../lib/format';
import { hourLabel, type DayGrid as Grid } from './placement';
import type { SurgicalCase } from './queries';

const HOUR_COLUMN = 80;
const ROOM_COLUMN = 210;

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
  return (
    <Paper
      withBorder
      p="xs"
      radius="sm"
      bg={kase.status === 'CANCELLED' ? 'gray.0' : undefined}
      style={kase.status === 'CANCELLED' ? { borderStyle: 'dashed' } : undefined}
    >
      <Group justify="space-between" gap={4} wrap="wrap">
        <Anchor component={Link} to={`/cases/${kase.id}`} fw={600} size="sm">
          {kase.caseNumber}
        </Anchor>
        <StatusBadge status={kase.status} />
      </Group>
      <Text size="sm" lineClamp={2}>
        {kase.procedureName}
      </Text>
      <Text size="xs" c="dimmed">
        {timeRange(kase, dayStart, dayEnd)}
        {surgeon !== undefined && ` · ${surgeon}`}
      </Text>
    </Paper>
  );
}

/** The theater day as a table: a column per room, a row header per hour, a case where it runs. */
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
  return (
    <Table.ScrollContainer minWidth={HOUR_COLUMN + grid.rooms.length * ROOM_COLUMN}>
      <Table withTableBorder withColumnBorders layout="fixed" captionSide="top">
        <Table.Caption c="dimmed">{caption}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col" w={HOUR_COLUMN}>
              Time
            </Table.Th>
            {grid.rooms.map((room) => (
              <Table.Th key={room.id} scope="col">
                {room.name}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {grid.rows.map((row) => (
            <Table.Tr key={row.hour} h={52}>
              <Table.Th scope="row" style={{ verticalAlign: 'top' }} fw={500}>
                {hourLabel(row.hour)}
              </Table.Th>
              {row.cells.map((cell, i) => {
                const roomId = grid.rooms[i]?.id ?? String(i);
                if (cell.kind === 'covered') return null;
                if (cell.kind === 'free') return <Table.Td key={roomId} />;
                return (
                  <Table.Td key={roomId} rowSpan={cell.rowSpan} style={{ verticalAlign: 'top' }}>
                    <Stack gap={6}>
                      {cell.cases.map((c) => (
                        <CaseCard
                          key={c.id}
                          kase={c}
                          dayStart={dayStart}
                          dayEnd={dayEnd}
                          surgeon={surgeonNames.get(c.surgeonId)}
                        />
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
}
