import { Anchor, Box, Group, Paper, ScrollArea, Text } from '@mantine/core';
import { Link } from 'react-router';
import { StatusBadge } from '../../components/StatusBadge';
import { formatDateTime, formatTime } from '../../lib/format';
import { blockBox, HOUR_PX, hourLabel, type DayGrid as Grid } from './placement';
import type { SurgicalCase } from './queries';

const HOUR_COLUMN = 64;
const ROOM_COLUMN = 220;
const HEADER = 36;

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
  const firstHour = grid.rows[0]?.hour ?? 0;
  const height = grid.rows.length * HOUR_PX;
  const lines = `repeating-linear-gradient(to bottom, var(--mantine-color-gray-3) 0 1px, transparent 1px ${HOUR_PX}px)`;
  return (
    <section aria-label={caption}>
      <Text size="sm" c="dimmed" mb="xs">
        {caption}
      </Text>
      <ScrollArea type="auto" offsetScrollbars>
        <Box
          style={{
            display: 'grid',
            gridTemplateColumns: `${HOUR_COLUMN}px repeat(${grid.rooms.length}, minmax(${ROOM_COLUMN}px, 1fr))`,
            minWidth: HOUR_COLUMN + grid.rooms.length * ROOM_COLUMN,
          }}
        >
          <div aria-hidden="true">
            <Box h={HEADER} />
            {grid.rows.map((row) => (
              <Text key={row.hour} size="xs" c="dimmed" h={HOUR_PX} pr={6} ta="right">
                {hourLabel(row.hour)}
              </Text>
            ))}
          </div>
          {grid.rooms.map((room, i) => (
            <section key={room.id} aria-label={room.name}>
              <Text fw={600} size="sm" h={HEADER} px="xs" pt={8} truncate>
                {room.name}
              </Text>
              <Box
                pos="relative"
                h={height}
                style={{
                  backgroundImage: lines,
                  borderLeft: '1px solid var(--mantine-color-gray-3)',
                }}
              >
                {grid.rows.map((row) => {
                  const cell = row.cells[i];
                  if (cell?.kind !== 'cases') return null;
                  const box = blockBox(cell.cases, firstHour, dayStart, dayEnd);
                  return (
                    <Box
                      key={row.hour}
                      pos="absolute"
                      left={4}
                      right={4}
                      top={box.top}
                      h={box.height}
                      data-testid="case-block"
                      style={{ display: 'flex', flexDirection: 'column', gap: 2, padding: '1px 0' }}
                    >
                      {cell.cases.map((c) => (
                        <CaseCard
                          key={c.id}
                          kase={c}
                          dayStart={dayStart}
                          dayEnd={dayEnd}
                          surgeon={surgeonNames.get(c.surgeonId)}
                        />
                      ))}
                    </Box>
                  );
                })}
              </Box>
            </section>
          ))}
        </Box>
      </ScrollArea>
    </section>
  );
}
