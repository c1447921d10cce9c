import { Button, Group, List, Select, SimpleGrid, Table, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { api, unwrap } from '../../api/client';
import { useInvalidate, useStaff } from '../../api/queries';
import { notifyError, notifySuccess } from '../../components/forms';
import { PageHeader } from '../../components/PageHeader';
import { QueryState } from '../../components/QueryState';
import { shiftDay } from '../../lib/clinicDays';
import { formatDate, formatDateTime, todayIso } from '../../lib/format';
import { useExamRooms, useScheduleExceptions, type ExceptionKind } from '../calendar/api';
import { SettingsFormModal, useSettingsSave } from './SettingsFormModal';

const KINDS: { value: ExceptionKind; label: string }[] = [
  { value: 'HOLIDAY', label: 'Holiday (the whole clinic)' },
  { value: 'LEAVE', label: "Leave (a provider's)" },
  { value: 'CLOSED', label: 'Closed (an exam room)' },
];

interface Values {
  kind: ExceptionKind;
  resourceId: string | null;
  startsOn: string;
  endsOn: string;
  startTime: string;
  endTime: string;
  reason: string;
}

type Clash = { kind: string; id: string; start: string; end: string };

function AddModal({
  onClose,
  onClashes,
}: {
  onClose: () => void;
  onClashes: (c: Clash[]) => void;
}) {
  const staff = useStaff();
  const rooms = useExamRooms();
  const form = useForm<Values>({
    initialValues: {
      kind: 'HOLIDAY',
      resourceId: null,
      startsOn: todayIso(),
      endsOn: todayIso(),
      startTime: '',
      endTime: '',
      reason: '',
    },
  });
  const save = useSettingsSave({
    form,
    save: (v: Values) =>
      unwrap(
        api.POST('/api/v1/schedule-exceptions', {
          body: {
            kind: v.kind,
            ...(v.kind === 'HOLIDAY' || v.resourceId === null ? {} : { resourceId: v.resourceId }),
            startsOn: v.startsOn,
            endsOn: v.endsOn,
            ...(v.startTime === '' ? {} : { startTime: v.startTime }),
            ...(v.endTime === '' ? {} : { endTime: v.endTime }),
            ...(v.reason.trim() === '' ? {} : { reason: v.reason.trim() }),
          },
        }),
      ).then((created) => {
        onClashes(created.clashes);
        return created;
      }),
    invalidates: [['schedule-exceptions'], ['availability']],
    savedMessage: () => 'Time off saved',
    onClose,
  });
  const kind = form.values.kind;
  const options =
    kind === 'LEAVE'
      ? (staff.data ?? [])
          .filter((u) => u.active && (u.role === 'SURGEON' || u.role === 'NURSE'))
          .map((u) => ({ value: u.id, label: u.name }))
      : (rooms.data ?? []).filter((r) => r.active).map((r) => ({ value: r.id, label: r.name }));
  return (
    <SettingsFormModal
      title="Add time off"
      {...save}
      errorTitle="Not saved"
      saveLabel="Save time off"
    >
      <Select label="Kind" data={KINDS} allowDeselect={false} {...form.getInputProps('kind')} />
      {kind !== 'HOLIDAY' && (
        <Select
          label={kind === 'LEAVE' ? 'Provider' : 'Exam room'}
          data={options}
          {...form.getInputProps('resourceId')}
        />
      )}
      <SimpleGrid cols={2}>
        <TextInput type="date" label="First day" required {...form.getInputProps('startsOn')} />
        <TextInput type="date" label="Last day" required {...form.getInputProps('endsOn')} />
        <TextInput type="time" label="From time (optional)" {...form.getInputProps('startTime')} />
        <TextInput type="time" label="To time (optional)" {...form.getInputProps('endTime')} />
      </SimpleGrid>
      <TextInput label="Reason" {...form.getInputProps('reason')} />
    </SettingsFormModal>
  );
}

/**
 * Time off: the clinic's holidays, providers' leave and exam rooms' closures for the coming
 * year. What is already booked in new time off is listed to be moved.
 */
export function TimeOffPage() {
  const from = todayIso();
  const exceptions = useScheduleExceptions(from, shiftDay(from, 365));
  const staff = useStaff();
  const rooms = useExamRooms();
  const invalidate = useInvalidate();
  const [adding, setAdding] = useState(false);
  const [clashes, setClashes] = useState<Clash[]>([]);
  const remove = useMutation({
    mutationFn: (id: string) =>
      unwrap(api.DELETE('/api/v1/schedule-exceptions/{id}', { params: { path: { id } } })),
    onSuccess: () => notifySuccess('Time off removed'),
    onError: notifyError,
    onSettled: () => invalidate(['schedule-exceptions'], ['availability']),
  });
  const who = (id: string | null) =>
    id === null
      ? 'Whole clinic'
      : (staff.data?.find((u) => u.id === id)?.name ??
        rooms.data?.find((r) => r.id === id)?.name ??
        '—');
  return (
    <>
      <PageHeader title="Time off">
        <Button onClick={() => setAdding(true)}>Add time off</Button>
      </PageHeader>
      {clashes.length > 0 && (
        <Text size="sm" mb="md" role="status">
          Already booked in that time (move them):
          <List size="sm">
            {clashes.map((c) => (
              <List.Item key={c.id}>
                {c.kind === 'SURGICAL_CASE' ? 'Surgery' : 'Appointment'} {formatDateTime(c.start)}
              </List.Item>
            ))}
          </List>
        </Text>
      )}
      <QueryState query={exceptions} isEmpty={(r) => r.length === 0} empty="No time off ahead.">
        {(rows) => (
          <Table.ScrollContainer minWidth={640}>
            <Table striped>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Kind</Table.Th>
                  <Table.Th>Who</Table.Th>
                  <Table.Th>Days</Table.Th>
                  <Table.Th>Hours</Table.Th>
                  <Table.Th>Reason</Table.Th>
                  <Table.Th>Actions</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((e) => (
                  <Table.Tr key={e.id}>
                    <Table.Td>{e.kind}</Table.Td>
                    <Table.Td>{who(e.resourceId)}</Table.Td>
                    <Table.Td>
                      {formatDate(e.startsOn)}
                      {e.endsOn === e.startsOn ? '' : ` – ${formatDate(e.endsOn)}`}
                    </Table.Td>
                    <Table.Td>
                      {e.startTime === null ? 'All day' : `${e.startTime}–${e.endTime}`}
                    </Table.Td>
                    <Table.Td>{e.reason ?? '—'}</Table.Td>
                    <Table.Td>
                      <Group gap="xs">
                        <Button
                          size="xs"
                          variant="default"
                          color="red"
                          onClick={() => remove.mutate(e.id)}
                          aria-label={`Remove time off from ${formatDate(e.startsOn)}`}
                        >
                          Remove
                        </Button>
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </QueryState>
      {adding && <AddModal onClose={() => setAdding(false)} onClashes={setClashes} />}
    </>
  );
}
