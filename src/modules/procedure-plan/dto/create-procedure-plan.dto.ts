import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { AddInventoryRequirementBody } from './add-inventory-requirement.dto';
import { planFieldShapes } from './plan-codes.dto';

/** Status, numbers, approval fields and money are not here: they are never written by a client. */
export const CreateProcedurePlanBody = z.strictObject({
  patientId: z.uuid(),
  consultationId: z.uuid().nullish(),
  procedureName: planFieldShapes.procedureName,
  procedureType: planFieldShapes.procedureType,
  primaryCPTCode: planFieldShapes.primaryCPTCode,
  cptCodes: planFieldShapes.cptCodes,
  diagnosisCodes: planFieldShapes.diagnosisCodes.default([]),
  insuranceCptCodes: planFieldShapes.insuranceCptCodes.default([]),
  notes: planFieldShapes.notes,
  inventoryRequirements: z.array(AddInventoryRequirementBody).max(50).default([]),
});
export type CreateProcedurePlanBody = z.infer<typeof CreateProcedurePlanBody>;
export class CreateProcedurePlanDto extends createZodDto(CreateProcedurePlanBody) {}
