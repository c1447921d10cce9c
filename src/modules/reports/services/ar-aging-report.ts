import { Injectable } from '@nestjs/common';
import type { Db } from '../../../common/database/database';
import { ArAgingReportSchema, type ArAgingReportResponse } from '../dto/ar-aging-report.dto';
import type { ReportDefinition, ReportScope } from './report-definition';

/** PLACEHOLDER (issue 20 skeleton): the helper building this report replaces this file. */
@Injectable()
export class ArAgingReport implements ReportDefinition<ArAgingReportResponse> {
  readonly name = 'ar-aging';
  readonly schema = ArAgingReportSchema;
  readonly sections = {};

  run(_db: Db, _scope: ReportScope): Promise<ArAgingReportResponse> {
    return Promise.reject(new Error('not built yet'));
  }
}
