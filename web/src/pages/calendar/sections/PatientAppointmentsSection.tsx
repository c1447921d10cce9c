import { Anchor, Badge, Button, Group, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { Link } from 'react-router';
import { useAuth } from '../../../auth/AuthProvider';
import { QueryState } from '../../../components/QueryState';
import { StatusBadge } from '../../../components/StatusBadge';
import { Section } from '../../patients/Section';
import { typeLabel, usePatientAppointments, type Appointment } from '../api';
import { when } from '../AppointmentPage';
import { BookingModal, type BookingDraft } from '../BookingModal';

function Rows({ list, empty }: { list: readonly Appointment[]; empty: string }) {
  if (list.length === 0)
    return (
      <Text size="sm" c="dimmed">
        {empty}
      </Text>
    );
  return (
    <Table.ScrollContainer minWidth={640}>
      <Table>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>When</Table.Th>
            <Table.Th>Type</Table.Th>
            <Table.Th>Provider</Table.Th>
            <Table.Th>Status</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {list.map((a) => (
            <Table.Tr key={a.id} data-testid="patient-appointment">
              <Table.Td>
                <Anchor component={Link} to={`/calendar/appointments/${a.id}`} size="sm">
                  {when(a)}
                </Anchor>
              </Table.Td>
              <Table.Td>
                {typeLabel(a.type)}
                {a.postOpDay === null ? '' : ` (day ${a.postOpDay})`}
              </Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>{a.providerName}</Table.Td>
              <Table.Td>
                <StatusBadge status={a.status} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/**
 * The patient page's "Appointments": upcoming (booked, checked in, proposed post-op visits) and
 * past (newest first), the no-show count, and "Book" (the calendar's booking form, the patient
 * filled in).
 */
export function PatientAppointmentsSection({ patientId }: { patientId: string }) {
  const { can } = useAuth();
  const appointments = usePatientAppointments(patientId);
  const [draft, setDraft] = useState<BookingDraft | null>(null);
  return (
    <Section
      title="Appointments"
      actions={
        can('appointments.book') && (
          <Button size="sm" onClick={() => setDraft({ patientId })}>
            Book
          </Button>
        )
      }
    >
      <QueryState query={appointments}>
        {(a) => (
          <>
            <Group gap="xs">
              <Text size="sm">No-shows:</Text>
              <Badge
                variant="light"
                color={a.noShowCount > 0 ? 'red' : 'gray'}
                vars={() => ({ root: { '--badge-color': 'var(--mantine-color-text)' } })}
                data-testid="no-show-count"
              >
                {a.noShowCount}
              </Badge>
            </Group>
            <Text fw={600} size="sm">
              Upcoming
            </Text>
            <Rows list={a.upcoming} empty="Nothing booked." />
            <Text fw={600} size="sm">
              Past
            </Text>
            <Rows list={a.past} empty="No past appointments." />
          </>
        )}
      </QueryState>
      <BookingModal draft={draft} onClose={() => setDraft(null)} />
    </Section>
  );
}
