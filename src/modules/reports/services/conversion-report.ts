import { Injectable } from '@nestjs/common';
import type { Db } from '../../../common/database/database';
import {
  ConversionReportSchema,
  type ConversionReportResponse,
} from '../dto/conversion-report.dto';
import type { ReportDefinition, ReportScope } from './report-definition';

/** PLACEHOLDER (issue 20 skeleton): the helper building this report replaces this file. */
@Injectable()
export class ConversionReport implements ReportDefinition<ConversionReportResponse> {
  readonly name = 'conversion';
  readonly schema = ConversionReportSchema;
  readonly sections = {};

  run(_db: Db, _scope: ReportScope): Promise<ConversionReportResponse> {
    return Promise.reject(new Error('not built yet'));
  }
}
