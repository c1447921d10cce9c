import { Button, Group, Modal, Select, Stack, Text, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useEffect } from 'react';
import { api, unwrap } from '../../api/client';
import { useStaff } from '../../api/queries';
import type { components } from '../../api/schema';
import { applyFieldErrors } from '../../components/forms';
import { DateTimeField } from '../../components/DateTimeField';
import { ProblemAlert } from '../../components/ProblemAlert';
import { instantOfPickerValue, pickerValueAt } from '../../lib/clinicTime';
import { PatientSelect } from '../plans/PatientSelect';
import { ConflictNote, scheduleConflict } from '../theater/ConflictNote';
import {
  APPOINTMENT_TYPES,
  typeLabel,
  useAppointmentTypes,
  useCalendarMutation,
  useExamRooms,
  type AppointmentType,
} from './api';

/** What a free cell or the "Book" button knows before the form opens. */
export interface BookingDraft {
  readonly start?: Date;
  /** Given by a drag over several cells; else the type's length from the start. */
  readonly end?: Date;
  readonly providerId?: string;
  readonly examRoomId?: string;
  readonly patientId?: string;
  readonly type?: AppointmentType;
}

interface Values {
  patientId: string | null;
  type: AppointmentType;
  providerId: string | null;
  examRoomId: string | null;
  start: string;
  end: string;
  notes: string;
}

const plusMinutes = (picker: string, minutes: number): string => {
  const start = instantOfPickerValue(picker);
  return start === null ? '' : pickerValueAt(new Date(start.getTime() + minutes * 60_000));
};

/** The POST /appointments body of the form, or the field that is wrong. */
type BookingBody = components['schemas']['CreateAppointmentDto'];

export function bookingBody(
  v: Values,
): { body: BookingBody } | { field: keyof Values; message: string } {
  if (v.patientId === null) return { field: 'patientId', message: 'Choose the patient' };
  if (v.providerId === null) return { field: 'providerId', message: 'Choose the provider' };
  const start = instantOfPickerValue(v.start);
  if (start === null) return { field: 'start', message: 'Give a date and time' };
  const end = v.end.trim() === '' ? null : instantOfPickerValue(v.end);
  if (v.end.trim() !== '' && end === null) return { field: 'end', message: 'Give a date and time' };
  if (end !== null && end.getTime() <= start.getTime())
    return { field: 'end', message: 'The end must be after the start' };
  return {
    body: {
      patientId: v.patientId,
      type: v.type,
      providerId: v.providerId,
      ...(v.examRoomId === null ? {} : { examRoomId: v.examRoomId }),
      start: start.toISOString(),
      ...(end === null ? {} : { end: end.toISOString() }),
      ...(v.notes.trim() === '' ? {} : { notes: v.notes.trim() }),
    },
  };
}

/**
 * Books an appointment (POST /appointments): the patient (searched), the type (its length
 * fills the end), provider, exam room, start and end on the clinic's clock, notes. A clash
 * (409 SCHEDULE_CONFLICT) names what holds the time and offers the free slots of that day.
 */
export function BookingModal({
  draft,
  onClose,
}: {
  /** Null: closed. */
  draft: BookingDraft | null;
  onClose: () => void;
}) {
  const staff = useStaff();
  const rooms = useExamRooms();
  const types = useAppointmentTypes();
  const minutesOf = (type: AppointmentType) =>
    types.data?.find((t) => t.type === type)?.defaultMinutes ?? 30;

  const form = useForm<Values>({
    initialValues: {
      patientId: null,
      type: 'CONSULTATION',
      providerId: null,
      examRoomId: null,
      start: '',
      end: '',
      notes: '',
    },
  });
  const book = useCalendarMutation(
    (body: BookingBody) => unwrap(api.POST('/api/v1/appointments', { body })),
    (_body, a) => `Booked ${a.patient.firstName} ${a.patient.lastName} with ${a.providerName}`,
  );

  // A new draft (another cell clicked) starts a new form.
  useEffect(() => {
    if (draft === null) return;
    const type = draft.type ?? 'CONSULTATION';
    const start = draft.start === undefined ? '' : pickerValueAt(draft.start);
    form.setValues({
      patientId: draft.patientId ?? null,
      type,
      providerId: draft.providerId ?? null,
      examRoomId: draft.examRoomId ?? null,
      start,
      end:
        draft.end !== undefined
          ? pickerValueAt(draft.end)
          : start === ''
            ? ''
            : plusMinutes(start, minutesOf(type)),
      notes: '',
    });
    form.resetDirty();
    book.reset();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only when a new draft opens
  }, [draft]);

  const providers = (staff.data ?? []).filter(
    (u) => u.active && (u.role === 'SURGEON' || u.role === 'NURSE'),
  );
  const setting = types.data?.find((t) => t.type === form.values.type);
  const close = () => {
    book.reset();
    onClose();
  };
  const submit = (values: Values) => {
    const result = bookingBody(values);
    if ('field' in result) {
      form.setFieldError(result.field, result.message);
      return;
    }
    book.mutate(result.body, {
      onSuccess: close,
      onError: (error) => applyFieldErrors(form, error),
    });
  };
  const conflict = scheduleConflict(book.error);

  return (
    <Modal opened={draft !== null} onClose={close} title="Book an appointment" size="lg">
      <form noValidate onSubmit={form.onSubmit(submit)}>
        <Stack>
          <PatientSelect
            value={form.values.patientId}
            onChange={(id) => form.setFieldValue('patientId', id)}
            error={form.errors.patientId}
          />
          <Select
            label="Type"
            data={APPOINTMENT_TYPES.map((t) => ({ value: t, label: typeLabel(t) }))}
            allowDeselect={false}
            description={
              setting === undefined
                ? undefined
                : `${setting.defaultMinutes} minutes${
                    setting.whatToBring === null ? '' : ` · Bring: ${setting.whatToBring}`
                  }`
            }
            {...form.getInputProps('type')}
            onChange={(value) => {
              if (value === null) return;
              const type = value as AppointmentType;
              form.setFieldValue('type', type);
              if (form.values.start !== '')
                form.setFieldValue('end', plusMinutes(form.values.start, minutesOf(type)));
            }}
          />
          <Group grow align="flex-start">
            <Select
              label="Provider"
              placeholder="Choose the surgeon or nurse"
              data={providers.map((u) => ({
                value: u.id,
                label: `${u.name} (${u.role.toLowerCase()})`,
              }))}
              searchable
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
          <Group grow align="flex-start">
            <DateTimeField
              label="Start"
              {...form.getInputProps('start')}
              value={form.values.start === '' ? null : form.values.start}
              onChange={(value) => {
                const start = value ?? '';
                form.setFieldValue('start', start);
                if (start !== '')
                  form.setFieldValue('end', plusMinutes(start, minutesOf(form.values.type)));
              }}
            />
            <DateTimeField
              label="End"
              {...form.getInputProps('end')}
              value={form.values.end === '' ? null : form.values.end}
              onChange={(value) => form.setFieldValue('end', value ?? '')}
            />
          </Group>
          <Textarea label="Notes" autosize minRows={2} {...form.getInputProps('notes')} />
          {conflict !== null ? (
            <ConflictNote
              error={book.error}
              onNavigate={close}
              freeLabel="Free that day for this provider and room:"
              noSlots="Choose another time: the calendar tints the provider's free slots green."
              onTake={(slot) => {
                form.setFieldValue('start', pickerValueAt(new Date(slot.start)));
                form.setFieldValue('end', pickerValueAt(new Date(slot.end)));
                book.reset();
              }}
            />
          ) : (
            <ProblemAlert
              error={book.error}
              title="Not booked"
              shownFields={Object.keys(form.values)}
            />
          )}
          {conflict !== null && (
            <Text size="sm" c="red.8" role="alert">
              Not booked: that time is taken.
            </Text>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              Cancel
            </Button>
            <Button type="submit" loading={book.isPending}>
              Book
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
