import { Button, Group, Modal, Select, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useEffect } from 'react';
import { api, ifMatch, unwrap } from '../../api/client';
import { useStaff } from '../../api/queries';
import { applyFieldErrors } from '../../components/forms';
import { DateTimeField } from '../../components/DateTimeField';
import { ProblemAlert } from '../../components/ProblemAlert';
import { instantOfPickerValue, isoDateAt, pickerValueAt } from '../../lib/clinicTime';
import { formatTime } from '../../lib/format';
import { ConflictNote, scheduleConflict } from '../theater/ConflictNote';
import {
  typeLabel,
  useAvailability,
  useCalendarMutation,
  useExamRooms,
  type Appointment,
} from './api';

interface Values {
  start: string;
  end: string;
  providerId: string | null;
  examRoomId: string | null;
  reason: string;
}

/**
 * Gives an appointment its time: "Confirm" a PROPOSED post-op visit (POST …/confirm) or
 * "Reschedule" a BOOKED one (PATCH with a reason; the history keeps the old time). The free
 * slots of the provider that day (GET /availability) are offered as buttons that fill the form.
 */
export function ScheduleModal({
  appointment,
  mode,
  opened,
  onClose,
}: {
  appointment: Appointment;
  mode: 'confirm' | 'reschedule';
  opened: boolean;
  onClose: () => void;
}) {
  const staff = useStaff();
  const rooms = useExamRooms();
  const form = useForm<Values>({
    initialValues: { start: '', end: '', providerId: null, examRoomId: null, reason: '' },
  });
  const day =
    appointment.proposedOn ??
    (appointment.start === null ? null : isoDateAt(new Date(appointment.start)));
  const providerId = form.values.providerId ?? appointment.providerId;
  const free = useAvailability(
    appointment.type,
    day ?? '',
    day ?? '',
    { providerId: [providerId] },
    opened && day !== null,
  );
  const slots = (free.data?.data ?? []).filter((s) => s.providerId === providerId).slice(0, 12);
  // A proposed visit opens on the first free slot of its day (the buttons offer the others).
  const firstFree = mode === 'confirm' ? slots[0] : undefined;
  useEffect(() => {
    if (!opened) return;
    const start = appointment.start ?? firstFree?.start ?? null;
    const end = appointment.end ?? firstFree?.end ?? null;
    form.setValues({
      start: start === null ? '' : pickerValueAt(new Date(start)),
      end: end === null ? '' : pickerValueAt(new Date(end)),
      providerId: appointment.providerId,
      examRoomId: appointment.examRoomId,
      reason: '',
    });
    // eslint-disable-next-line react-hooks/exhaustive-deps -- on opening only
  }, [opened]);

  const save = useCalendarMutation(
    (body: {
      start: string;
      end?: string;
      providerId?: string;
      examRoomId: string | null;
      reason?: string;
    }) => {
      const params = { path: { id: appointment.id }, header: ifMatch(appointment.version) };
      return unwrap(
        mode === 'confirm'
          ? api.POST('/api/v1/appointments/{id}/confirm', { params, body })
          : api.PATCH('/api/v1/appointments/{id}', { params, body }),
      );
    },
    () => (mode === 'confirm' ? 'Appointment confirmed' : 'Appointment rescheduled'),
  );
  const close = () => {
    save.reset();
    onClose();
  };
  const submit = (v: Values) => {
    const start = instantOfPickerValue(v.start);
    if (start === null) return form.setFieldError('start', 'Give a date and time');
    const end = v.end.trim() === '' ? null : instantOfPickerValue(v.end);
    if (end !== null && end <= start)
      return form.setFieldError('end', 'The end must be after the start');
    if (mode === 'reschedule' && v.reason.trim() === '')
      return form.setFieldError('reason', 'Say why it moves');
    save.mutate(
      {
        start: start.toISOString(),
        ...(end === null ? {} : { end: end.toISOString() }),
        ...(v.providerId === null ? {} : { providerId: v.providerId }),
        // null: no room (a reschedule may take the room away).
        examRoomId: v.examRoomId,
        ...(mode === 'reschedule' ? { reason: v.reason.trim() } : {}),
      },
      { onSuccess: close, onError: (error) => applyFieldErrors(form, error) },
    );
  };
  const take = (slot: { start: string; end: string }) => {
    form.setFieldValue('start', pickerValueAt(new Date(slot.start)));
    form.setFieldValue('end', pickerValueAt(new Date(slot.end)));
    save.reset();
  };
  useEffect(() => {
    if (opened && form.values.start === '' && firstFree !== undefined) take(firstFree);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once the day's slots arrive
  }, [opened, firstFree?.start]);
  const providers = (staff.data ?? []).filter(
    (u) => u.active && (u.role === 'SURGEON' || u.role === 'NURSE'),
  );

  return (
    <Modal
      opened={opened}
      onClose={close}
      title={`${mode === 'confirm' ? 'Confirm' : 'Reschedule'}: ${typeLabel(appointment.type)}, ${appointment.patient.firstName} ${appointment.patient.lastName}`}
      size="lg"
    >
      <form noValidate onSubmit={form.onSubmit(submit)}>
        <Stack>
          {day !== null && (
            <div>
              <Text size="sm" fw={500} mb={4}>
                Free that day
              </Text>
              {free.isPending ? (
                <Text size="sm" c="dimmed">
                  Looking for free slots…
                </Text>
              ) : slots.length === 0 ? (
                <Text size="sm" c="dimmed">
                  No free slot that day for this provider: type a time.
                </Text>
              ) : (
                <Group gap="xs">
                  {slots.map((s) => (
                    <Button key={s.start} size="xs" variant="light" onClick={() => take(s)}>
                      {formatTime(s.start)}
                    </Button>
                  ))}
                </Group>
              )}
            </div>
          )}
          <Group grow align="flex-start">
            <DateTimeField
              label="Start"
              error={form.errors.start}
              value={form.values.start === '' ? null : form.values.start}
              onChange={(value) => form.setFieldValue('start', value ?? '')}
            />
            <DateTimeField
              label="End"
              error={form.errors.end}
              value={form.values.end === '' ? null : form.values.end}
              onChange={(value) => form.setFieldValue('end', value ?? '')}
            />
          </Group>
          <Group grow align="flex-start">
            <Select
              label="Provider"
              data={providers.map((u) => ({ value: u.id, label: u.name }))}
              allowDeselect={false}
              {...form.getInputProps('providerId')}
            />
            <Select
              label="Exam room"
              placeholder="No room"
              clearable
              clearButtonProps={{ 'aria-label': 'Clear exam room' }}
              data={(rooms.data ?? [])
                .filter((r) => r.active)
                .map((r) => ({ value: r.id, label: r.name }))}
              {...form.getInputProps('examRoomId')}
            />
          </Group>
          {mode === 'reschedule' && <TextInput label="Reason" {...form.getInputProps('reason')} />}
          {scheduleConflict(save.error) !== null ? (
            <ConflictNote
              error={save.error}
              onNavigate={close}
              freeLabel="Free that day for this provider and room:"
              noSlots="Choose another time: the calendar tints the provider's free slots green."
              onTake={take}
            />
          ) : (
            <ProblemAlert error={save.error} shownFields={Object.keys(form.values)} />
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              Cancel
            </Button>
            <Button type="submit" loading={save.isPending}>
              {mode === 'confirm' ? 'Confirm' : 'Reschedule'}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
