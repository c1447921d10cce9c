import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { pageQueryShape, pageSchema } from '../../../common/http/pagination';
import { PROCEDURE_TYPES } from '../../procedure-plan/repositories/procedure-plan.schema';
import { CASE_STATUSES } from '../repositories/theater.schema';

/** A case longer than this is a typo, not a surgery. */
export const MAX_CASE_HOURS = 24;

const Instant = z.iso.datetime({
  offset: true,
  message: 'An instant with offset, e.g. 2026-12-10T08:00:00Z',
});

function endsAfterStart(
  b: { scheduledStart?: string | undefined; scheduledEnd?: string | undefined },
  ctx: z.RefinementCtx,
): void {
  // Only two well-formed instants are compared: a malformed one has its own error already.
  if (!Instant.safeParse(b.scheduledStart).success || !Instant.safeParse(b.scheduledEnd).success)
    return;
  if (b.scheduledStart === undefined || b.scheduledEnd === undefined) return;
  const minutes = (Date.parse(b.scheduledEnd) - Date.parse(b.scheduledStart)) / 60_000;
  if (minutes <= 0)
    ctx.addIssue({
      code: 'custom',
      path: ['scheduledEnd'],
      message: 'Must be after scheduledStart',
    });
  else if (minutes > MAX_CASE_HOURS * 60)
    ctx.addIssue({
      code: 'custom',
      path: ['scheduledEnd'],
      message: `A case lasts at most ${MAX_CASE_HOURS} hours`,
    });
}

export const CreateSurgicalCaseBody = z
  .strictObject({
    procedurePlanId: z.uuid(),
    operatingRoomId: z.uuid(),
    surgeonId: z.uuid(),
    scheduledStart: Instant,
    scheduledEnd: Instant,
  })
  .superRefine(endsAfterStart);
export type CreateSurgicalCaseBody = z.infer<typeof CreateSurgicalCaseBody>;
export class CreateSurgicalCaseDto extends createZodDto(CreateSurgicalCaseBody) {}

/** The details a case copies from its plan once: they never change (docs/design.md §4). */
const COPIED_FIELDS = [
  'procedurePlanId',
  'patientId',
  'surgeonId',
  'procedureName',
  'procedureCode',
  'cptCodes',
  'diagnosisCodes',
  'procedureType',
  'insuranceCptCodes',
  'caseNumber',
  'status',
] as const;

/** Only a SCHEDULED case's room and time move; naming any other field is a 400 that says why. */
export const UpdateSurgicalCaseBody = z
  .strictObject({
    operatingRoomId: z.uuid().optional(),
    scheduledStart: Instant.optional(),
    scheduledEnd: Instant.optional(),
    ...Object.fromEntries(
      COPIED_FIELDS.map((f) => [
        f,
        z
          .unknown()
          .refine((v) => v === undefined, {
            message:
              f === 'surgeonId' || f === 'status'
                ? `${f} cannot be changed by PATCH: cancel the case and schedule a new one, or use its actions`
                : `${f} cannot change: a case keeps what it copied from its plan; re-plan and schedule a new case`,
          })
          .optional(),
      ]),
    ),
  })
  .superRefine(endsAfterStart)
  .refine(
    (b) =>
      b.operatingRoomId !== undefined ||
      b.scheduledStart !== undefined ||
      b.scheduledEnd !== undefined,
    { message: 'Give operatingRoomId, scheduledStart or scheduledEnd', path: ['operatingRoomId'] },
  );
export type UpdateSurgicalCaseBody = {
  operatingRoomId?: string | undefined;
  scheduledStart?: string | undefined;
  scheduledEnd?: string | undefined;
};
export class UpdateSurgicalCaseDto extends createZodDto(UpdateSurgicalCaseBody) {}

export const CancelSurgicalCaseBody = z.strictObject({
  reason: z.string().trim().min(1).max(2000),
});
export type CancelSurgicalCaseBody = z.infer<typeof CancelSurgicalCaseBody>;
export class CancelSurgicalCaseDto extends createZodDto(CancelSurgicalCaseBody) {}

/**
 * `POST /surgical-cases/:id/start`: no body needed on the booked day; on another day (the
 * clinic's local day) a `reason`, which the audit event keeps.
 */
export const StartSurgicalCaseBody = z
  .strictObject({ reason: z.string().trim().min(1).max(2000).optional() })
  .optional()
  .transform((b) => b ?? {});
export type StartSurgicalCaseBody = z.infer<typeof StartSurgicalCaseBody>;
export class StartSurgicalCaseDto extends createZodDto(StartSurgicalCaseBody) {}

export const CompleteSurgicalCaseBody = z
  .strictObject({ notes: z.string().trim().max(20000).optional() })
  .optional()
  .transform((b) => b ?? {});
export type CompleteSurgicalCaseBody = z.infer<typeof CompleteSurgicalCaseBody>;
export class CompleteSurgicalCaseDto extends createZodDto(CompleteSurgicalCaseBody) {}

export const RecordUsageBody = z.strictObject({
  inventoryItemId: z.uuid(),
  batchId: z.uuid().optional(),
  serialNumber: z.string().trim().min(1).max(100).optional(),
  quantity: z.number().int().min(1).max(10_000),
});
export type RecordUsageBody = z.infer<typeof RecordUsageBody>;
export class RecordUsageDto extends createZodDto(RecordUsageBody) {}

export const ListSurgicalCasesQuery = z
  .strictObject({
    ...pageQueryShape,
    from: Instant.optional(),
    to: Instant.optional(),
    operatingRoomId: z.uuid().optional(),
    surgeonId: z.uuid().optional(),
    patientId: z.uuid().optional(),
    procedurePlanId: z.uuid().optional(),
    status: z.enum(CASE_STATUSES).optional(),
  })
  .refine((q) => !q.from || !q.to || Date.parse(q.from) < Date.parse(q.to), {
    message: 'Must be after from',
    path: ['to'],
  });
export type ListSurgicalCasesQuery = z.infer<typeof ListSurgicalCasesQuery>;
export class ListSurgicalCasesQueryDto extends createZodDto(ListSurgicalCasesQuery) {}

export const CaseUsageSchema = z.object({
  id: z.uuid(),
  inventoryItemId: z.uuid(),
  inventoryItemCode: z.string(),
  batchId: z.uuid(),
  serialNumber: z.string().nullable(),
  quantity: z.number().int(),
  usedAt: z.string(),
});
export type CaseUsageResponse = z.infer<typeof CaseUsageSchema>;

/** One shape for every route that returns a case (docs/api.md). */
export const SurgicalCaseSchema = z.object({
  id: z.uuid(),
  caseNumber: z.string(),
  procedurePlanId: z.uuid(),
  patientId: z.uuid(),
  /** "First Last": every role that reads cases may read patients (docs/roles.md). */
  patientName: z.string(),
  surgeonId: z.uuid(),
  operatingRoomId: z.uuid(),
  operatingRoomName: z.string(),
  scheduledStart: z.string(),
  scheduledEnd: z.string(),
  status: z.enum(CASE_STATUSES),
  procedureName: z.string(),
  procedureCode: z.string(),
  cptCodes: z.array(z.string()),
  diagnosisCodes: z.array(z.string()),
  procedureType: z.enum(PROCEDURE_TYPES),
  insuranceCptCodes: z.array(z.string()),
  startedAt: z.string().nullable(),
  /** The reason given for starting on another day than the booked one (or any given). */
  startReason: z.string().nullable(),
  completedAt: z.string().nullable(),
  completionNotes: z.string().nullable(),
  cancelledAt: z.string().nullable(),
  cancelReason: z.string().nullable(),
  /** What the case consumed (recorded during it, and consumed automatically at completion). */
  inventoryUsages: z.array(CaseUsageSchema),
  billId: z.uuid().nullable(),
  createdById: z.uuid(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type SurgicalCaseResponse = z.infer<typeof SurgicalCaseSchema>;
export class SurgicalCaseDto extends createZodDto(SurgicalCaseSchema) {}
export class SurgicalCasePageDto extends createZodDto(pageSchema(SurgicalCaseSchema)) {}

export const CaseUsageResponseSchema = z.object({
  surgicalCaseId: z.uuid(),
  usages: z.array(CaseUsageSchema),
});
export class CaseUsageDto extends createZodDto(CaseUsageResponseSchema) {}

/** One reserved unit or quantity the nurse picks for the case. */
export const PickLineSchema = z.object({
  inventoryItemId: z.uuid(),
  inventoryItemCode: z.string(),
  inventoryItemName: z.string(),
  size: z.string().nullable(),
  shape: z.string().nullable(),
  batchNumber: z.string(),
  expiresAt: z.string().nullable(),
  serialNumber: z.string().nullable(),
  quantity: z.number().int(),
});
export type PickLineResponse = z.infer<typeof PickLineSchema>;
export const PickListSchema = z.object({
  surgicalCaseId: z.uuid(),
  caseNumber: z.string(),
  lines: z.array(PickLineSchema),
});
export type PickListResponse = z.infer<typeof PickListSchema>;
export class PickListDto extends createZodDto(PickListSchema) {}

export const TheaterDayPdfQuery = z.strictObject({
  /** Default: today, in the clinic's time zone. */
  date: z.iso.date({ message: 'A calendar day, YYYY-MM-DD' }).optional(),
  operatingRoomId: z.uuid().optional(),
});
export type TheaterDayPdfQuery = z.infer<typeof TheaterDayPdfQuery>;
export class TheaterDayPdfQueryDto extends createZodDto(TheaterDayPdfQuery) {}
