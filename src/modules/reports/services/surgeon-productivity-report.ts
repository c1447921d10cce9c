import { Injectable } from '@nestjs/common';
import type { Db } from '../../../common/database/database';
import {
  SurgeonProductivityReportSchema,
  type SurgeonProductivityReportResponse,
} from '../dto/surgeon-productivity-report.dto';
import type { ReportDefinition, ReportScope } from './report-definition';

/** PLACEHOLDER (issue 20 skeleton): the helper building this report replaces this file. */
@Injectable()
export class SurgeonProductivityReport implements ReportDefinition<SurgeonProductivityReportResponse> {
  readonly name = 'surgeon-productivity';
  readonly schema = SurgeonProductivityReportSchema;
  readonly sections = {};

  run(_db: Db, _scope: ReportScope): Promise<SurgeonProductivityReportResponse> {
    return Promise.reject(new Error('not built yet'));
  }
}
