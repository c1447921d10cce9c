import { Anchor, Card, Table, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { QueryState } from '../../../components/QueryState';
import { StatusBadge } from '../../../components/StatusBadge';
import { formatDate } from '../../../lib/format';
import { useCaseAppointments, type Appointment } from '../api';
import { AppointmentActions } from '../AppointmentActions';
import { when } from '../AppointmentPage';

const byDay = (a: Appointment, b: Appointment) =>
  (a.postOpDay ?? 0) - (b.postOpDay ?? 0) ||
  (a.start ?? a.proposedOn ?? '').localeCompare(b.start ?? b.proposedOn ?? '');

/**
 * The case page's "Post-op schedule": the visits the completed case proposed (day N after
 * surgery, the day they are due), each confirmed with a time ("Confirm" offers that day's free
 * slots), and those already booked.
 */
export function PostOpScheduleSection({ caseId }: { caseId: string }) {
  const appointments = useCaseAppointments(caseId);
  return (
    <Card withBorder component="section" aria-label="Post-op schedule">
      <Title order={2} size="h4" mb="sm">
        Post-op schedule
      </Title>
      <QueryState
        query={appointments}
        isEmpty={(all) => all.length === 0}
        empty="No post-op visits yet: they are proposed when the case is completed."
      >
        {(all) => (
          <Table.ScrollContainer minWidth={720}>
            <Table>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Day</Table.Th>
                  <Table.Th>Due</Table.Th>
                  <Table.Th>Booked for</Table.Th>
                  <Table.Th>Provider</Table.Th>
                  <Table.Th>Status</Table.Th>
                  <Table.Th>Actions</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {[...all].sort(byDay).map((a) => (
                  <Table.Tr key={a.id} data-testid="post-op-visit">
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>
                      {a.postOpDay === null ? '—' : `Day ${a.postOpDay}`}
                    </Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>
                      {a.proposedOn === null ? '—' : formatDate(a.proposedOn)}
                    </Table.Td>
                    <Table.Td>
                      {a.start === null ? (
                        <Text size="sm" c="dimmed">
                          Not booked
                        </Text>
                      ) : (
                        <Anchor component={Link} to={`/calendar/appointments/${a.id}`} size="sm">
                          {when(a)}
                        </Anchor>
                      )}
                    </Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>{a.providerName}</Table.Td>
                    <Table.Td>
                      <StatusBadge status={a.status} />
                    </Table.Td>
                    <Table.Td>
                      <AppointmentActions appointment={a} />
                    </Table.Td>
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
