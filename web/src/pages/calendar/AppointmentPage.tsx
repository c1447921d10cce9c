import { Anchor, Card, Group, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { Link, useParams } from 'react-router';
import { useExamRooms } from './api';
import { useStaffNames } from '../../api/queries';
import { FactsTable } from '../../components/FactsTable';
import { PageHeader } from '../../components/PageHeader';
import { PatientLink } from '../../components/PatientLink';
import { QueryState } from '../../components/QueryState';
import { StatusBadge } from '../../components/StatusBadge';
import { isoDateAt } from '../../lib/clinicTime';
import { formatDate, formatDateTime, formatTime } from '../../lib/format';
import { typeLabel, useAppointment, useAppointmentReminders, type AppointmentDetail } from './api';
import { AppointmentActions } from './AppointmentActions';

/** "Dec 7, 2026, 9:00 AM – 9:30 AM", or the proposed day of a visit not yet booked. */
export function when(a: {
  start: string | null;
  end: string | null;
  proposedOn: string | null;
}): string {
  if (a.start === null)
    return a.proposedOn === null ? '—' : `Proposed for ${formatDate(a.proposedOn)}`;
  return `${formatDateTime(a.start)} – ${formatTime(a.end)}`;
}

const ACTIONS: Record<string, string> = {
  CREATED: 'Booked',
  BOOKED: 'Booked',
  PROPOSED: 'Proposed',
  CONFIRMED: 'Confirmed',
  RESCHEDULED: 'Rescheduled',
  CHECKED_IN: 'Checked in',
  COMPLETED: 'Completed',
  CANCELLED: 'Cancelled',
  NO_SHOW: 'No-show',
};

function History({ a }: { a: AppointmentDetail }) {
  const names = useStaffNames();
  const rooms = useExamRooms();
  const room = (id: string | null) =>
    id === null ? null : (rooms.data?.find((r) => r.id === id)?.name ?? null);
  return (
    <Card withBorder component="section" aria-label="History">
      <Title order={2} size="h4" mb="sm">
        History
      </Title>
      <Table.ScrollContainer minWidth={560}>
        <Table>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>When</Table.Th>
              <Table.Th>What</Table.Th>
              <Table.Th>By</Table.Th>
              <Table.Th>Time then</Table.Th>
              <Table.Th>Reason</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {a.history.map((e, i) => (
              <Table.Tr key={`${e.at}-${i}`}>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(e.at)}</Table.Td>
                <Table.Td>{ACTIONS[e.action] ?? e.action}</Table.Td>
                <Table.Td>
                  {e.actorName ?? (e.actorId === null ? '—' : (names.get(e.actorId) ?? '—'))}
                </Table.Td>
                <Table.Td>
                  {e.start === null ? '—' : `${formatDateTime(e.start)} – ${formatTime(e.end)}`}
                  {room(e.examRoomId) === null ? '' : ` · ${room(e.examRoomId)}`}
                </Table.Td>
                <Table.Td>{e.reason ?? '—'}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Card>
  );
}

const REMINDER_STATUSES: Record<string, string> = {
  PENDING: 'Planned',
  SENDING: 'Sending',
  SENT: 'Sent',
  CANCELLED: 'Withdrawn',
  SKIPPED: 'Not sent',
  FAILED: 'Failed',
};

/** "48 h before", "2 h before", "30 min before". */
function offsetLabel(minutes: number): string {
  return minutes % 60 === 0 ? `${minutes / 60} h before` : `${minutes} min before`;
}

/** Whether and when the patient was reminded, by which channel, and why a reminder did not go. */
function Reminders({ id }: { id: string }) {
  const reminders = useAppointmentReminders(id);
  return (
    <Card withBorder component="section" aria-label="Reminders">
      <Title order={2} size="h4" mb="sm">
        Reminders
      </Title>
      <QueryState
        query={reminders}
        isEmpty={(all) => all.length === 0}
        empty="No reminders planned (the visit has no time yet, or was booked too late for one)."
      >
        {(all) => (
          <Table.ScrollContainer minWidth={560}>
            <Table>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Channel</Table.Th>
                  <Table.Th>When</Table.Th>
                  <Table.Th>Due</Table.Th>
                  <Table.Th>Status</Table.Th>
                  <Table.Th>Sent</Table.Th>
                  <Table.Th>Note</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {all.map((r) => (
                  <Table.Tr key={r.id}>
                    <Table.Td>{r.channel === 'EMAIL' ? 'Email' : 'SMS'}</Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>
                      {offsetLabel(r.offsetMinutes)}
                    </Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(r.dueAt)}</Table.Td>
                    <Table.Td>{REMINDER_STATUSES[r.status] ?? r.status}</Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(r.sentAt)}</Table.Td>
                    <Table.Td>{r.lastError ?? '—'}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </QueryState>
    </Card>
  );
}

function AppointmentView({ a }: { a: AppointmentDetail }) {
  const day = a.start === null ? a.proposedOn : isoDateAt(new Date(a.start));
  const rows: [string, ReactNode][] = [
    [
      'Patient',
      <PatientLink
        key="p"
        id={a.patientId}
        fallback={`${a.patient.firstName} ${a.patient.lastName}`}
        inherit
      />,
    ],
    ['MRN', a.patient.mrn],
    ['Type', typeLabel(a.type)],
    ['When', when(a)],
    ['Provider', a.providerName],
    ['Exam room', a.examRoomName ?? '—'],
    ['Notes', a.notes ?? '—'],
  ];
  if (a.postOpDay !== null) rows.push(['Post-op day', String(a.postOpDay)]);
  if (a.surgicalCaseId !== null)
    rows.push([
      'Surgical case',
      <Anchor key="c" component={Link} to={`/cases/${a.surgicalCaseId}`} inherit>
        View case
      </Anchor>,
    ]);
  if (a.consultationId !== null) rows.push(['Consultation', 'Recorded (patient page)']);
  const times: [string, ReactNode][] = [
    ['Checked in', formatDateTime(a.checkedInAt)],
    ['Completed', formatDateTime(a.completedAt)],
    ['No-show', formatDateTime(a.noShowAt)],
    ['Cancelled', formatDateTime(a.cancelledAt)],
  ];
  if (a.cancelReason !== null) times.push(['Cancellation reason', a.cancelReason]);
  return (
    <>
      <PageHeader
        title={
          <Group gap="sm" component="span">
            <span>
              {typeLabel(a.type)}: {a.patient.firstName} {a.patient.lastName}
            </span>
            <StatusBadge status={a.status} />
          </Group>
        }
      >
        <AppointmentActions appointment={a} size="sm" />
      </PageHeader>
      {day !== null && (
        <Text mb="md" size="sm">
          <Anchor component={Link} to={`/calendar?date=${day}`}>
            Back to the calendar
          </Anchor>{' '}
          ·{' '}
          <Anchor component={Link} to={`/calendar/day-list?date=${day}`}>
            The day list
          </Anchor>
        </Text>
      )}
      <Stack gap="md">
        <SimpleGrid cols={{ base: 1, lg: 2 }}>
          <Card withBorder>
            <Title order={2} size="h4" mb="sm">
              Appointment
            </Title>
            <FactsTable label="Appointment" rows={rows} labelWidth={150} />
          </Card>
          <Card withBorder>
            <Title order={2} size="h4" mb="sm">
              Status
            </Title>
            <FactsTable label="Status" rows={times} labelWidth={150} />
          </Card>
        </SimpleGrid>
        <Reminders id={a.id} />
        <History a={a} />
      </Stack>
    </>
  );
}

/** `/calendar/appointments/:id`: one appointment, what can be done to it, and its history. */
export function AppointmentPage() {
  const { id = '' } = useParams();
  const query = useAppointment(id);
  if (query.data === undefined) {
    return (
      <>
        <PageHeader title="Appointment" />
        <QueryState query={query}>{() => null}</QueryState>
      </>
    );
  }
  return <AppointmentView key={query.data.id} a={query.data} />;
}
