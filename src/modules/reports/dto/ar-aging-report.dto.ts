import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { ReportHeader, ReportMoney } from './report-query.dto';

/** Open balances by age, days from the bill's clinic-local day to the as-of day. */
const Buckets = {
  days0To30: ReportMoney,
  days31To60: ReportMoney,
  days61To90: ReportMoney,
  days91To120: ReportMoney,
  over120: ReportMoney,
  total: ReportMoney,
};

export const ArAgingReportSchema = z.object({
  ...ReportHeader,
  /** Balances as they stood at the end of `to` (the clinic's day). */
  asOf: z.iso.date(),
  summary: z.object({
    ...Buckets,
    /** Charges (bill totals) issued from–to, and per day of the range. */
    charges: ReportMoney,
    averageDailyCharges: ReportMoney,
    /** total ÷ averageDailyCharges, one decimal; null without charges. */
    daysInAr: z.number().nullable(),
  }),
  /** One row per insurer owed, and one for the patients together; largest total first. */
  rows: z.array(
    z.object({
      payerKind: z.enum(['INSURER', 'PATIENT']),
      /** The insurer; null for the patients' row. */
      payerId: z.uuid().nullable(),
      payerName: z.string(),
      bills: z.number().int(),
      ...Buckets,
    }),
  ),
  /** Every open balance behind the rows: a bill and who owes it. No patient named. */
  bills: z.array(
    z.object({
      billId: z.uuid(),
      billNumber: z.string(),
      issuedOn: z.iso.date(),
      ageDays: z.number().int(),
      payerKind: z.enum(['INSURER', 'PATIENT']),
      payerId: z.uuid().nullable(),
      payerName: z.string(),
      balance: ReportMoney,
    }),
  ),
});
export type ArAgingReportResponse = z.infer<typeof ArAgingReportSchema>;
export class ArAgingReportDto extends createZodDto(ArAgingReportSchema) {}
