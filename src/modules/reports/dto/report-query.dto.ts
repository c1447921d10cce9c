import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { MoneyOutput } from '../../../common/money';

const Day = z.iso.date({ message: 'A calendar day, YYYY-MM-DD' });

/** The widest range a report covers at once: three years (docs/reports.md "Parameters"). */
export const MAX_REPORT_DAYS = 1096;

function dayCount(from: string, to: string): number {
  return Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000) + 1;
}

/**
 * What every report takes (docs/reports.md "Parameters"): the clinic-local days `from`–`to`
 * (both included), an optional surgeon, and `format=csv` for the rows as CSV (`section` picks
 * another of the report's tables, as the report lists them).
 */
export const ReportQuery = z
  .strictObject({
    from: Day,
    to: Day,
    surgeonId: z.uuid().optional(),
    format: z.enum(['json', 'csv']).default('json'),
    section: z
      .string()
      .regex(/^[a-z][a-z-]{0,39}$/, 'A table of the report, e.g. "rows"')
      .optional(),
  })
  .superRefine((q, ctx) => {
    if (q.to < q.from)
      ctx.addIssue({ code: 'custom', message: 'Must not be before from', path: ['to'] });
    else if (dayCount(q.from, q.to) > MAX_REPORT_DAYS)
      ctx.addIssue({
        code: 'custom',
        message: `At most ${MAX_REPORT_DAYS} days (three years) from from`,
        path: ['to'],
      });
    if (q.section !== undefined && q.format !== 'csv')
      ctx.addIssue({
        code: 'custom',
        message: 'Only with format=csv: the JSON answer holds every table',
        path: ['section'],
      });
  });
export type ReportQuery = z.infer<typeof ReportQuery>;
export class ReportQueryDto extends createZodDto(ReportQuery) {}

/** A ratio 0–1, four decimals (0.4286), or null when its denominator is 0. */
export const Ratio = z.number().min(0).nullable();
/** Money as a decimal string with two decimals ("1234.50"), summed in cents. */
export const ReportMoney = MoneyOutput;

/** What every report answers besides its figures: the range it covers, in the clinic's zone. */
export const ReportHeader = {
  from: z.iso.date(),
  to: z.iso.date(),
  timeZone: z.string(),
  surgeonId: z.uuid().nullable(),
  generatedAt: z.string(),
};
