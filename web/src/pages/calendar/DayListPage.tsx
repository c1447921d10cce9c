import { Anchor, Table, Text } from '@mantine/core';
import { useMemo } from 'react';
import { Link, useSearchParams } from 'react-router';
import { DayPicker } from '../../components/DayPicker';
import { PageHeader } from '../../components/PageHeader';
import { QueryState } from '../../components/QueryState';
import { StatusBadge } from '../../components/StatusBadge';
import { dayRange, parseDay } from '../../lib/clinicDays';
import { formatTime, todayIso } from '../../lib/format';
import { hasTimes, typeLabel, useAppointmentsBetween, type TimedAppointment } from './api';
import { AppointmentActions } from './AppointmentActions';
import { CalendarViews } from './CalendarPage';

/** The day's appointments in time order, cancelled ones last. */
export function dayListOrder(list: readonly TimedAppointment[]): TimedAppointment[] {
  return [...list].sort(
    (a, b) =>
      Number(a.status === 'CANCELLED') - Number(b.status === 'CANCELLED') ||
      Date.parse(a.start) - Date.parse(b.start) ||
      a.providerName.localeCompare(b.providerName),
  );
}

/**
 * `/calendar/day-list?date=`: the front desk's list of the day: each appointment in time order
 * with its patient, type, provider, room and status, and what can be done now (check in,
 * complete, no-show, reschedule, cancel).
 */
export function DayListPage() {
  const [params, setParams] = useSearchParams();
  const day = parseDay(params.get('date')) ?? todayIso();
  const { start, end } = useMemo(() => dayRange(day), [day]);
  const appointments = useAppointmentsBetween(start.toISOString(), end.toISOString());
  return (
    <>
      <PageHeader title="Day list" />
      <CalendarViews current="day-list" day={day} />
      <DayPicker day={day} onChange={(next) => setParams({ date: next })} />
      <QueryState
        query={appointments}
        isEmpty={(all) => all.filter(hasTimes).length === 0}
        empty="No appointments on this day"
      >
        {(all) => (
          <Table.ScrollContainer minWidth={760} mt="md">
            <Table verticalSpacing="sm" aria-label="Appointments of the day">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Time</Table.Th>
                  <Table.Th>Patient</Table.Th>
                  <Table.Th>Type</Table.Th>
                  <Table.Th>With</Table.Th>
                  <Table.Th>Status</Table.Th>
                  <Table.Th w={250}>Actions</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {dayListOrder(all.filter(hasTimes)).map((a) => (
                  <Table.Tr key={a.id} data-testid="day-list-row">
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>
                      {formatTime(a.start)}–{formatTime(a.end)}
                    </Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>
                      <Anchor component={Link} to={`/calendar/appointments/${a.id}`}>
                        {a.patient.firstName} {a.patient.lastName}
                      </Anchor>
                      <Text size="xs" c="dimmed">
                        {a.patient.mrn}
                      </Text>
                    </Table.Td>
                    <Table.Td>{typeLabel(a.type)}</Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>
                      {a.providerName}
                      <Text size="xs" c="dimmed">
                        {a.examRoomName ?? 'No room'}
                      </Text>
                    </Table.Td>
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
    </>
  );
}
