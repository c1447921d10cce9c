import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { MoneyOutput } from '../../../common/money';
import { PAYERS, QUOTE_LINE_KINDS, QUOTE_STATUSES } from '../repositories/quote.schema';

export const QuoteLineSchema = z.object({
  kind: z.enum(QUOTE_LINE_KINDS),
  code: z.string(),
  description: z.string(),
  quantity: z.number().int(),
  unitPrice: MoneyOutput,
  amount: MoneyOutput,
  payer: z.enum(PAYERS),
});

export const QuoteSchema = z.object({
  id: z.uuid(),
  quoteNumber: z.string(),
  procedurePlanId: z.uuid(),
  patientId: z.uuid(),
  planNumber: z.string(),
  procedureName: z.string(),
  /** The plan's primary CPT code when the quote was issued. */
  procedureCode: z.string(),
  status: z.enum(QUOTE_STATUSES),
  issuedAt: z.string(),
  validUntil: z.string(),
  acceptedAt: z.string().nullable(),
  lines: z.array(QuoteLineSchema),
  total: MoneyOutput,
  insurancePortion: MoneyOutput,
  patientPortion: MoneyOutput,
});
export type QuoteResponse = z.infer<typeof QuoteSchema>;
export class QuoteDto extends createZodDto(QuoteSchema) {}

/** `POST /procedure-plans/:id/quote`; the body is optional. */
export const CreateQuoteBody = z
  .strictObject({ validDays: z.number().int().min(1).max(365).default(30) })
  .optional()
  .transform((b) => b ?? { validDays: 30 });
export type CreateQuoteBody = z.infer<typeof CreateQuoteBody>;
export class CreateQuoteDto extends createZodDto(CreateQuoteBody) {}
