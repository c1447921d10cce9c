import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { pageQueryShape, pageSchema } from '../../../common/http/pagination';
import { MoneyInput, MoneyOutput } from '../../../common/money';
import { BaseCptCode } from '../../codes';

/** `:cptCode` is a base code: `19325`, never `19325-50` (a 400 that names the base code). */
export class FeeScheduleCodeParams extends createZodDto(z.strictObject({ cptCode: BaseCptCode })) {}

/** The whole entry (PUT replaces it): a fee left out is 0. */
export const PutFeeScheduleEntryBody = z.strictObject({
  description: z.string().trim().min(1).max(500),
  surgeonFee: MoneyInput,
  facilityFee: MoneyInput.optional(),
  anesthesiaFee: MoneyInput.optional(),
});
export type PutFeeScheduleEntryBody = z.infer<typeof PutFeeScheduleEntryBody>;
export class PutFeeScheduleEntryDto extends createZodDto(PutFeeScheduleEntryBody) {}

/** `search`: words that each begin the code or appear in the description (`193`, `mastopexy`). */
export const ListFeeScheduleQuery = z.strictObject({
  ...pageQueryShape,
  search: z.string().trim().min(1).max(100).optional(),
});
export type ListFeeScheduleQuery = z.infer<typeof ListFeeScheduleQuery>;
export class ListFeeScheduleQueryDto extends createZodDto(ListFeeScheduleQuery) {}

export const FeeScheduleEntrySchema = z.object({
  id: z.uuid(),
  cptCode: z.string(),
  description: z.string(),
  surgeonFee: MoneyOutput,
  facilityFee: MoneyOutput,
  anesthesiaFee: MoneyOutput,
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type FeeScheduleEntryResponse = z.infer<typeof FeeScheduleEntrySchema>;
export class FeeScheduleEntryDto extends createZodDto(FeeScheduleEntrySchema) {}
export class FeeScheduleEntryPageDto extends createZodDto(pageSchema(FeeScheduleEntrySchema)) {}
