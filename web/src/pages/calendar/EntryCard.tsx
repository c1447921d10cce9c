import { Anchor, Group, Paper, Text } from '@mantine/core';
import { Link } from 'react-router';
import { StatusBadge } from '../../components/StatusBadge';
import { formatTime } from '../../lib/format';
import { typeLabel } from './api';
import type { CalendarEntry } from './lanes';

/**
 * An appointment or a surgical case in a calendar column: the time and the patient (linked to
 * the appointment, or to the case, which the calendar shows read-only), then the type or
 * procedure and the status.
 */
export function EntryCard({
  entry,
  showProvider,
}: {
  entry: CalendarEntry;
  showProvider: boolean;
}) {
  if (entry.kind === 'case') {
    const c = entry.kase;
    return (
      <Paper
        withBorder
        px={6}
        py={2}
        radius="sm"
        bg="gray.0"
        style={{
          borderLeft: '4px solid var(--mantine-color-grape-7)',
          overflow: 'hidden',
          flex: 1,
        }}
        data-testid="calendar-case"
      >
        <Group justify="space-between" gap={4} wrap="nowrap">
          <Text size="xs" fw={600} truncate>
            {formatTime(c.scheduledStart)}–{formatTime(c.scheduledEnd)}{' '}
            <Anchor component={Link} to={`/cases/${c.id}`} size="xs" fw={600}>
              Surgery {c.caseNumber}
            </Anchor>
          </Text>
          <StatusBadge status={c.status} />
        </Group>
        <Text size="xs" lineClamp={1}>
          {c.patientName} · {c.procedureName}
          {showProvider ? ` · ${c.operatingRoomName}` : ''}
        </Text>
      </Paper>
    );
  }
  const a = entry.appointment;
  return (
    <Paper
      withBorder
      px={6}
      py={2}
      radius="sm"
      bg="white"
      style={{
        borderLeft: '4px solid var(--mantine-color-blue-7)',
        overflow: 'hidden',
        flex: 1,
        opacity: a.status === 'NO_SHOW' ? 0.85 : 1,
      }}
      data-testid="calendar-appointment"
    >
      <Group justify="space-between" gap={4} wrap="nowrap">
        <Text size="xs" fw={600} truncate>
          {formatTime(a.start)}{' '}
          <Anchor component={Link} to={`/calendar/appointments/${a.id}`} size="xs" fw={600}>
            {a.patient.firstName} {a.patient.lastName}
          </Anchor>
        </Text>
        <StatusBadge status={a.status} />
      </Group>
      <Text size="xs" lineClamp={1}>
        {typeLabel(a.type)}
        {showProvider
          ? ` · ${a.providerName}`
          : a.examRoomName === null
            ? ''
            : ` · ${a.examRoomName}`}
      </Text>
    </Paper>
  );
}
