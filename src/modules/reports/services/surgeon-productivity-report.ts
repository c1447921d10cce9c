import { Injectable } from '@nestjs/common';
import type { Db } from '../../../common/database/database';
import { Money } from '../../../common/money';
import type { SurgeonProductivityReportResponse } from '../dto/surgeon-productivity-report.dto';
import { SurgeonProductivityRepository } from '../repositories/surgeon-productivity.repository';
import {
  type CsvSection,
  type ReportDefinition,
  reportHeader,
  type ReportScope,
} from './report-definition';

type Report = SurgeonProductivityReportResponse;

/**
 * Surgeon productivity (docs/reports.md "Surgeon productivity"): by surgeon and clinic-local
 * month, the cases completed, the charges billed for their cases and the collections received
 * on those bills.
 */
@Injectable()
export class SurgeonProductivityReport implements ReportDefinition<Report> {
  readonly name = 'surgeon-productivity';
  readonly sections: Readonly<Record<string, CsvSection<Report>>> = {
    rows: {
      columns: [
        { key: 'month', header: 'month' },
        { key: 'surgeonId', header: 'surgeonId' },
        { key: 'surgeonName', header: 'surgeonName', text: true },
        { key: 'cases', header: 'cases' },
        { key: 'charges', header: 'charges' },
        { key: 'collections', header: 'collections' },
      ],
      rows: (report) => report.rows,
    },
  };

  constructor(private readonly repository: SurgeonProductivityRepository) {}

  async run(db: Db, scope: ReportScope): Promise<Report> {
    const found = await this.repository.rows(db, scope);
    const rows = found.map((r) => ({
      month: r.month,
      surgeonId: r.surgeon_id,
      surgeonName: r.surgeon_name,
      cases: r.cases,
      charges: Money.fromDecimal(r.charges),
      collections: Money.fromDecimal(r.collections),
    }));
    return {
      ...reportHeader(scope),
      summary: {
        cases: rows.reduce((sum, r) => sum + r.cases, 0),
        charges: Money.sum(rows.map((r) => r.charges)).toDecimal(),
        collections: Money.sum(rows.map((r) => r.collections)).toDecimal(),
      },
      rows: rows.map((r) => ({
        ...r,
        charges: r.charges.toDecimal(),
        collections: r.collections.toDecimal(),
      })),
    };
  }
}
