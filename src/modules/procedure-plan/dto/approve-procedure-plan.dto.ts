import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';

/** The body is optional: `POST /procedure-plans/:id/approve` with none is the same as `{}`. */
export const ApproveProcedurePlanBody = z
  .strictObject({ notes: z.string().trim().max(2000).optional() })
  .optional()
  .transform((b) => b ?? {});
export type ApproveProcedurePlanBody = z.infer<typeof ApproveProcedurePlanBody>;
export class ApproveProcedurePlanDto extends createZodDto(ApproveProcedurePlanBody) {}

export const CancelProcedurePlanBody = z.strictObject({
  reason: z.string().trim().min(1).max(2000),
});
export type CancelProcedurePlanBody = z.infer<typeof CancelProcedurePlanBody>;
export class CancelProcedurePlanDto extends createZodDto(CancelProcedurePlanBody) {}
