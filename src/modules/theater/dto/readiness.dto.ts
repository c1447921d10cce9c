import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';

export const READINESS_CODES = [
  'PLAN_APPROVED',
  'CONSENT_SIGNED',
  'FDA_CHECKLIST_SIGNED',
  'PRIOR_AUTH_APPROVED',
  'INVENTORY_READY',
] as const;
export type ReadinessCode = (typeof READINESS_CODES)[number];

/** `GET /procedure-plans/:id/readiness?surgeryDate=`: the day to check for, when no case names it yet. */
export const ReadinessQuery = z.strictObject({
  surgeryDate: z.iso.date({ message: 'A date as YYYY-MM-DD' }).optional(),
});
export type ReadinessQuery = z.infer<typeof ReadinessQuery>;
export class ReadinessQueryDto extends createZodDto(ReadinessQuery) {}

export const ReadinessCheckSchema = z.object({
  code: z.enum(READINESS_CODES),
  required: z.boolean(),
  ok: z.boolean(),
  detail: z.string(),
});
export type ReadinessCheck = z.infer<typeof ReadinessCheckSchema>;

export const ReadinessSchema = z.object({
  ready: z.boolean(),
  /** The day the date-bound checks (prior authorization, batch expiry) were made for; null: none known. */
  surgeryDate: z.string().nullable(),
  checks: z.array(ReadinessCheckSchema),
});
export type ReadinessResponse = z.infer<typeof ReadinessSchema>;
export class ReadinessDto extends createZodDto(ReadinessSchema) {}
