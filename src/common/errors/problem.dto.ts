import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { PROBLEM_CODES } from './problem-code';

/**
 * The application/problem+json body of every error answer (docs/api.md "Errors"), as the OpenAPI
 * document's `Problem` schema. The filter writes it from `toProblem`; this schema only describes
 * it, so each extra field names the codes that carry it (the `details()` of their DomainError).
 */
export const ProblemSchema = z.object({
  type: z.string().describe('`urn:contour:problem:` and the code in lower case with dashes'),
  title: z.string().describe("The code's fixed title"),
  status: z.int().describe('The HTTP status, repeated'),
  detail: z.string().describe('What went wrong, for a person to read'),
  code: z.enum(PROBLEM_CODES).describe('What went wrong, for a program to act on'),
  requestId: z.string().describe("The request's x-request-id, to find it in the logs"),
  errors: z
    .array(z.object({ path: z.string(), message: z.string() }))
    .optional()
    .describe(
      'VALIDATION_FAILED, PLAN_NOT_APPROVABLE, DUPLICATE: each failing field, by its path in the request',
    ),
  currentVersion: z
    .int()
    .optional()
    .describe('VERSION_MISMATCH: the version stored now; re-read the record before retrying'),
  currentStatus: z
    .string()
    .optional()
    .describe('INVALID_STATE_TRANSITION: the status that does not allow the action'),
  event: z
    .string()
    .optional()
    .describe('INVALID_STATE_TRANSITION: the event (action) that status does not allow'),
  procedureType: z
    .literal('COSMETIC')
    .optional()
    .describe('INVALID_STATE_TRANSITION: a cosmetic plan needs no prior authorization'),
  conflict: z
    .object({
      resource: z.enum(['operatingRoom', 'surgeon', 'provider', 'examRoom']),
      kind: z.enum(['SURGICAL_CASE', 'APPOINTMENT']),
      surgicalCaseId: z.uuid().optional(),
      caseNumber: z.string().optional(),
      appointmentId: z.uuid().optional(),
      scheduledStart: z.iso.datetime(),
      scheduledEnd: z.iso.datetime(),
    })
    .optional()
    .describe(
      'SCHEDULE_CONFLICT: what holds the room or the provider then: a surgical case (its id and number) or an appointment (its id)',
    ),
  conflictingCase: z
    .object({
      id: z.uuid(),
      caseNumber: z.string(),
      operatingRoomId: z.uuid(),
      scheduledStart: z.iso.datetime(),
      scheduledEnd: z.iso.datetime(),
    })
    .optional()
    .describe('SCHEDULE_CONFLICT: the case in the way, to link to (never its patient)'),
  conflictingAppointment: z
    .object({ id: z.uuid(), scheduledStart: z.iso.datetime(), scheduledEnd: z.iso.datetime() })
    .optional()
    .describe('SCHEDULE_CONFLICT: the appointment in the way, to link to (never its patient)'),
  suggestedSlots: z
    .array(z.object({ start: z.iso.datetime(), end: z.iso.datetime() }))
    .optional()
    .describe(
      'SCHEDULE_CONFLICT: up to 3 free slots of the same length that day for the room and the surgeon (or provider), inside the opening or working hours, nearest first',
    ),
  timeZone: z
    .string()
    .optional()
    .describe(
      "SCHEDULE_CONFLICT, START_OUTSIDE_BOOKED_DAY: the clinic's IANA time zone, in which days and opening hours are counted",
    ),
  bookedDay: z
    .string()
    .optional()
    .describe('START_OUTSIDE_BOOKED_DAY: the local day the case is booked for (YYYY-MM-DD)'),
  today: z.string().optional().describe("START_OUTSIDE_BOOKED_DAY: today's local day (YYYY-MM-DD)"),
  unmetChecks: z
    .array(z.string())
    .optional()
    .describe('SCHEDULING_BLOCKED: the codes of the readiness checks that are not met'),
  checks: z
    .array(
      z.object({ code: z.string(), required: z.boolean(), ok: z.boolean(), detail: z.string() }),
    )
    .optional()
    .describe(
      'SCHEDULING_BLOCKED: the unmet checks with their detail, as `GET /procedure-plans/{id}/readiness` lists them',
    ),
  shortage: z
    .record(z.string(), z.union([z.string(), z.number()]))
    .optional()
    .describe('INSUFFICIENT_INVENTORY: what is short (item code, needed, available, batch…)'),
});

/** Its class name is the schema's name in the document: `#/components/schemas/Problem`. */
export class Problem extends createZodDto(ProblemSchema) {}
