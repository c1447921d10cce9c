import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ZodResponse } from 'nestjs-zod';
import { CurrentUser, Roles } from '../../../common/auth/auth.decorators';
import type { Caller } from '../../../common/auth/caller';
import { ApiOperationDoc } from '../../../common/http/api-operation';
import { IdParams } from '../../../common/http/id-params.dto';
import {
  CreatedScheduleExceptionDto,
  CreateScheduleExceptionDto,
  ListScheduleExceptionsQueryDto,
  ListWorkingHoursQueryDto,
  PutWorkingHoursDto,
  ResourceIdParamsDto,
  ScheduleExceptionListDto,
  WorkingHoursDto,
  WorkingHoursListDto,
} from '../dto/calendar-hours.dto';
import { WorkingHoursService } from '../services/working-hours.service';

/** Weekly patterns: ADMIN sets them, everyone reads them (docs/roles.md). */
@ApiTags('calendar')
@ApiBearerAuth()
@Controller('working-hours')
@Roles('ADMIN')
export class WorkingHoursController {
  constructor(private readonly hours: WorkingHoursService) {}

  @Get()
  @ApiOperationDoc({
    summary: 'List working hours',
    description:
      "Each provider's and exam room's weekly pattern (ISO weekdays, wall-clock HH:MM in the clinic's zone), or one resource's with `resourceId`. Changes nothing.",
  })
  @Roles('SURGEON', 'NURSE', 'COORDINATOR', 'BILLING')
  @ZodResponse({ status: 200, type: WorkingHoursListDto })
  list(@CurrentUser() caller: Caller, @Query() query: ListWorkingHoursQueryDto) {
    return this.hours.listHours(caller, query);
  }

  @Put(':resourceId')
  @ApiOperationDoc({
    summary: "Replace a provider's or exam room's week",
    description:
      "Replaces the weekly pattern of an active surgeon or nurse (PROVIDER) or an exam room (ROOM); `[]` clears it. Intervals of one weekday must not overlap. An operating room's hours are its opensAt–closesAt. Audited.",
  })
  @ZodResponse({ status: 200, type: WorkingHoursDto })
  put(
    @CurrentUser() caller: Caller,
    @Param() params: ResourceIdParamsDto,
    @Body() body: PutWorkingHoursDto,
  ) {
    return this.hours.putHours(caller, params.resourceId, body);
  }
}

/** Time off: ADMIN and COORDINATOR record it, everyone reads it. */
@ApiTags('calendar')
@ApiBearerAuth()
@Controller('schedule-exceptions')
@Roles('ADMIN')
export class ScheduleExceptionController {
  constructor(private readonly hours: WorkingHoursService) {}

  @Get()
  @ApiOperationDoc({
    summary: 'List time off',
    description:
      "Holidays, leave and rooms closed meeting the days from–to (at most 366); with `resourceId`, the holidays and that resource's own. Changes nothing.",
  })
  @Roles('SURGEON', 'NURSE', 'COORDINATOR', 'BILLING')
  @ZodResponse({ status: 200, type: ScheduleExceptionListDto })
  list(@CurrentUser() caller: Caller, @Query() query: ListScheduleExceptionsQueryDto) {
    return this.hours.listExceptions(caller, query);
  }

  @Post()
  @ApiOperationDoc({
    summary: 'Record time off',
    description:
      "A clinic HOLIDAY, a provider's LEAVE or an exam room CLOSED, whole days or part of each day. Answers `clashes`: the cases and appointments already booked in it, which are not moved (staff must move them). Audited.",
  })
  @Roles('COORDINATOR')
  @ZodResponse({ status: 201, type: CreatedScheduleExceptionDto })
  create(@CurrentUser() caller: Caller, @Body() body: CreateScheduleExceptionDto) {
    return this.hours.createException(caller, body);
  }

  @Delete(':id')
  @ApiOperationDoc({
    summary: 'Remove time off',
    description: 'Deletes a holiday, leave or closure; its hours are free again. Audited.',
  })
  @Roles('COORDINATOR')
  @HttpCode(204)
  async remove(@CurrentUser() caller: Caller, @Param() params: IdParams): Promise<void> {
    await this.hours.deleteException(caller, params.id);
  }
}
