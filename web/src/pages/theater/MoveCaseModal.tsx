import { Button, Group, Modal, Select, SimpleGrid, Stack, Text } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useDisclosure } from '@mantine/hooks';
import dayjs from 'dayjs';
import { api, ifMatch, unwrap } from '../../api/client';
import { ApiError } from '../../api/problem';
import { useOperatingRooms } from '../../api/queries';
import type { components } from '../../api/schema';
import { applyFieldErrors } from '../../components/forms';
import { DateTimeField } from '../../components/DateTimeField';
import { ProblemAlert } from '../../components/ProblemAlert';
import { instantOfPickerValue, pickerValueAt } from '../../lib/clinicTime';
import { ConflictNote, type Slot } from './ConflictNote';
import { useCaseMutation } from './mutations';
import type { SurgicalCase } from './queries';

type MoveBody = components['schemas']['UpdateSurgicalCaseDto'];

const FIELDS = ['operatingRoomId', 'scheduledStart', 'scheduledEnd'];

interface MoveValues {
  operatingRoomId: string | null;
  scheduledStart: string | null;
  scheduledEnd: string | null;
}

export { scheduleConflict } from './ConflictNote';

/** Only what changed goes to the API: an unchanged start that is now past would be refused. */
export function moveBody(kase: SurgicalCase, values: MoveValues): MoveBody {
  const body: MoveBody = {};
  if (values.operatingRoomId !== null && values.operatingRoomId !== kase.operatingRoomId) {
    body.operatingRoomId = values.operatingRoomId;
  }
  const start = values.scheduledStart === null ? null : instantOfPickerValue(values.scheduledStart);
  const end = values.scheduledEnd === null ? null : instantOfPickerValue(values.scheduledEnd);
  if (start !== null && start.getTime() !== new Date(kase.scheduledStart).getTime()) {
    body.scheduledStart = start.toISOString();
  }
  if (end !== null && end.getTime() !== new Date(kase.scheduledEnd).getTime()) {
    body.scheduledEnd = end.toISOString();
  }
  return body;
}

function MoveForm({ kase, onDone }: { kase: SurgicalCase; onDone: () => void }) {
  const rooms = useOperatingRooms();
  const form = useForm<MoveValues>({
    initialValues: {
      operatingRoomId: kase.operatingRoomId,
      scheduledStart: pickerValueAt(new Date(kase.scheduledStart)),
      scheduledEnd: pickerValueAt(new Date(kase.scheduledEnd)),
    },
    validate: {
      operatingRoomId: (v) => (v === null ? 'Choose a room' : null),
      scheduledStart: (v) => (v === null ? 'Enter the start' : null),
      scheduledEnd: (v, values) =>
        v === null
          ? 'Enter the end'
          : values.scheduledStart !== null && !dayjs(v).isAfter(dayjs(values.scheduledStart))
            ? 'The end must be after the start'
            : null,
    },
  });
  const move = useCaseMutation(
    (vars: { body: MoveBody; version: number }) =>
      unwrap(
        api.PATCH('/api/v1/surgical-cases/{id}', {
          params: { path: { id: kase.id } },
          body: vars.body,
          headers: ifMatch(vars.version),
        }),
      ),
    () => `${kase.caseNumber} moved`,
  );
  const roomOptions = (rooms.data ?? [])
    .filter((r) => r.active || r.id === kase.operatingRoomId)
    .map((r) => ({ value: r.id, label: r.name }));
  if (!roomOptions.some((r) => r.value === kase.operatingRoomId)) {
    roomOptions.unshift({ value: kase.operatingRoomId, label: kase.operatingRoomName });
  }
  const stale = move.error instanceof ApiError && move.error.status === 412;

  return (
    <form
      onSubmit={form.onSubmit((values) => {
        const body = moveBody(kase, values);
        if (Object.keys(body).length === 0) {
          form.setFieldError('scheduledStart', 'Change the room or the time to move the case');
          return;
        }
        // The version is the case as shown now: after a 412 the page reloads it, and saving
        // again applies this move to the newer version.
        move.mutate(
          { body, version: kase.version },
          { onSuccess: onDone, onError: (error) => applyFieldErrors(form, error) },
        );
      })}
    >
      <Stack>
        <Select
          label="Room"
          data={roomOptions}
          allowDeselect={false}
          {...form.getInputProps('operatingRoomId')}
        />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <DateTimeField
            label="Start"
            placeholder="2026-12-05 09:00"
            {...form.getInputProps('scheduledStart')}
          />
          <DateTimeField
            label="End"
            placeholder="2026-12-05 11:00"
            {...form.getInputProps('scheduledEnd')}
          />
        </SimpleGrid>
        <Text size="xs" c="dimmed">
          Times are in the clinic's time zone. A move to another day checks the prior authorization
          and stock again for that day.
        </Text>
        <ProblemAlert error={move.error} title="Not moved" shownFields={FIELDS} />
        <ConflictNote
          error={move.error}
          onNavigate={onDone}
          taking={move.isPending}
          onTake={(slot: Slot) => {
            const values = {
              ...form.getValues(),
              scheduledStart: pickerValueAt(new Date(slot.start)),
              scheduledEnd: pickerValueAt(new Date(slot.end)),
            };
            form.setValues(values);
            move.mutate(
              { body: moveBody(kase, values), version: kase.version },
              { onSuccess: onDone, onError: (error) => applyFieldErrors(form, error) },
            );
          }}
        />
        {stale && (
          <Text size="sm">
            The case has been reloaded with that change. Check it, then save again to move it.
          </Text>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            Back
          </Button>
          <Button type="submit" loading={move.isPending}>
            Save move
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** "Move case": another room or time while the case is still SCHEDULED (PATCH with If-Match). */
export function MoveCaseButton({ kase }: { kase: SurgicalCase }) {
  const [opened, { open, close }] = useDisclosure(false);
  return (
    <>
      <Button variant="default" onClick={open}>
        Move case
      </Button>
      <Modal opened={opened} onClose={close} title={`Move ${kase.caseNumber}`} size="lg">
        {/* Mounted only while open: every opening starts from the case as it is now. */}
        {opened && <MoveForm kase={kase} onDone={close} />}
      </Modal>
    </>
  );
}
