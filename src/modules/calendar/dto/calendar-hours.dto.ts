import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { APPOINTMENT_TYPES } from '../repositories/appointment.schema';
import { SCHEDULE_EXCEPTION_KINDS } from '../repositories/working-hours.schema';

/** A wall-clock time of day in the clinic's zone, "HH:MM" (24-hour). */
const TimeOfDay = z
  .string()
  .regex(/^([01][0-9]|2[0-3]):[0-5][0-9]$/, 'Give a time of day as HH:MM (24-hour)');
const Day = z.iso.date({ message: 'A calendar day, YYYY-MM-DD' });
const RESOURCE_KINDS = ['PROVIDER', 'ROOM'] as const;

/** The most days /availability computes at once (docs/calendar.md). */
export const MAX_AVAILABILITY_DAYS = 31;
/** The longest exception, and the widest range GET /schedule-exceptions reads at once. */
export const MAX_EXCEPTION_DAYS = 366;

function dayCount(from: string, to: string): number {
  return Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000) + 1;
}

// ---------------------------------------------------------------- working hours

export const WorkingIntervalSchema = z.strictObject({
  weekday: z.number().int().min(1).max(7),
  start: TimeOfDay,
  end: TimeOfDay,
});

export const ResourceIdParams = z.strictObject({ resourceId: z.uuid() });
export class ResourceIdParamsDto extends createZodDto(ResourceIdParams) {}

/**
 * A resource's whole week, replacing the one stored; `[]` clears it. Intervals of one weekday
 * must not overlap (touching is fine: 09:00–12:00 and 12:00–13:00).
 */
export const PutWorkingHoursBody = z
  .strictObject({
    resourceKind: z.enum(RESOURCE_KINDS),
    intervals: z
      .array(
        WorkingIntervalSchema.refine((i) => i.end > i.start, {
          message: 'end must be after start',
          path: ['end'],
        }),
      )
      .max(70),
  })
  .superRefine((b, ctx) => {
    b.intervals.forEach((i, k) => {
      const other = b.intervals.findIndex(
        (j, m) => m !== k && j.weekday === i.weekday && j.start < i.end && i.start < j.end,
      );
      if (other >= 0 && other < k)
        ctx.addIssue({
          code: 'custom',
          message: `Overlaps intervals[${other}] on weekday ${i.weekday}`,
          path: ['intervals', k],
        });
    });
  });
export type PutWorkingHoursBody = z.infer<typeof PutWorkingHoursBody>;
export class PutWorkingHoursDto extends createZodDto(PutWorkingHoursBody) {}

export const ListWorkingHoursQuery = z.strictObject({ resourceId: z.uuid().optional() });
export type ListWorkingHoursQuery = z.infer<typeof ListWorkingHoursQuery>;
export class ListWorkingHoursQueryDto extends createZodDto(ListWorkingHoursQuery) {}

export const WorkingHoursSchema = z.object({
  resourceKind: z.enum(RESOURCE_KINDS),
  resourceId: z.uuid(),
  intervals: z.array(WorkingIntervalSchema),
});
export type WorkingHoursResponse = z.infer<typeof WorkingHoursSchema>;
export class WorkingHoursDto extends createZodDto(WorkingHoursSchema) {}
export class WorkingHoursListDto extends createZodDto(
  z.object({ data: z.array(WorkingHoursSchema) }),
) {}

// ---------------------------------------------------------------- schedule exceptions

/**
 * A clinic HOLIDAY (no resource), a provider's LEAVE, an exam room CLOSED: whole days, or on each
 * of them only startTime–endTime. resourceKind may be left out: LEAVE is a PROVIDER's, CLOSED a
 * ROOM's.
 */
export const CreateScheduleExceptionBody = z
  .strictObject({
    kind: z.enum(SCHEDULE_EXCEPTION_KINDS),
    resourceKind: z.enum(RESOURCE_KINDS).optional(),
    resourceId: z.uuid().optional(),
    startsOn: Day,
    endsOn: Day,
    startTime: TimeOfDay.optional(),
    endTime: TimeOfDay.optional(),
    reason: z.string().trim().min(1).max(500).optional(),
  })
  .superRefine((b, ctx) => {
    const issue = (path: string, message: string) =>
      ctx.addIssue({ code: 'custom', message, path: [path] });
    if (b.kind === 'HOLIDAY') {
      if (b.resourceId !== undefined)
        issue('resourceId', 'A HOLIDAY closes the whole clinic: give no resourceId');
      if (b.resourceKind !== undefined)
        issue('resourceKind', 'A HOLIDAY closes the whole clinic: give no resourceKind');
    } else {
      const wanted = b.kind === 'LEAVE' ? 'PROVIDER' : 'ROOM';
      if (b.resourceId === undefined)
        issue(
          'resourceId',
          `A ${b.kind} needs the ${wanted === 'PROVIDER' ? 'provider' : 'exam room'}`,
        );
      if (b.resourceKind !== undefined && b.resourceKind !== wanted)
        issue('resourceKind', `A ${b.kind} is a ${wanted}'s`);
    }
    if (b.endsOn < b.startsOn) issue('endsOn', 'Must not be before startsOn');
    else if (dayCount(b.startsOn, b.endsOn) > MAX_EXCEPTION_DAYS)
      issue('endsOn', `At most ${MAX_EXCEPTION_DAYS} days`);
    if ((b.startTime === undefined) !== (b.endTime === undefined))
      issue(
        b.startTime === undefined ? 'startTime' : 'endTime',
        'Give both startTime and endTime, or neither',
      );
    else if (b.startTime !== undefined && b.endTime !== undefined && b.endTime <= b.startTime)
      issue('endTime', 'Must be after startTime');
  });
export type CreateScheduleExceptionBody = z.infer<typeof CreateScheduleExceptionBody>;
export class CreateScheduleExceptionDto extends createZodDto(CreateScheduleExceptionBody) {}

export const ListScheduleExceptionsQuery = z
  .strictObject({ from: Day, to: Day, resourceId: z.uuid().optional() })
  .superRefine((q, ctx) => {
    if (q.to < q.from)
      ctx.addIssue({ code: 'custom', message: 'Must not be before from', path: ['to'] });
    else if (dayCount(q.from, q.to) > MAX_EXCEPTION_DAYS)
      ctx.addIssue({ code: 'custom', message: `At most ${MAX_EXCEPTION_DAYS} days`, path: ['to'] });
  });
export type ListScheduleExceptionsQuery = z.infer<typeof ListScheduleExceptionsQuery>;
export class ListScheduleExceptionsQueryDto extends createZodDto(ListScheduleExceptionsQuery) {}

export const ScheduleExceptionSchema = z.object({
  id: z.uuid(),
  kind: z.enum(SCHEDULE_EXCEPTION_KINDS),
  resourceKind: z.enum(RESOURCE_KINDS).nullable(),
  resourceId: z.uuid().nullable(),
  startsOn: z.string(),
  endsOn: z.string(),
  startTime: z.string().nullable(),
  endTime: z.string().nullable(),
  reason: z.string().nullable(),
  createdById: z.uuid(),
  createdAt: z.string(),
});
export type ScheduleExceptionResponse = z.infer<typeof ScheduleExceptionSchema>;
export class ScheduleExceptionListDto extends createZodDto(
  z.object({ data: z.array(ScheduleExceptionSchema) }),
) {}

/** What is already booked in the time off: staff must move it. */
export const ClashSchema = z.object({
  kind: z.enum(['SURGICAL_CASE', 'APPOINTMENT']),
  id: z.uuid(),
  start: z.string(),
  end: z.string(),
});
export const CreatedScheduleExceptionSchema = ScheduleExceptionSchema.extend({
  clashes: z.array(ClashSchema),
});
export type CreatedScheduleExceptionResponse = z.infer<typeof CreatedScheduleExceptionSchema>;
export class CreatedScheduleExceptionDto extends createZodDto(CreatedScheduleExceptionSchema) {}

// ---------------------------------------------------------------- appointment types

export const AppointmentTypeParams = z.strictObject({ type: z.enum(APPOINTMENT_TYPES) });
export class AppointmentTypeParamsDto extends createZodDto(AppointmentTypeParams) {}

/** whatToBring left out keeps the current text; null clears it. */
export const PutAppointmentTypeBody = z.strictObject({
  defaultMinutes: z.number().int().min(5).max(480),
  whatToBring: z.string().trim().min(1).max(1000).nullable().optional(),
});
export type PutAppointmentTypeBody = z.infer<typeof PutAppointmentTypeBody>;
export class PutAppointmentTypeDto extends createZodDto(PutAppointmentTypeBody) {}

export const AppointmentTypeSchema = z.object({
  type: z.enum(APPOINTMENT_TYPES),
  defaultMinutes: z.number().int(),
  whatToBring: z.string().nullable(),
});
export class AppointmentTypeDto extends createZodDto(AppointmentTypeSchema) {}
export class AppointmentTypeListDto extends createZodDto(
  z.object({ data: z.array(AppointmentTypeSchema) }),
) {}

// ---------------------------------------------------------------- availability

export const AvailabilityQuery = z
  .strictObject({
    type: z.enum(APPOINTMENT_TYPES),
    from: Day,
    to: Day,
    /** Repeatable: `providerId=…&providerId=…`. */
    providerId: z
      .union([z.uuid(), z.array(z.uuid()).min(1).max(50)])
      .transform((v) => [...new Set(Array.isArray(v) ? v : [v])])
      .optional(),
    roomId: z.uuid().optional(),
  })
  .superRefine((q, ctx) => {
    if (q.to < q.from)
      ctx.addIssue({ code: 'custom', message: 'Must not be before from', path: ['to'] });
    else if (dayCount(q.from, q.to) > MAX_AVAILABILITY_DAYS)
      ctx.addIssue({
        code: 'custom',
        message: `At most ${MAX_AVAILABILITY_DAYS} days from from`,
        path: ['to'],
      });
  });
export type AvailabilityQuery = z.infer<typeof AvailabilityQuery>;
export class AvailabilityQueryDto extends createZodDto(AvailabilityQuery) {}

export const AvailabilitySchema = z.object({
  timeZone: z.string(),
  slotMinutes: z.number().int(),
  data: z.array(
    z.object({
      providerId: z.uuid(),
      roomId: z.uuid().nullable(),
      start: z.string(),
      end: z.string(),
    }),
  ),
});
export type AvailabilityResponse = z.infer<typeof AvailabilitySchema>;
export class FreeSlotsDto extends createZodDto(AvailabilitySchema) {}
