import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { pageSchema } from '../../../common/http/pagination';
import { MoneyOutput } from '../../../common/money';
import { PLAN_STATUSES, PROCEDURE_TYPES } from '../repositories/procedure-plan.schema';

export const InventoryRequirementSchema = z.object({
  id: z.uuid(),
  planId: z.uuid(),
  inventoryItemId: z.uuid(),
  inventoryItemCode: z.string(),
  inventoryItemName: z.string(),
  quantity: z.number().int(),
  requiresSerialNumber: z.boolean(),
  sizeRequirement: z.string().nullable(),
  shapeRequirement: z.string().nullable(),
  isRequired: z.boolean(),
  isPreAllocated: z.boolean(),
  preAllocatedBatchId: z.uuid().nullable(),
  /** The serial numbers reserved for it (serial-tracked items), lowest first. */
  serialNumbers: z.array(z.string()),
});
export type InventoryRequirementResponse = z.infer<typeof InventoryRequirementSchema>;
export class InventoryRequirementDto extends createZodDto(InventoryRequirementSchema) {}

export const PlanConsentSummarySchema = z
  .object({
    id: z.uuid(),
    status: z.enum(['PENDING', 'SIGNED', 'REVOKED']),
    templateCode: z.string(),
  })
  .nullable();

/** One shape for every route that returns a plan (docs/api.md). */
export const ProcedurePlanSchema = z.object({
  id: z.uuid(),
  planNumber: z.string(),
  patientId: z.uuid(),
  consultationId: z.uuid().nullable(),
  procedureName: z.string(),
  procedureType: z.enum(PROCEDURE_TYPES),
  primaryCPTCode: z.string(),
  cptCodes: z.array(z.string()),
  diagnosisCodes: z.array(z.string()),
  insuranceCptCodes: z.array(z.string()),
  estimatedCost: MoneyOutput.nullable(),
  insuranceCoverage: z.boolean(),
  insurancePortion: MoneyOutput.nullable(),
  patientPortion: MoneyOutput.nullable(),
  status: z.enum(PLAN_STATUSES),
  notes: z.string().nullable(),
  createdById: z.uuid(),
  /** The member of staff who approved; null when the patient approved through their link. */
  approvedById: z.uuid().nullable(),
  /** True when the patient approved the plan themselves, through their patient link. */
  approvedByPatient: z.boolean(),
  approvedAt: z.string().nullable(),
  approvalNotes: z.string().nullable(),
  cancelledAt: z.string().nullable(),
  cancelReason: z.string().nullable(),
  inventoryRequirements: z.array(InventoryRequirementSchema),
  consent: PlanConsentSummarySchema,
  currentQuoteId: z.uuid().nullable(),
  surgicalCaseId: z.uuid().nullable(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type ProcedurePlanResponse = z.infer<typeof ProcedurePlanSchema>;
export class ProcedurePlanDto extends createZodDto(ProcedurePlanSchema) {}
export class ProcedurePlanPageDto extends createZodDto(pageSchema(ProcedurePlanSchema)) {}

export const AvailabilitySchema = z.object({
  data: z.array(
    z.object({
      requirementId: z.uuid(),
      inventoryItemCode: z.string(),
      required: z.number().int(),
      allocated: z.number().int(),
      available: z.number().int(),
      /** Nothing is missing once the surgery is done: 0 for a COMPLETED plan. */
      shortfall: z.number().int(),
      /** How many the surgery used (0 until the case records or completes). */
      used: z.number().int(),
      /** What the surgery used, oldest first: serial (null for a bulk item) and lot. */
      usedUnits: z.array(
        z.object({
          serialNumber: z.string().nullable(),
          lotNumber: z.string(),
          quantity: z.number().int(),
        }),
      ),
    }),
  ),
});
export type AvailabilityResponse = z.infer<typeof AvailabilitySchema>;
export class AvailabilityDto extends createZodDto(AvailabilitySchema) {}

export const AllocateRequirementBody = z
  .strictObject({ batchId: z.uuid().optional() })
  .optional()
  .transform((b) => b ?? {});
export type AllocateRequirementBody = z.infer<typeof AllocateRequirementBody>;
export class AllocateRequirementDto extends createZodDto(AllocateRequirementBody) {}
