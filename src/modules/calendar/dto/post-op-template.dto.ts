import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { BaseCptCode } from '../../codes';

/** Days after surgery: 1–12 distinct whole days from 1 to 730, in ascending order. */
export const OffsetsDays = z
  .array(z.number().int().min(1).max(730))
  .min(1)
  .max(12)
  .refine((days) => days.every((d, i) => i === 0 || d > (days[i - 1] ?? 0)), {
    message: 'Give distinct days in ascending order',
  });

export const PutPostOpTemplateBody = z.strictObject({ offsetsDays: OffsetsDays });
export type PutPostOpTemplateBody = z.infer<typeof PutPostOpTemplateBody>;
export class PutPostOpTemplateDto extends createZodDto(PutPostOpTemplateBody) {}

export const CptCodeParams = z.strictObject({ cptCode: BaseCptCode });
export type CptCodeParams = z.infer<typeof CptCodeParams>;
export class CptCodeParamsDto extends createZodDto(CptCodeParams) {}

export const PostOpTemplateSchema = z.object({
  cptCode: z.string(),
  offsetsDays: z.array(z.number().int()),
});
export type PostOpTemplateResponse = z.infer<typeof PostOpTemplateSchema>;
export class PostOpTemplateDto extends createZodDto(PostOpTemplateSchema) {}

export const PostOpTemplatesSchema = z.object({
  /** The visits of a code without its own template: day 1, week 1, week 6, month 3, year 1. */
  defaultOffsetsDays: z.array(z.number().int()),
  data: z.array(PostOpTemplateSchema),
});
export type PostOpTemplatesResponse = z.infer<typeof PostOpTemplatesSchema>;
export class PostOpTemplatesDto extends createZodDto(PostOpTemplatesSchema) {}
