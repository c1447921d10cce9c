import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ZodResponse } from 'nestjs-zod';
import { CurrentUser, Roles } from '../../../common/auth/auth.decorators';
import type { Caller } from '../../../common/auth/caller';
import { IdParams } from '../../../common/http/id-params.dto';
import { IfMatch } from '../../../common/http/versioning';
import {
  CancelSurgicalCaseDto,
  CaseUsageDto,
  CompleteSurgicalCaseDto,
  CreateSurgicalCaseDto,
  ListSurgicalCasesQueryDto,
  RecordUsageDto,
  StartSurgicalCaseDto,
  SurgicalCaseDto,
  SurgicalCasePageDto,
  UpdateSurgicalCaseDto,
} from '../dto/surgical-case.dto';
import { CaseExecutionService } from '../services/case-execution.service';
import { SurgicalCaseService } from '../services/surgical-case.service';

/** Scheduling: COORDINATOR, SURGEON; the day of surgery: SURGEON, NURSE (DESIGN.md §8). */
@ApiTags('theater')
@ApiBearerAuth()
@Controller('surgical-cases')
@Roles('COORDINATOR', 'SURGEON')
export class SurgicalCaseController {
  constructor(
    private readonly cases: SurgicalCaseService,
    private readonly execution: CaseExecutionService,
  ) {}

  @Post()
  @ZodResponse({ status: 201, type: SurgicalCaseDto })
  schedule(@CurrentUser() caller: Caller, @Body() body: CreateSurgicalCaseDto) {
    return this.cases.scheduleCase(caller, body);
  }

  /** The theater schedule: cases overlapping [from, to), in time order. */
  @Get()
  @Roles('COORDINATOR', 'SURGEON', 'NURSE', 'BILLING')
  @ZodResponse({ status: 200, type: SurgicalCasePageDto })
  list(@CurrentUser() caller: Caller, @Query() query: ListSurgicalCasesQueryDto) {
    return this.cases.listCases(caller, query);
  }

  @Get(':id')
  @Roles('COORDINATOR', 'SURGEON', 'NURSE', 'BILLING')
  @ZodResponse({ status: 200, type: SurgicalCaseDto })
  get(@CurrentUser() caller: Caller, @Param() params: IdParams) {
    return this.cases.getCase(caller, params.id);
  }

  @Patch(':id')
  @ZodResponse({ status: 200, type: SurgicalCaseDto })
  move(
    @CurrentUser() caller: Caller,
    @Param() params: IdParams,
    @Body() body: UpdateSurgicalCaseDto,
    @IfMatch() ifMatch: number | undefined,
  ) {
    return this.cases.moveCase(caller, params.id, body, ifMatch);
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @ZodResponse({ status: 200, type: SurgicalCaseDto })
  cancel(
    @CurrentUser() caller: Caller,
    @Param() params: IdParams,
    @Body() body: CancelSurgicalCaseDto,
    @IfMatch() ifMatch: number | undefined,
  ) {
    return this.cases.cancelCase(caller, params.id, body, ifMatch);
  }

  @Post(':id/start')
  @Roles('SURGEON', 'NURSE')
  @HttpCode(200)
  @ZodResponse({ status: 200, type: SurgicalCaseDto })
  start(
    @CurrentUser() caller: Caller,
    @Param() params: IdParams,
    @Body() _body: StartSurgicalCaseDto,
    @IfMatch() ifMatch: number | undefined,
  ) {
    return this.execution.startCase(caller, params.id, ifMatch);
  }

  /** 201: usage records are created; the body lists them. */
  @Post(':id/inventory-usage')
  @Roles('SURGEON', 'NURSE')
  @ZodResponse({ status: 201, type: CaseUsageDto })
  recordUsage(
    @CurrentUser() caller: Caller,
    @Param() params: IdParams,
    @Body() body: RecordUsageDto,
    @IfMatch() ifMatch: number | undefined,
  ) {
    return this.execution.recordUsage(caller, params.id, body, ifMatch);
  }

  @Post(':id/complete')
  @Roles('SURGEON', 'NURSE')
  @HttpCode(200)
  @ZodResponse({ status: 200, type: SurgicalCaseDto })
  complete(
    @CurrentUser() caller: Caller,
    @Param() params: IdParams,
    @Body() body: CompleteSurgicalCaseDto,
    @IfMatch() ifMatch: number | undefined,
  ) {
    return this.execution.completeCase(caller, params.id, body, ifMatch);
  }
}
