import { Body, Controller, Get, Param, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ZodResponse } from 'nestjs-zod';
import { CurrentUser, Roles } from '../../../common/auth/auth.decorators';
import type { Caller } from '../../../common/auth/caller';
import { ApiOperationDoc } from '../../../common/http/api-operation';
import {
  AppointmentTypeDto,
  AppointmentTypeListDto,
  AppointmentTypeParamsDto,
  FreeSlotsDto,
  AvailabilityQueryDto,
  PutAppointmentTypeDto,
} from '../dto/calendar-hours.dto';
import { AppointmentTypeService } from '../services/appointment-type.service';
import { AvailabilityService } from '../services/availability.service';

/** Free slots, for those who book (docs/roles.md). */
@ApiTags('calendar')
@ApiBearerAuth()
@Controller('availability')
@Roles('ADMIN')
export class AvailabilityController {
  constructor(private readonly availability: AvailabilityService) {}

  @Get()
  @ApiOperationDoc({
    summary: 'Find free slots',
    description:
      "Slots of the type's default length, on the clinic-local quarter hour, inside the providers' working hours (and the room's), off holidays, leave and closures, clear of every case and appointment, from now on, for the clinic-local days from–to (at most 31). Without providerId: every active surgeon and nurse with working hours. Changes nothing.",
  })
  @Roles('SURGEON', 'NURSE', 'COORDINATOR')
  @ZodResponse({ status: 200, type: FreeSlotsDto })
  find(@CurrentUser() caller: Caller, @Query() query: AvailabilityQueryDto) {
    return this.availability.find(caller, query);
  }
}

/** Appointment types: ADMIN sets their length and what to bring; everyone reads them. */
@ApiTags('calendar')
@ApiBearerAuth()
@Controller('appointment-types')
@Roles('ADMIN')
export class AppointmentTypeController {
  constructor(private readonly types: AppointmentTypeService) {}

  @Get()
  @ApiOperationDoc({
    summary: 'List appointment types',
    description:
      "Each type's default length and what the patient should bring: the clinic's own, else the defaults. Changes nothing.",
  })
  @Roles('SURGEON', 'NURSE', 'COORDINATOR', 'BILLING')
  @ZodResponse({ status: 200, type: AppointmentTypeListDto })
  list(@CurrentUser() caller: Caller) {
    return this.types.list(caller);
  }

  @Put(':type')
  @ApiOperationDoc({
    summary: 'Set an appointment type',
    description:
      "Sets a type's default length (5–480 minutes: the slots /availability offers, a booking's end when none is given) and what to bring (left out: kept; null: none). Audited.",
  })
  @ZodResponse({ status: 200, type: AppointmentTypeDto })
  put(
    @CurrentUser() caller: Caller,
    @Param() params: AppointmentTypeParamsDto,
    @Body() body: PutAppointmentTypeDto,
  ) {
    return this.types.put(caller, params.type, body);
  }
}
