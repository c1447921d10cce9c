import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';

/**
 * What a new clinic needs before its first surgery can be quoted, consented, booked and
 * implanted, in the order a practice manager sets it up (docs/web-app.md "Set-up checklist").
 */
export const SETUP_ITEM_CODES = [
  'ACTIVE_SURGEON',
  'FEE_SCHEDULE_ENTRY',
  'CONSENT_TEMPLATE',
  'OPERATING_ROOM',
  'IMPLANT_IN_STOCK',
] as const;
export type SetupItemCode = (typeof SETUP_ITEM_CODES)[number];

export const ClinicSetupSchema = z.object({
  complete: z.boolean(),
  items: z.array(z.object({ code: z.enum(SETUP_ITEM_CODES), done: z.boolean() })),
});
export type ClinicSetupResponse = z.infer<typeof ClinicSetupSchema>;
export class ClinicSetupDto extends createZodDto(ClinicSetupSchema) {}
