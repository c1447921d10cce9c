import { Body, Controller, Get, Param, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ZodResponse } from 'nestjs-zod';
import { CurrentUser, Roles } from '../../../common/auth/auth.decorators';
import type { Caller } from '../../../common/auth/caller';
import { ApiOperationDoc } from '../../../common/http/api-operation';
import { IfMatch } from '../../../common/http/versioning';
import {
  FeeScheduleCodeParams,
  FeeScheduleEntryDto,
  FeeScheduleEntryPageDto,
  ListFeeScheduleQueryDto,
  PutFeeScheduleEntryDto,
} from '../dto/fee-schedule.dto';
import { FeeScheduleService } from '../services/fee-schedule.service';

/** Billing (and ADMIN) set the clinic's prices; every role reads them (docs/api.md, fee schedule). */
@ApiTags('fee-schedule')
@ApiBearerAuth()
@Controller('fee-schedule')
export class FeeScheduleController {
  constructor(private readonly feeSchedule: FeeScheduleService) {}

  /** Upsert: 200 with the entry whether it was created (version 1) or replaced. */
  @Put(':cptCode')
  @ApiOperationDoc({
    summary: 'Set the fee of a CPT code',
    description:
      "Creates or replaces the clinic's fees for a CPT code (surgeon, facility, anesthesia); answers the entry, version 1 when created. Quotes issued later use it. Audited.",
  })
  @Roles('BILLING')
  @ZodResponse({ status: 200, type: FeeScheduleEntryDto })
  put(
    @CurrentUser() caller: Caller,
    @Param() params: FeeScheduleCodeParams,
    @Body() body: PutFeeScheduleEntryDto,
    @IfMatch() ifMatch: number | undefined,
  ) {
    return this.feeSchedule.putEntry(caller, params.cptCode, body, ifMatch);
  }

  @Get()
  @ApiOperationDoc({
    summary: 'List the fee schedule',
    description: "The clinic's CPT codes and fees, a page at a time. Changes nothing.",
  })
  @ZodResponse({ status: 200, type: FeeScheduleEntryPageDto })
  list(@CurrentUser() caller: Caller, @Query() query: ListFeeScheduleQueryDto) {
    return this.feeSchedule.listEntries(caller, query);
  }

  @Get(':cptCode')
  @ApiOperationDoc({
    summary: 'Get the fee of a CPT code',
    description: "The clinic's fees for one CPT code. Changes nothing.",
    errors: ['NOT_FOUND'],
  })
  @ZodResponse({ status: 200, type: FeeScheduleEntryDto })
  get(@CurrentUser() caller: Caller, @Param() params: FeeScheduleCodeParams) {
    return this.feeSchedule.getEntry(caller, params.cptCode);
  }
}
