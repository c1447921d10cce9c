import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentUser, Roles } from '../../../common/auth/auth.decorators';
import type { Caller } from '../../../common/auth/caller';
import { ApiOperationDoc } from '../../../common/http/api-operation';
import { ApiJsonOrCsvResponse } from '../../../common/http/csv-response';
import { ArAgingReportDto } from '../dto/ar-aging-report.dto';
import { ConversionReportDto } from '../dto/conversion-report.dto';
import { ImplantsReportDto } from '../dto/implants-report.dto';
import { QuotesReportDto } from '../dto/quotes-report.dto';
import { ReportQueryDto } from '../dto/report-query.dto';
import { SurgeonProductivityReportDto } from '../dto/surgeon-productivity-report.dto';
import { TheaterUtilisationReportDto } from '../dto/theater-utilisation-report.dto';
import { ArAgingReport } from '../services/ar-aging-report';
import { ConversionReport } from '../services/conversion-report';
import { ImplantsReport } from '../services/implants-report';
import { QuotesReport } from '../services/quotes-report';
import { ReportRunner } from '../services/report-runner.service';
import { SurgeonProductivityReport } from '../services/surgeon-productivity-report';
import { TheaterUtilisationReport } from '../services/theater-utilisation-report';

const PARAMETERS =
  'For the clinic-local days from–to (at most three years), optionally one surgeon; format=csv gives the rows as CSV (section= another of its tables). Changes nothing.';

/**
 * The practice's reports (docs/reports.md): ADMIN and BILLING read them all; COORDINATOR the
 * clinical ones (conversion, theater, quotes, implants).
 */
@ApiTags('reports')
@ApiBearerAuth()
@Controller('reports')
@Roles('ADMIN', 'BILLING')
export class ReportsController {
  constructor(
    private readonly runner: ReportRunner,
    private readonly conversionReport: ConversionReport,
    private readonly theaterReport: TheaterUtilisationReport,
    private readonly productivityReport: SurgeonProductivityReport,
    private readonly arAgingReport: ArAgingReport,
    private readonly quotesReport: QuotesReport,
    private readonly implantsReport: ImplantsReport,
  ) {}

  @Get('conversion')
  @ApiOperationDoc({
    summary: 'Report consultation-to-surgery conversion',
    description: `Consultations held in the range, and how many led to a plan, a quote, an approval and a completed surgery, by surgeon and month; the conversion rate and median days between the steps. ${PARAMETERS}`,
  })
  @Roles('BILLING', 'COORDINATOR')
  @ApiJsonOrCsvResponse(ConversionReportDto, 'The conversion figures and their rows')
  conversion(
    @CurrentUser() caller: Caller,
    @Query() query: ReportQueryDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.runner.answer(caller, query, this.conversionReport, reply);
  }

  @Get('theater-utilisation')
  @ApiOperationDoc({
    summary: 'Report operating-room utilisation',
    description: `Per room and day: available minutes (the room's opening hours on weekdays), booked and used minutes, utilisation, first-case on-time starts, turnovers; and the cancellations with their reasons. ${PARAMETERS}`,
  })
  @Roles('BILLING', 'COORDINATOR')
  @ApiJsonOrCsvResponse(TheaterUtilisationReportDto, 'The utilisation figures and their rows')
  theaterUtilisation(
    @CurrentUser() caller: Caller,
    @Query() query: ReportQueryDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.runner.answer(caller, query, this.theaterReport, reply);
  }

  @Get('surgeon-productivity')
  @ApiOperationDoc({
    summary: 'Report surgeon productivity',
    description: `Cases completed, charges billed and collections received, by surgeon and month. ${PARAMETERS}`,
  })
  @ApiJsonOrCsvResponse(SurgeonProductivityReportDto, 'The productivity figures and their rows')
  surgeonProductivity(
    @CurrentUser() caller: Caller,
    @Query() query: ReportQueryDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.runner.answer(caller, query, this.productivityReport, reply);
  }

  @Get('ar-aging')
  @ApiOperationDoc({
    summary: 'Report accounts-receivable aging',
    description: `Open balances as of the end of to (today if to is later), by payer (each insurer, and the patients) in 0–30, 31–60, 61–90, 91–120 and over 120 days from the bill's date, and days in A/R. ${PARAMETERS}`,
  })
  @ApiJsonOrCsvResponse(ArAgingReportDto, 'The aging buckets and their rows')
  arAging(
    @CurrentUser() caller: Caller,
    @Query() query: ReportQueryDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.runner.answer(caller, query, this.arAgingReport, reply);
  }

  @Get('quotes')
  @ApiOperationDoc({
    summary: 'Report quotes',
    description: `Quotes issued in the range by procedure: accepted, expired, superseded, still open; the acceptance rate and the average accepted value. ${PARAMETERS}`,
  })
  @Roles('BILLING', 'COORDINATOR')
  @ApiJsonOrCsvResponse(QuotesReportDto, 'The quote figures and their rows')
  quotes(
    @CurrentUser() caller: Caller,
    @Query() query: ReportQueryDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.runner.answer(caller, query, this.quotesReport, reply);
  }

  @Get('implants')
  @ApiOperationDoc({
    summary: 'Report implants',
    description: `Units used by item and lot in the range; stock on hand and its value, lots expiring within 30/60/90 days, and open recalls with the patients still to contact (naming them is audited). ${PARAMETERS}`,
  })
  @Roles('BILLING', 'COORDINATOR')
  @ApiJsonOrCsvResponse(ImplantsReportDto, 'The implant figures and their rows')
  implants(
    @CurrentUser() caller: Caller,
    @Query() query: ReportQueryDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.runner.answer(caller, query, this.implantsReport, reply);
  }
}
