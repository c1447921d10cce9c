import { Injectable } from '@nestjs/common';
import type { Db } from '../../../common/database/database';
import type { ConversionReportResponse } from '../dto/conversion-report.dto';
import { ConversionRepository, type ConversionRow } from '../repositories/conversion.repository';
import { ratio, type ReportDefinition, reportHeader, type ReportScope } from './report-definition';

type ConversionRowOut = ConversionReportResponse['rows'][number];

/**
 * Consultation-to-surgery conversion (docs/reports.md "Conversion"): the consultations held in
 * the range as a cohort, and how many of them led to a plan, a quote, an approval and a completed
 * surgery, whenever that happened; by clinic-local month × the consultation's surgeon.
 */
@Injectable()
export class ConversionReport implements ReportDefinition<ConversionReportResponse> {
  readonly name = 'conversion';
  readonly sections = {
    rows: {
      columns: [
        { key: 'month', header: 'month' },
        { key: 'surgeonId', header: 'surgeonId' },
        { key: 'surgeonName', header: 'surgeonName', text: true },
        { key: 'consultations', header: 'consultations' },
        { key: 'plans', header: 'plans' },
        { key: 'quoted', header: 'quoted' },
        { key: 'approved', header: 'approved' },
        { key: 'completed', header: 'completed' },
        { key: 'conversionRate', header: 'conversionRate' },
      ],
      rows: (report: ConversionReportResponse) => report.rows,
    },
  };

  constructor(private readonly repository: ConversionRepository) {}

  async run(db: Db, scope: ReportScope): Promise<ConversionReportResponse> {
    const rows = await this.repository.rows(db, scope);
    const total = rows.find((r) => r.is_total);
    return {
      ...reportHeader(scope),
      summary: {
        ...counts(total),
        medianDays: {
          consultToPlan: total?.consult_to_plan ?? null,
          planToQuote: total?.plan_to_quote ?? null,
          quoteToApproval: total?.quote_to_approval ?? null,
          approvalToSurgery: total?.approval_to_surgery ?? null,
          consultToSurgery: total?.consult_to_surgery ?? null,
        },
      },
      rows: rows
        .filter((r) => !r.is_total)
        .map((r): ConversionRowOut => ({
          month: r.month ?? '',
          surgeonId: r.surgeon_id ?? '',
          surgeonName: r.surgeon_name ?? '',
          ...counts(r),
        })),
    };
  }
}

function counts(r: ConversionRow | undefined) {
  const consultations = r?.consultations ?? 0;
  const completed = r?.completed ?? 0;
  return {
    consultations,
    plans: r?.plans ?? 0,
    quoted: r?.quoted ?? 0,
    approved: r?.approved ?? 0,
    completed,
    conversionRate: ratio(completed, consultations),
  };
}
