import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { pageQueryShape, pageSchema } from '../../../common/http/pagination';
import {
  APPOINTMENT_EVENT_ACTIONS,
  APPOINTMENT_STATUSES,
  APPOINTMENT_TYPES,
} from '../repositories/appointment.schema';

/** An appointment longer than this is a typo. */
export const MAX_APPOINTMENT_HOURS = 12;

const Instant = z.iso.datetime({
  offset: true,
  message: 'An instant with offset, e.g. 2026-12-10T09:00:00Z',
});
const Notes = z.string().trim().max(20000);
const Reason = z.string().trim().min(1).max(2000);

/** end after start and at most MAX_APPOINTMENT_HOURS later, when both are given. */
function endsAfterStart(
  b: { start?: string | undefined; end?: string | undefined },
  ctx: z.RefinementCtx,
): void {
  if (!Instant.safeParse(b.start).success || !Instant.safeParse(b.end).success) return;
  if (b.start === undefined || b.end === undefined) return;
  const minutes = (Date.parse(b.end) - Date.parse(b.start)) / 60_000;
  if (minutes <= 0) ctx.addIssue({ code: 'custom', path: ['end'], message: 'Must be after start' });
  else if (minutes > MAX_APPOINTMENT_HOURS * 60)
    ctx.addIssue({
      code: 'custom',
      path: ['end'],
      message: `An appointment lasts at most ${MAX_APPOINTMENT_HOURS} hours`,
    });
}

export const CreateAppointmentBody = z
  .strictObject({
    patientId: z.uuid(),
    type: z.enum(APPOINTMENT_TYPES),
    providerId: z.uuid(),
    examRoomId: z.uuid().nullish(),
    start: Instant,
    /** Default: start + the type's default length (GET /appointment-types). */
    end: Instant.optional(),
    notes: Notes.nullish(),
    consultationId: z.uuid().nullish(),
    procedurePlanId: z.uuid().nullish(),
    surgicalCaseId: z.uuid().nullish(),
  })
  .superRefine(endsAfterStart);
export type CreateAppointmentBody = z.infer<typeof CreateAppointmentBody>;
export class CreateAppointmentDto extends createZodDto(CreateAppointmentBody) {}

/**
 * A reschedule (start, end, provider or room: only while BOOKED, with an optional reason kept in
 * the history) or a change of notes (while BOOKED or CHECKED_IN). Keeps the appointment's id.
 */
export const UpdateAppointmentBody = z
  .strictObject({
    start: Instant.optional(),
    end: Instant.optional(),
    providerId: z.uuid().optional(),
    examRoomId: z.uuid().nullable().optional(),
    notes: Notes.nullable().optional(),
    reason: Reason.optional(),
  })
  .superRefine(endsAfterStart)
  .refine(
    (b) =>
      b.start !== undefined ||
      b.end !== undefined ||
      b.providerId !== undefined ||
      b.examRoomId !== undefined ||
      b.notes !== undefined,
    { message: 'Give start, end, providerId, examRoomId or notes', path: ['start'] },
  );
export type UpdateAppointmentBody = z.infer<typeof UpdateAppointmentBody>;
export class UpdateAppointmentDto extends createZodDto(UpdateAppointmentBody) {}

/** `POST /appointments/:id/confirm`: books a PROPOSED visit (a post-op schedule's). */
export const ConfirmAppointmentBody = z
  .strictObject({
    start: Instant,
    end: Instant.optional(),
    providerId: z.uuid().optional(),
    examRoomId: z.uuid().nullish(),
  })
  .superRefine(endsAfterStart);
export type ConfirmAppointmentBody = z.infer<typeof ConfirmAppointmentBody>;
export class ConfirmAppointmentDto extends createZodDto(ConfirmAppointmentBody) {}

export const CompleteAppointmentBody = z
  .strictObject({ notes: Notes.optional() })
  .optional()
  .transform((b) => b ?? {});
export type CompleteAppointmentBody = z.infer<typeof CompleteAppointmentBody>;
export class CompleteAppointmentDto extends createZodDto(CompleteAppointmentBody) {}

export const CancelAppointmentBody = z.strictObject({ reason: Reason });
export type CancelAppointmentBody = z.infer<typeof CancelAppointmentBody>;
export class CancelAppointmentDto extends createZodDto(CancelAppointmentBody) {}

export const ListAppointmentsQuery = z
  .strictObject({
    ...pageQueryShape,
    from: Instant.optional(),
    to: Instant.optional(),
    providerId: z.uuid().optional(),
    examRoomId: z.uuid().optional(),
    patientId: z.uuid().optional(),
    surgicalCaseId: z.uuid().optional(),
    status: z.enum(APPOINTMENT_STATUSES).optional(),
    type: z.enum(APPOINTMENT_TYPES).optional(),
  })
  .refine((q) => !q.from || !q.to || Date.parse(q.from) < Date.parse(q.to), {
    message: 'Must be after from',
    path: ['to'],
  });
export type ListAppointmentsQuery = z.infer<typeof ListAppointmentsQuery>;
export class ListAppointmentsQueryDto extends createZodDto(ListAppointmentsQuery) {}

/** One shape for every route that returns an appointment (docs/api.md). */
export const AppointmentSchema = z.object({
  id: z.uuid(),
  patientId: z.uuid(),
  patient: z.object({
    id: z.uuid(),
    firstName: z.string(),
    lastName: z.string(),
    mrn: z.string(),
  }),
  type: z.enum(APPOINTMENT_TYPES),
  status: z.enum(APPOINTMENT_STATUSES),
  providerId: z.uuid(),
  providerName: z.string(),
  examRoomId: z.uuid().nullable(),
  examRoomName: z.string().nullable(),
  start: z.string().nullable(),
  end: z.string().nullable(),
  /** The clinic-local day a proposed visit is due (YYYY-MM-DD). */
  proposedOn: z.string().nullable(),
  /** Days after surgery, for a post-op schedule's visit. */
  postOpDay: z.number().int().nullable(),
  notes: z.string().nullable(),
  consultationId: z.uuid().nullable(),
  procedurePlanId: z.uuid().nullable(),
  surgicalCaseId: z.uuid().nullable(),
  checkedInAt: z.string().nullable(),
  completedAt: z.string().nullable(),
  cancelledAt: z.string().nullable(),
  cancelReason: z.string().nullable(),
  noShowAt: z.string().nullable(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type AppointmentResponse = z.infer<typeof AppointmentSchema>;
export class AppointmentDto extends createZodDto(AppointmentSchema) {}
export class AppointmentPageDto extends createZodDto(pageSchema(AppointmentSchema)) {}

export const AppointmentHistoryEntrySchema = z.object({
  action: z.enum(APPOINTMENT_EVENT_ACTIONS),
  at: z.string(),
  actorId: z.uuid(),
  actorName: z.string(),
  /** The times, provider and room after the event (a reschedule's "from" is the entry before). */
  start: z.string().nullable(),
  end: z.string().nullable(),
  providerId: z.uuid(),
  examRoomId: z.uuid().nullable(),
  reason: z.string().nullable(),
});
export type AppointmentHistoryEntry = z.infer<typeof AppointmentHistoryEntrySchema>;

export const AppointmentDetailSchema = AppointmentSchema.extend({
  history: z.array(AppointmentHistoryEntrySchema),
});
export type AppointmentDetailResponse = z.infer<typeof AppointmentDetailSchema>;
export class AppointmentDetailDto extends createZodDto(AppointmentDetailSchema) {}

export const PatientAppointmentsSchema = z.object({
  /** BOOKED, CHECKED_IN and PROPOSED, from today on (start or proposedOn), soonest first. */
  upcoming: z.array(AppointmentSchema),
  /** The rest, newest first, the last 50. */
  past: z.array(AppointmentSchema),
  noShowCount: z.number().int(),
});
export type PatientAppointmentsResponse = z.infer<typeof PatientAppointmentsSchema>;
export class PatientAppointmentsDto extends createZodDto(PatientAppointmentsSchema) {}
