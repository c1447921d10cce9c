import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ZodResponse } from 'nestjs-zod';
import { CurrentUser, Roles } from '../../../common/auth/auth.decorators';
import type { Caller } from '../../../common/auth/caller';
import { ApiOperationDoc } from '../../../common/http/api-operation';
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

/** Scheduling: COORDINATOR, SURGEON; the day of surgery: SURGEON, NURSE (docs/design.md §8). */
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
  @ApiOperationDoc({
    summary: 'Schedule a surgical case',
    description:
      "Books a room and surgeon for a ready plan (every readiness check met, else 409 SCHEDULING_BLOCKED) in a free slot (else 409 SCHEDULE_CONFLICT naming the case in the way). The case copies the plan's procedure and codes; the plan becomes SCHEDULED. Audited.",
    errors: ['NOT_FOUND', 'SCHEDULING_BLOCKED', 'SCHEDULE_CONFLICT', 'DUPLICATE'],
  })
  @ZodResponse({ status: 201, type: SurgicalCaseDto })
  schedule(@CurrentUser() caller: Caller, @Body() body: CreateSurgicalCaseDto) {
    return this.cases.scheduleCase(caller, body);
  }

  /** The theater schedule: cases overlapping [from, to), in time order. */
  @Get()
  @ApiOperationDoc({
    summary: 'List the theater schedule',
    description:
      'Cases overlapping a time window, in time order, optionally in one room. Changes nothing.',
  })
  @Roles('COORDINATOR', 'SURGEON', 'NURSE', 'BILLING')
  @ZodResponse({ status: 200, type: SurgicalCasePageDto })
  list(@CurrentUser() caller: Caller, @Query() query: ListSurgicalCasesQueryDto) {
    return this.cases.listCases(caller, query);
  }

  @Get(':id')
  @ApiOperationDoc({
    summary: 'Get a surgical case',
    description: 'One case with its plan, room, surgeon, times and status. Changes nothing.',
  })
  @Roles('COORDINATOR', 'SURGEON', 'NURSE', 'BILLING')
  @ZodResponse({ status: 200, type: SurgicalCaseDto })
  get(@CurrentUser() caller: Caller, @Param() params: IdParams) {
    return this.cases.getCase(caller, params.id);
  }

  @Patch(':id')
  @ApiOperationDoc({
    summary: 'Move a surgical case',
    description:
      'Changes the room or times of a SCHEDULED case (procedure fields are rejected); the date-bound readiness checks and the slot are checked again. Audited.',
    errors: ['INVALID_STATE_TRANSITION', 'SCHEDULING_BLOCKED', 'SCHEDULE_CONFLICT'],
  })
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
  @ApiOperationDoc({
    summary: 'Cancel a surgical case',
    description: 'Cancels a SCHEDULED case with a reason; its plan goes back to APPROVED. Audited.',
    errors: ['INVALID_STATE_TRANSITION'],
  })
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
  @ApiOperationDoc({
    summary: 'Start a surgical case',
    description:
      "Marks a SCHEDULED case IN_PROGRESS. On another day than the booked one (the clinic's local day) it takes a `reason` (else 409 START_OUTSIDE_BOOKED_DAY), kept in the audit event. Audited.",
    errors: ['INVALID_STATE_TRANSITION', 'START_OUTSIDE_BOOKED_DAY'],
  })
  @Roles('SURGEON', 'NURSE')
  @HttpCode(200)
  @ZodResponse({ status: 200, type: SurgicalCaseDto })
  start(
    @CurrentUser() caller: Caller,
    @Param() params: IdParams,
    @Body() body: StartSurgicalCaseDto,
    @IfMatch() ifMatch: number | undefined,
  ) {
    return this.execution.startCase(caller, params.id, body, ifMatch);
  }

  /** 201: usage records are created; the body lists them. */
  @Post(':id/inventory-usage')
  @ApiOperationDoc({
    summary: 'Record inventory used in a case',
    description:
      "Records implants and supplies used in an IN_PROGRESS case, by serial number or batch: reserved units are consumed first, else free matching stock. Answers the case's usage. Audited.",
    errors: ['INVALID_STATE_TRANSITION', 'INSUFFICIENT_INVENTORY'],
  })
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
  @ApiOperationDoc({
    summary: 'Complete a surgical case',
    description:
      "Completes an IN_PROGRESS case: what is still reserved is consumed, the bill is created from the case's codes and usage, and the plan becomes COMPLETED. A code with no price is a 400. Audited.",
    errors: ['INVALID_STATE_TRANSITION', 'INSUFFICIENT_INVENTORY', 'DUPLICATE'],
  })
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
