import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { pageQueryShape, pageSchema } from '../../../common/http/pagination';
import { Icd10Code } from '../services/icd10-code';

/**
 * `search`: a code or its start (`C50`, `c509`, `C50.9`) and/or words of the description
 * (`breast hypertro`). `billableOnly` defaults to true: only billable codes may go on a plan, so
 * headers are hidden unless asked for (`billableOnly=false`).
 */
export const SearchIcd10Query = z.strictObject({
  ...pageQueryShape,
  search: z.string().trim().max(100).optional(),
  billableOnly: z.stringbool().default(true),
});
export type SearchIcd10Query = z.infer<typeof SearchIcd10Query>;
export class SearchIcd10QueryDto extends createZodDto(SearchIcd10Query) {}

export class Icd10CodeParams extends createZodDto(z.strictObject({ code: Icd10Code })) {}

export const Icd10EntrySchema = z.object({
  code: z.string(),
  description: z.string(),
  billable: z.boolean(),
});
export class Icd10EntryDto extends createZodDto(Icd10EntrySchema) {}
export class Icd10PageDto extends createZodDto(pageSchema(Icd10EntrySchema)) {}
