import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { ReportHeader, ReportMoney } from './report-query.dto';

const Figures = {
  /** Cases completed (their clinic-local day of completion). */
  cases: z.number().int(),
  /** Totals of the bills issued (not void) for the surgeon's cases. */
  charges: ReportMoney,
  /** Payments received on those bills, from insurers and patients. */
  collections: ReportMoney,
};

export const SurgeonProductivityReportSchema = z.object({
  ...ReportHeader,
  summary: z.object(Figures),
  /** By surgeon and clinic-local month, month then surgeon name. */
  rows: z.array(
    z.object({
      month: z.string().regex(/^\d{4}-\d{2}$/),
      surgeonId: z.uuid(),
      surgeonName: z.string(),
      ...Figures,
    }),
  ),
});
export type SurgeonProductivityReportResponse = z.infer<typeof SurgeonProductivityReportSchema>;
export class SurgeonProductivityReportDto extends createZodDto(SurgeonProductivityReportSchema) {}
