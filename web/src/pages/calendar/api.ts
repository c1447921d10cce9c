import { useMutation, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import { allPages } from '../../api/paged';
import { useInvalidate } from '../../api/queries';
import type { components, paths } from '../../api/schema';
import { notifySuccess } from '../../components/forms';

/**
 * The calendar's resources (issue 19: appointments, exam rooms, working hours, time off, types,
 * free slots), with one query key family each: 'appointments', 'exam-rooms', 'working-hours',
 * 'schedule-exceptions', 'appointment-types', 'availability', 'post-op-templates'.
 */

export const APPOINTMENT_TYPES = [
  'CONSULTATION',
  'PRE_OP',
  'POST_OP',
  'FOLLOW_UP',
  'PROCEDURE_IN_OFFICE',
] as const;
export type AppointmentType = (typeof APPOINTMENT_TYPES)[number];

export type Appointment = components['schemas']['AppointmentDto_Output'];
export type AppointmentStatus = Appointment['status'];
export type AppointmentDetail = components['schemas']['AppointmentDetailDto_Output'];
export type AppointmentEvent = AppointmentDetail['history'][number];
export type ExamRoom = components['schemas']['ExamRoomDto_Output'];
export type PatientAppointments = components['schemas']['PatientAppointmentsDto_Output'];

/** An appointment with its times: what a grid or the day list draws. */
export type TimedAppointment = Appointment & { start: string; end: string };

export type WorkingHours = components['schemas']['WorkingHoursDto_Output'];
export type WorkingInterval = WorkingHours['intervals'][number];
export type ScheduleException =
  components['schemas']['ScheduleExceptionListDto_Output']['data'][number];
export type ExceptionKind = ScheduleException['kind'];
export type AppointmentTypeSetting =
  components['schemas']['AppointmentTypeListDto_Output']['data'][number];
export type Availability = components['schemas']['FreeSlotsDto_Output'];
export type FreeSlot = Availability['data'][number];

export const calendarKeys = {
  appointments: ['appointments'] as const,
  examRooms: ['exam-rooms'] as const,
  workingHours: ['working-hours'] as const,
  exceptions: ['schedule-exceptions'] as const,
  types: ['appointment-types'] as const,
  availability: ['availability'] as const,
};

/** The filters of GET /appointments besides the window. */
type AppointmentFilter = Omit<
  NonNullable<paths['/api/v1/appointments']['get']['parameters']['query']>,
  'from' | 'to' | 'cursor' | 'limit'
>;

/** The appointments overlapping `[from, to)` (instants), every page; `filter` narrows them. */
export function useAppointmentsBetween(from: string, to: string, filter: AppointmentFilter = {}) {
  return useQuery({
    queryKey: ['appointments', 'list', { from, to, ...filter }],
    queryFn: () =>
      allPages((cursor) =>
        unwrap(
          api.GET('/api/v1/appointments', {
            params: { query: { from, to, limit: 100, cursor, ...filter } },
          }),
        ),
      ),
  });
}

export function useAppointment(id: string) {
  return useQuery({
    queryKey: ['appointments', id],
    queryFn: () => unwrap(api.GET('/api/v1/appointments/{id}', { params: { path: { id } } })),
  });
}

/** An appointment's reminders (docs/calendar.md "Reminders"): planned, sent, skipped and why. */
export function useAppointmentReminders(id: string) {
  return useQuery({
    queryKey: ['appointments', id, 'reminders'],
    queryFn: () =>
      unwrap(api.GET('/api/v1/appointments/{id}/reminders', { params: { path: { id } } })),
  });
}

export function usePatientAppointments(patientId: string) {
  return useQuery({
    queryKey: ['appointments', 'patient', patientId],
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/patients/{id}/appointments', { params: { path: { id: patientId } } }),
      ),
  });
}

/** The appointments of a surgical case (its post-op schedule), proposed ones included. */
export function useCaseAppointments(surgicalCaseId: string) {
  return useQuery({
    queryKey: ['appointments', 'list', { surgicalCaseId }],
    queryFn: () =>
      allPages((cursor) =>
        unwrap(
          api.GET('/api/v1/appointments', {
            params: { query: { surgicalCaseId, limit: 100, cursor } },
          }),
        ),
      ),
  });
}

/** Every exam room, inactive ones too (an appointment may still be in one). */
export function useExamRooms() {
  return useQuery({
    queryKey: ['exam-rooms', 'list'],
    queryFn: () =>
      allPages((cursor) =>
        unwrap(api.GET('/api/v1/exam-rooms', { params: { query: { limit: 100, cursor } } })),
      ),
    staleTime: 60_000,
  });
}

export function useWorkingHours() {
  return useQuery({
    queryKey: ['working-hours'],
    queryFn: () => unwrap(api.GET('/api/v1/working-hours')).then((r) => r.data),
    staleTime: 60_000,
  });
}

/** Holidays, leave and closures touching the days `from`–`to` (YYYY-MM-DD, inclusive). */
export function useScheduleExceptions(from: string, to: string) {
  return useQuery({
    queryKey: ['schedule-exceptions', { from, to }],
    queryFn: () =>
      unwrap(api.GET('/api/v1/schedule-exceptions', { params: { query: { from, to } } })).then(
        (r) => r.data,
      ),
  });
}

export function useAppointmentTypes() {
  return useQuery({
    queryKey: ['appointment-types'],
    queryFn: () => unwrap(api.GET('/api/v1/appointment-types')).then((r) => r.data),
    staleTime: 60_000,
  });
}

/** Free slots of `type`'s length on the days `from`–`to` (the clinic's, inclusive). */
export function useAvailability(
  type: AppointmentType,
  from: string,
  to: string,
  filter: { providerId?: string[]; roomId?: string } = {},
  enabled = true,
) {
  return useQuery({
    queryKey: ['availability', { type, from, to, ...filter }],
    queryFn: () =>
      unwrap(api.GET('/api/v1/availability', { params: { query: { type, from, to, ...filter } } })),
    enabled,
  });
}

/**
 * A calendar write: notifies `success` and refreshes appointments, free slots and (through the
 * theater's keys) cases, after a refusal too (a 409 or 412 means the day changed under the screen).
 */
export function useCalendarMutation<V, R = unknown>(
  run: (vars: V) => Promise<R>,
  success: (vars: V, result: R) => string,
) {
  const invalidate = useInvalidate();
  const refresh = () =>
    invalidate(calendarKeys.appointments, calendarKeys.availability, ['surgical-cases']);
  return useMutation({
    mutationFn: run,
    onSuccess: async (result, vars) => {
      notifySuccess(success(vars, result));
      await refresh();
    },
    onError: () => refresh(),
  });
}

/** "Consultation", "Pre-op", "Post-op", "Follow-up", "In-office procedure". */
export const TYPE_LABELS: Record<AppointmentType, string> = {
  CONSULTATION: 'Consultation',
  PRE_OP: 'Pre-op',
  POST_OP: 'Post-op',
  FOLLOW_UP: 'Follow-up',
  PROCEDURE_IN_OFFICE: 'In-office procedure',
};

export function typeLabel(type: string): string {
  return TYPE_LABELS[type as AppointmentType] ?? type;
}

export function hasTimes(a: Appointment): a is TimedAppointment {
  return a.start !== null && a.end !== null;
}
