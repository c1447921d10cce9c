import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { Ratio, ReportHeader } from './report-query.dto';

const Counts = {
  /** Consultations held in the range (their clinic-local day): the cohort. */
  consultations: z.number().int(),
  /** Of those, how many led to at least one plan, a quote, an approval, a completed surgery. */
  plans: z.number().int(),
  quoted: z.number().int(),
  approved: z.number().int(),
  completed: z.number().int(),
  /** completed ÷ consultations. */
  conversionRate: Ratio,
};

/** Median days between the steps, over the consultations that reached both; one decimal. */
const MedianDays = z.object({
  consultToPlan: z.number().nullable(),
  planToQuote: z.number().nullable(),
  quoteToApproval: z.number().nullable(),
  approvalToSurgery: z.number().nullable(),
  consultToSurgery: z.number().nullable(),
});

export const ConversionReportSchema = z.object({
  ...ReportHeader,
  summary: z.object({ ...Counts, medianDays: MedianDays }),
  /** By surgeon and clinic-local month of the consultation, month then surgeon name. */
  rows: z.array(
    z.object({
      month: z.string().regex(/^\d{4}-\d{2}$/),
      surgeonId: z.uuid(),
      surgeonName: z.string(),
      ...Counts,
    }),
  ),
});
export type ConversionReportResponse = z.infer<typeof ConversionReportSchema>;
export class ConversionReportDto extends createZodDto(ConversionReportSchema) {}
