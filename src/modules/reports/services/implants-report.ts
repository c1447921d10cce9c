import { Injectable } from '@nestjs/common';
import type { Db } from '../../../common/database/database';
import { ImplantsReportSchema, type ImplantsReportResponse } from '../dto/implants-report.dto';
import type { ReportDefinition, ReportScope } from './report-definition';

/** PLACEHOLDER (issue 20 skeleton): the helper building this report replaces this file. */
@Injectable()
export class ImplantsReport implements ReportDefinition<ImplantsReportResponse> {
  readonly name = 'implants';
  readonly schema = ImplantsReportSchema;
  readonly sections = {};

  run(_db: Db, _scope: ReportScope): Promise<ImplantsReportResponse> {
    return Promise.reject(new Error('not built yet'));
  }
}
