import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { pageQueryShape, pageSchema } from '../../../common/http/pagination';
import { BaseCptCode } from '../../codes';
import { GENERAL_CONSENT_CODE } from '../services/general-consent';

const TemplateCode = z
  .string()
  .trim()
  .min(2)
  .max(64)
  .regex(
    /^[A-Z][A-Z0-9_]*$/,
    'Capital letters, digits and underscores, e.g. BREAST_AUG_CONSENT_V2',
  );

export const CreateConsentTemplateBody = z
  .strictObject({
    code: TemplateCode,
    version: z.number().int().min(1).max(1_000_000),
    title: z.string().trim().min(1).max(200),
    body: z.string().trim().min(1).max(200_000),
    cptCodes: z
      .array(BaseCptCode)
      .max(50)
      .transform((codes) => [...new Set(codes)]),
    active: z.boolean().optional(),
  })
  // The general surgical consent covers the plans no other template covers, so it lists no code
  // (a new version of it is how an admin edits its text); every other template lists some.
  .refine((t) => (t.code === GENERAL_CONSENT_CODE) === (t.cptCodes.length === 0), {
    path: ['cptCodes'],
    message: `Empty for ${GENERAL_CONSENT_CODE}, one or more base CPT codes for any other template`,
  });
export type CreateConsentTemplateBody = z.infer<typeof CreateConsentTemplateBody>;
export class CreateConsentTemplateDto extends createZodDto(CreateConsentTemplateBody) {}

/** Only `active`: a template's text is never edited; a new version is created instead. */
export const UpdateConsentTemplateBody = z.strictObject({ active: z.boolean() });
export type UpdateConsentTemplateBody = z.infer<typeof UpdateConsentTemplateBody>;
export class UpdateConsentTemplateDto extends createZodDto(UpdateConsentTemplateBody) {}

export const ListConsentTemplatesQuery = z.strictObject({
  ...pageQueryShape,
  active: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
  code: TemplateCode.optional(),
});
export type ListConsentTemplatesQuery = z.infer<typeof ListConsentTemplatesQuery>;
export class ListConsentTemplatesQueryDto extends createZodDto(ListConsentTemplatesQuery) {}

export const ConsentTemplateSchema = z.object({
  id: z.uuid(),
  code: z.string(),
  version: z.number().int(),
  title: z.string(),
  body: z.string(),
  cptCodes: z.array(z.string()),
  active: z.boolean(),
  createdById: z.uuid(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type ConsentTemplateResponse = z.infer<typeof ConsentTemplateSchema>;
export class ConsentTemplateDto extends createZodDto(ConsentTemplateSchema) {}
export class ConsentTemplatePageDto extends createZodDto(pageSchema(ConsentTemplateSchema)) {}
