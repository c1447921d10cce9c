import { Button, Group, Table, TextInput, VisuallyHidden } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { api, ifMatch, unwrap } from '../../api/client';
import { useInvalidate } from '../../api/queries';
import { notifyError, notifySuccess } from '../../components/forms';
import { PageHeader } from '../../components/PageHeader';
import { QueryState } from '../../components/QueryState';
import { useExamRooms, type ExamRoom } from '../calendar/api';
import { activeFirstByName } from './lib';
import { SettingsFormModal, useSettingsSave } from './SettingsFormModal';
import { StateBadge } from './StateBadge';

/** Add an exam room (`room` null) or rename one (`If-Match`). */
function ExamRoomModal({ room, onClose }: { room: ExamRoom | null; onClose: () => void }) {
  const form = useForm({
    initialValues: { name: room?.name ?? '' },
    validate: {
      name: (v: string) =>
        v.trim() === ''
          ? 'Enter a name, e.g. Exam 1'
          : v.trim().length > 100
            ? 'At most 100 characters'
            : null,
    },
  });
  const save = useSettingsSave({
    form,
    save: (v: { name: string }) =>
      room === null
        ? unwrap(api.POST('/api/v1/exam-rooms', { body: { name: v.name.trim() } }))
        : unwrap(
            api.PATCH('/api/v1/exam-rooms/{id}', {
              params: { path: { id: room.id }, header: ifMatch(room.version) },
              body: { name: v.name.trim() },
            }),
          ),
    invalidates: [['exam-rooms']],
    savedMessage: (saved) => `${saved.name} saved`,
    onClose,
  });
  return (
    <SettingsFormModal
      title={room === null ? 'Add an exam room' : `Rename ${room.name}`}
      {...save}
      errorTitle="Exam room not saved"
      saveLabel="Save exam room"
    >
      <TextInput label="Name" required data-autofocus {...form.getInputProps('name')} />
    </SettingsFormModal>
  );
}

/** Exam rooms: appointments are booked into active ones; a deactivated room keeps its history. */
export function ExamRoomsPage() {
  const rooms = useExamRooms();
  const invalidate = useInvalidate();
  const [editing, setEditing] = useState<ExamRoom | null | undefined>(undefined);
  const setActive = useMutation({
    mutationFn: (room: ExamRoom) =>
      unwrap(
        api.PATCH('/api/v1/exam-rooms/{id}', {
          params: { path: { id: room.id }, header: ifMatch(room.version) },
          body: { active: !room.active },
        }),
      ),
    onSuccess: (saved) =>
      notifySuccess(`${saved.name} ${saved.active ? 'reactivated' : 'deactivated'}`),
    onError: notifyError,
    onSettled: () => invalidate(['exam-rooms']),
  });
  return (
    <>
      <PageHeader title="Exam rooms">
        <Button onClick={() => setEditing(null)}>Add an exam room</Button>
      </PageHeader>
      <QueryState
        query={rooms}
        isEmpty={(rows) => rows.length === 0}
        empty="No exam rooms yet: add the rooms consultations and visits are booked into."
      >
        {(rows) => (
          <Table.ScrollContainer minWidth={480}>
            <Table striped>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Name</Table.Th>
                  <Table.Th>Status</Table.Th>
                  <Table.Th>
                    <VisuallyHidden>Actions</VisuallyHidden>
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {activeFirstByName(rows).map((room) => (
                  <Table.Tr key={room.id} data-testid={`exam-room-${room.name}`}>
                    <Table.Td>{room.name}</Table.Td>
                    <Table.Td>
                      <StateBadge on={room.active} label={room.active ? 'Active' : 'Deactivated'} />
                    </Table.Td>
                    <Table.Td>
                      <Group gap="xs" justify="flex-end" wrap="nowrap">
                        <Button
                          size="xs"
                          variant="default"
                          onClick={() => setEditing(room)}
                          aria-label={`Rename ${room.name}`}
                        >
                          Rename
                        </Button>
                        <Button
                          size="xs"
                          variant="default"
                          loading={setActive.isPending && setActive.variables?.id === room.id}
                          onClick={() => setActive.mutate(room)}
                          aria-label={`${room.active ? 'Deactivate' : 'Reactivate'} ${room.name}`}
                        >
                          {room.active ? 'Deactivate' : 'Reactivate'}
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
      {editing !== undefined && (
        <ExamRoomModal room={editing} onClose={() => setEditing(undefined)} />
      )}
    </>
  );
}
