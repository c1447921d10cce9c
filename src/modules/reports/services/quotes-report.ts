import { Injectable } from '@nestjs/common';
import type { Db } from '../../../common/database/database';
import { Money } from '../../../common/money';
import type { QuotesReportResponse } from '../dto/quotes-report.dto';
import { QuotesRepository, type QuotesRow } from '../repositories/quotes.repository';
import { ratio, type ReportDefinition, reportHeader, type ReportScope } from './report-definition';

/**
 * Quotes by procedure (docs/reports.md "Quotes"): the quotes issued in the range, where each
 * stands now (accepted, expired, superseded, open), the acceptance rate and the average accepted
 * value, by the plan's primary CPT code.
 */
@Injectable()
export class QuotesReport implements ReportDefinition<QuotesReportResponse> {
  readonly name = 'quotes';
  readonly sections = {
    rows: {
      columns: [
        { key: 'procedureCode', header: 'procedureCode' },
        { key: 'procedureName', header: 'procedureName', text: true },
        { key: 'issued', header: 'issued' },
        { key: 'accepted', header: 'accepted' },
        { key: 'expired', header: 'expired' },
        { key: 'superseded', header: 'superseded' },
        { key: 'open', header: 'open' },
        { key: 'acceptanceRate', header: 'acceptanceRate' },
        { key: 'acceptedValue', header: 'acceptedValue' },
        { key: 'averageAcceptedValue', header: 'averageAcceptedValue' },
      ],
      rows: (report: QuotesReportResponse) => report.rows,
    },
  };

  constructor(private readonly repository: QuotesRepository) {}

  async run(db: Db, scope: ReportScope): Promise<QuotesReportResponse> {
    const rows = await this.repository.rows(db, scope);
    const total = rows.find((r) => r.is_total);
    return {
      ...reportHeader(scope),
      summary: figures(total),
      rows: rows
        .filter((r) => !r.is_total)
        .map((r) => ({
          procedureCode: r.procedure_code ?? '',
          procedureName: r.procedure_name ?? '',
          ...figures(r),
        })),
    };
  }
}

function figures(r: QuotesRow | undefined) {
  const issued = r?.issued ?? 0;
  const accepted = r?.accepted ?? 0;
  const superseded = r?.superseded ?? 0;
  const acceptedValue = Money.fromDecimal(r?.accepted_value ?? '0');
  return {
    issued,
    accepted,
    expired: r?.expired ?? 0,
    superseded,
    open: r?.open ?? 0,
    acceptanceRate: ratio(accepted, issued - superseded),
    acceptedValue: acceptedValue.toDecimal(),
    averageAcceptedValue: accepted === 0 ? null : averageOf(acceptedValue, accepted).toDecimal(),
  };
}

/** An amount divided by a count, to the cent, half up (the amounts are never negative). */
function averageOf(total: Money, count: number): Money {
  return Money.fromCents(Math.floor((2 * total.cents + count) / (2 * count)));
}
