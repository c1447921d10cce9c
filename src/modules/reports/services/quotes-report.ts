import { Injectable } from '@nestjs/common';
import type { Db } from '../../../common/database/database';
import { QuotesReportSchema, type QuotesReportResponse } from '../dto/quotes-report.dto';
import type { ReportDefinition, ReportScope } from './report-definition';

/** PLACEHOLDER (issue 20 skeleton): the helper building this report replaces this file. */
@Injectable()
export class QuotesReport implements ReportDefinition<QuotesReportResponse> {
  readonly name = 'quotes';
  readonly schema = QuotesReportSchema;
  readonly sections = {};

  run(_db: Db, _scope: ReportScope): Promise<QuotesReportResponse> {
    return Promise.reject(new Error('not built yet'));
  }
}
