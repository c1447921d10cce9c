import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { pageQueryShape, pageSchema } from '../../../common/http/pagination';

export const FdaChecklistSectionSchema = z.strictObject({
  /** What the patient's initials are recorded under, e.g. `bia-alcl`. */
  key: z
    .string()
    .trim()
    .min(1)
    .max(40)
    .regex(/^[a-z][a-z0-9-]*$/, 'Lower-case letters, digits and dashes, e.g. bia-alcl'),
  heading: z.string().trim().min(1).max(200),
  body: z.string().trim().min(1).max(5000),
});

export const CreateFdaChecklistTemplateBody = z.strictObject({
  title: z.string().trim().min(1).max(200),
  sections: z
    .array(FdaChecklistSectionSchema)
    .min(1)
    .max(30)
    .superRefine((sections, ctx) => {
      const seen = new Set<string>();
      sections.forEach((s, i) => {
        if (seen.has(s.key))
          ctx.addIssue({ code: 'custom', path: [i, 'key'], message: `Key ${s.key} is used twice` });
        seen.add(s.key);
      });
    }),
  surgeonAttestation: z.string().trim().min(1).max(2000),
  active: z.boolean().optional(),
});
export type CreateFdaChecklistTemplateBody = z.infer<typeof CreateFdaChecklistTemplateBody>;
export class CreateFdaChecklistTemplateDto extends createZodDto(CreateFdaChecklistTemplateBody) {}

/** Only `active`: a version's text is never edited; a new version is created instead. */
export const UpdateFdaChecklistTemplateBody = z.strictObject({ active: z.boolean() });
export type UpdateFdaChecklistTemplateBody = z.infer<typeof UpdateFdaChecklistTemplateBody>;
export class UpdateFdaChecklistTemplateDto extends createZodDto(UpdateFdaChecklistTemplateBody) {}

export const ListFdaChecklistTemplatesQuery = z.strictObject({
  ...pageQueryShape,
  active: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
});
export type ListFdaChecklistTemplatesQuery = z.infer<typeof ListFdaChecklistTemplatesQuery>;
export class ListFdaChecklistTemplatesQueryDto extends createZodDto(
  ListFdaChecklistTemplatesQuery,
) {}

export const FdaChecklistSectionOutput = z.object({
  key: z.string(),
  heading: z.string(),
  body: z.string(),
});

export const FdaChecklistTemplateSchema = z.object({
  id: z.uuid(),
  version: z.number().int(),
  title: z.string(),
  sections: z.array(FdaChecklistSectionOutput),
  surgeonAttestation: z.string(),
  active: z.boolean(),
  createdById: z.uuid(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type FdaChecklistTemplateResponse = z.infer<typeof FdaChecklistTemplateSchema>;
export class FdaChecklistTemplateDto extends createZodDto(FdaChecklistTemplateSchema) {}
export class FdaChecklistTemplatePageDto extends createZodDto(
  pageSchema(FdaChecklistTemplateSchema),
) {}
