import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { Ratio, ReportHeader, ReportMoney } from './report-query.dto';

const Figures = {
  /** Quotes issued in the range (their clinic-local day), and where each stands now. */
  issued: z.number().int(),
  accepted: z.number().int(),
  expired: z.number().int(),
  superseded: z.number().int(),
  /** Still ISSUED and within validity. */
  open: z.number().int(),
  /** accepted ÷ (issued − superseded). */
  acceptanceRate: Ratio,
  acceptedValue: ReportMoney,
  /** acceptedValue ÷ accepted, to the cent; null when none accepted. */
  averageAcceptedValue: ReportMoney.nullable(),
};

export const QuotesReportSchema = z.object({
  ...ReportHeader,
  summary: z.object(Figures),
  /** By procedure (the plan's primary CPT code), most issued first. */
  rows: z.array(
    z.object({
      procedureCode: z.string(),
      procedureName: z.string(),
      ...Figures,
    }),
  ),
});
export type QuotesReportResponse = z.infer<typeof QuotesReportSchema>;
export class QuotesReportDto extends createZodDto(QuotesReportSchema) {}
