import { Injectable } from '@nestjs/common';
import type { Db } from '../../../common/database/database';
import {
  TheaterUtilisationReportSchema,
  type TheaterUtilisationReportResponse,
} from '../dto/theater-utilisation-report.dto';
import type { ReportDefinition, ReportScope } from './report-definition';

/** PLACEHOLDER (issue 20 skeleton): the helper building this report replaces this file. */
@Injectable()
export class TheaterUtilisationReport implements ReportDefinition<TheaterUtilisationReportResponse> {
  readonly name = 'theater-utilisation';
  readonly schema = TheaterUtilisationReportSchema;
  readonly sections = {};

  run(_db: Db, _scope: ReportScope): Promise<TheaterUtilisationReportResponse> {
    return Promise.reject(new Error('not built yet'));
  }
}
