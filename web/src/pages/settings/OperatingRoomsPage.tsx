import { Button, Group, SimpleGrid, Table, Text, TextInput, VisuallyHidden } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { api, ifMatch, unwrap } from '../../api/client';
import { useInvalidate, useOperatingRooms, type OperatingRoom } from '../../api/queries';
import { notifyError, notifySuccess } from '../../components/forms';
import { PageHeader } from '../../components/PageHeader';
import { QueryState } from '../../components/QueryState';
import { activeFirstByName } from './lib';
import { StateBadge } from './StateBadge';
import { settingsKeys } from './queries';
import { SettingsFormModal, useSettingsSave } from './SettingsFormModal';

interface RoomValues {
  name: string;
  opensAt: string;
  closesAt: string;
}

const TIME_OF_DAY = /^([01][0-9]|2[0-3]):[0-5][0-9]$/;

/** The room form's checks: a name, and opening hours as "HH:MM", closing after opening. */
export const roomValidation = {
  name: (v: string) =>
    v.trim() === ''
      ? 'Enter a name, e.g. OR 1'
      : v.trim().length > 100
        ? 'At most 100 characters'
        : null,
  opensAt: (v: string) => (TIME_OF_DAY.test(v) ? null : 'A time of day, e.g. 07:00'),
  closesAt: (v: string, values: RoomValues) =>
    !TIME_OF_DAY.test(v)
      ? 'A time of day, e.g. 19:00'
      : TIME_OF_DAY.test(values.opensAt) && v <= values.opensAt
        ? 'Must be after the opening time'
        : null,
};

/** Add a room (`room` null), or rename one or change its hours (`If-Match`). */
export function RoomModal({ room, onClose }: { room: OperatingRoom | null; onClose: () => void }) {
  const form = useForm<RoomValues>({
    initialValues: {
      name: room?.name ?? '',
      opensAt: room?.opensAt ?? '07:00',
      closesAt: room?.closesAt ?? '19:00',
    },
    validate: roomValidation,
  });
  const save = useSettingsSave({
    form,
    save: (v: RoomValues) =>
      room === null
        ? unwrap(
            api.POST('/api/v1/operating-rooms', {
              body: { name: v.name.trim(), opensAt: v.opensAt, closesAt: v.closesAt },
            }),
          )
        : unwrap(
            api.PATCH('/api/v1/operating-rooms/{id}', {
              params: { path: { id: room.id }, header: ifMatch(room.version) },
              body: { name: v.name.trim(), opensAt: v.opensAt, closesAt: v.closesAt },
            }),
          ),
    invalidates: [['operating-rooms'], settingsKeys.setup],
    savedMessage: (saved) => `${saved.name} saved`,
    onClose,
  });
  return (
    <SettingsFormModal
      title={room === null ? 'Add a room' : `Edit ${room.name}`}
      {...save}
      errorTitle="Room not saved"
      saveLabel="Save room"
    >
      <TextInput label="Name" required data-autofocus {...form.getInputProps('name')} />
      <Text size="sm">
        Opening hours, in the clinic&apos;s time zone: cases are booked between them.
      </Text>
      <SimpleGrid cols={2}>
        <TextInput type="time" label="Opens at" required {...form.getInputProps('opensAt')} />
        <TextInput type="time" label="Closes at" required {...form.getInputProps('closesAt')} />
      </SimpleGrid>
    </SettingsFormModal>
  );
}

/** Operating rooms: cases are booked into active ones; a deactivated room keeps its past cases. */
export function OperatingRoomsPage() {
  const rooms = useOperatingRooms();
  const invalidate = useInvalidate();
  // undefined: closed; null: a new room.
  const [editing, setEditing] = useState<OperatingRoom | null | undefined>(undefined);
  const setActive = useMutation({
    mutationFn: (room: OperatingRoom) =>
      unwrap(
        api.PATCH('/api/v1/operating-rooms/{id}', {
          params: { path: { id: room.id }, header: ifMatch(room.version) },
          body: { active: !room.active },
        }),
      ),
    onSuccess: (saved) =>
      notifySuccess(`${saved.name} ${saved.active ? 'reactivated' : 'deactivated'}`),
    onError: notifyError,
    // After a refusal too: a 412 means the list is stale.
    onSettled: () => invalidate(['operating-rooms'], settingsKeys.setup),
  });
  return (
    <>
      <PageHeader title="Operating rooms">
        <Button onClick={() => setEditing(null)}>Add a room</Button>
      </PageHeader>
      <QueryState
        query={rooms}
        isEmpty={(rows) => rows.length === 0}
        empty="No rooms yet: add the rooms cases are booked into."
      >
        {(rows) => (
          <Table.ScrollContainer minWidth={560}>
            <Table striped>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Name</Table.Th>
                  <Table.Th>Opening hours</Table.Th>
                  <Table.Th>Status</Table.Th>
                  <Table.Th>
                    <VisuallyHidden>Actions</VisuallyHidden>
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {activeFirstByName(rows).map((room) => (
                  <Table.Tr key={room.id} data-testid={`room-${room.name}`}>
                    <Table.Td>{room.name}</Table.Td>
                    <Table.Td>
                      {room.opensAt}–{room.closesAt}
                    </Table.Td>
                    <Table.Td>
                      <StateBadge on={room.active} label={room.active ? 'Active' : 'Deactivated'} />
                    </Table.Td>
                    <Table.Td>
                      <Group gap="xs" justify="flex-end" wrap="nowrap">
                        <Button
                          size="xs"
                          variant="default"
                          onClick={() => setEditing(room)}
                          aria-label={`Edit ${room.name}`}
                        >
                          Edit
                        </Button>
                        <Button
                          size="xs"
                          variant="default"
                          loading={setActive.isPending && setActive.variables.id === room.id}
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
        <RoomModal
          key={editing?.id ?? 'new'}
          room={editing}
          onClose={() => setEditing(undefined)}
        />
      )}
    </>
  );
}
