import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { planFieldShapes } from './plan-codes.dto';

/** The clinical and pricing fields of a DRAFT or QUOTED plan; anything else is an unknown field. */
export const UpdateProcedurePlanBody = z
  .strictObject({
    consultationId: z.uuid().nullish(),
    procedureName: planFieldShapes.procedureName.optional(),
    procedureType: planFieldShapes.procedureType.optional(),
    primaryCPTCode: planFieldShapes.primaryCPTCode.optional(),
    cptCodes: planFieldShapes.cptCodes.optional(),
    diagnosisCodes: planFieldShapes.diagnosisCodes.optional(),
    insuranceCptCodes: planFieldShapes.insuranceCptCodes.optional(),
    notes: planFieldShapes.notes,
  })
  .refine((b) => Object.keys(b).length > 0, { message: 'Name at least one field to change' });
export type UpdateProcedurePlanBody = z.infer<typeof UpdateProcedurePlanBody>;
export class UpdateProcedurePlanDto extends createZodDto(UpdateProcedurePlanBody) {}
