import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ZodResponse } from 'nestjs-zod';
import { CurrentUser, Roles } from '../../../common/auth/auth.decorators';
import type { Caller } from '../../../common/auth/caller';
import { ApiOperationDoc } from '../../../common/http/api-operation';
import { IdParams } from '../../../common/http/id-params.dto';
import { IfMatch } from '../../../common/http/versioning';
import {
  AppointmentDetailDto,
  AppointmentDto,
  AppointmentPageDto,
  CancelAppointmentDto,
  CompleteAppointmentDto,
  ConfirmAppointmentDto,
  CreateAppointmentDto,
  ListAppointmentsQueryDto,
  PatientAppointmentsDto,
  UpdateAppointmentDto,
} from '../dto/appointment.dto';
import { AppointmentService } from '../services/appointment.service';

/**
 * The desk books, moves and cancels (COORDINATOR, SURGEON, NURSE); the clinical staff complete
 * (SURGEON, NURSE). BILLING has no business with the calendar's patients (docs/roles.md).
 */
@ApiTags('calendar')
@ApiBearerAuth()
@Controller('appointments')
@Roles('COORDINATOR', 'SURGEON', 'NURSE')
export class AppointmentController {
  constructor(private readonly appointments: AppointmentService) {}

  @Post()
  @ApiOperationDoc({
    summary: 'Book an appointment',
    description:
      "Books a patient with a provider (an active surgeon or nurse), optionally in an exam room, from `start` to `end` (default: the type's default length). The provider and the room must be free: else 409 SCHEDULE_CONFLICT naming the surgical case or appointment in the way (never its patient). Booking outside working hours is allowed. Audited.",
    errors: ['NOT_FOUND', 'SCHEDULE_CONFLICT'],
  })
  @ZodResponse({ status: 201, type: AppointmentDto })
  book(@CurrentUser() caller: Caller, @Body() body: CreateAppointmentDto) {
    return this.appointments.book(caller, body);
  }

  @Get()
  @ApiOperationDoc({
    summary: 'List appointments',
    description:
      'Appointments overlapping [from, to), by start then id, filtered by provider, room, patient, case, status or type. PROPOSED visits (no time yet) only when filtering by patient or case. Audited as a read of each appointment. Changes nothing else.',
  })
  @ZodResponse({ status: 200, type: AppointmentPageDto })
  list(@CurrentUser() caller: Caller, @Query() query: ListAppointmentsQueryDto) {
    return this.appointments.list(caller, query);
  }

  @Get(':id')
  @ApiOperationDoc({
    summary: 'Get an appointment',
    description:
      'One appointment with its history (booked, rescheduled from and to, checked in, completed, cancelled, no-show). Audited as a read.',
  })
  @ZodResponse({ status: 200, type: AppointmentDetailDto })
  get(@CurrentUser() caller: Caller, @Param() params: IdParams) {
    return this.appointments.get(caller, params.id);
  }

  @Patch(':id')
  @ApiOperationDoc({
    summary: 'Reschedule an appointment or change its notes',
    description:
      'Moves a BOOKED appointment (start, end, provider, room; the same id, the history keeps the old and new times and the reason), or changes the notes of a BOOKED or CHECKED_IN one. The new slot must be free. Audited.',
    errors: ['NOT_FOUND', 'INVALID_STATE_TRANSITION', 'SCHEDULE_CONFLICT'],
  })
  @ZodResponse({ status: 200, type: AppointmentDto })
  update(
    @CurrentUser() caller: Caller,
    @Param() params: IdParams,
    @Body() body: UpdateAppointmentDto,
    @IfMatch() ifMatch: number | undefined,
  ) {
    return this.appointments.update(caller, params.id, body, ifMatch);
  }

  @Post(':id/confirm')
  @ApiOperationDoc({
    summary: 'Confirm a proposed appointment',
    description:
      "Books a PROPOSED visit (a post-op schedule's) at a time, with its provider or another one, optionally in an exam room. The same checks as booking. Audited.",
    errors: ['NOT_FOUND', 'INVALID_STATE_TRANSITION', 'SCHEDULE_CONFLICT'],
  })
  @HttpCode(200)
  @ZodResponse({ status: 200, type: AppointmentDto })
  confirm(
    @CurrentUser() caller: Caller,
    @Param() params: IdParams,
    @Body() body: ConfirmAppointmentDto,
    @IfMatch() ifMatch: number | undefined,
  ) {
    return this.appointments.confirm(caller, params.id, body, ifMatch);
  }

  @Post(':id/check-in')
  @ApiOperationDoc({
    summary: 'Check a patient in',
    description: 'BOOKED → CHECKED_IN: the patient has arrived. Audited.',
    errors: ['NOT_FOUND', 'INVALID_STATE_TRANSITION'],
  })
  @HttpCode(200)
  @ZodResponse({ status: 200, type: AppointmentDto })
  checkIn(
    @CurrentUser() caller: Caller,
    @Param() params: IdParams,
    @IfMatch() ifMatch: number | undefined,
  ) {
    return this.appointments.checkIn(caller, params.id, ifMatch);
  }

  @Post(':id/complete')
  @ApiOperationDoc({
    summary: 'Complete an appointment',
    description:
      'CHECKED_IN → COMPLETED. A CONSULTATION appointment with no consultation yet opens the consultation record (surgeon = the provider, who must be a surgeon: else 409 CONSULTATION_NEEDS_SURGEON) and links it. Audited.',
    errors: ['NOT_FOUND', 'INVALID_STATE_TRANSITION', 'CONSULTATION_NEEDS_SURGEON'],
  })
  @Roles('SURGEON', 'NURSE')
  @HttpCode(200)
  @ZodResponse({ status: 200, type: AppointmentDto })
  complete(
    @CurrentUser() caller: Caller,
    @Param() params: IdParams,
    @Body() body: CompleteAppointmentDto,
    @IfMatch() ifMatch: number | undefined,
  ) {
    return this.appointments.complete(caller, params.id, body, ifMatch);
  }

  @Post(':id/cancel')
  @ApiOperationDoc({
    summary: 'Cancel an appointment',
    description:
      'PROPOSED or BOOKED → CANCELLED with a reason, kept in the history; the time is freed. Audited.',
    errors: ['NOT_FOUND', 'INVALID_STATE_TRANSITION'],
  })
  @HttpCode(200)
  @ZodResponse({ status: 200, type: AppointmentDto })
  cancel(
    @CurrentUser() caller: Caller,
    @Param() params: IdParams,
    @Body() body: CancelAppointmentDto,
    @IfMatch() ifMatch: number | undefined,
  ) {
    return this.appointments.cancel(caller, params.id, body, ifMatch);
  }

  @Post(':id/no-show')
  @ApiOperationDoc({
    summary: 'Record a no-show',
    description:
      "BOOKED or CHECKED_IN → NO_SHOW, once the start has passed (409 before); counted on the patient's appointments. Audited.",
    errors: ['NOT_FOUND', 'INVALID_STATE_TRANSITION'],
  })
  @HttpCode(200)
  @ZodResponse({ status: 200, type: AppointmentDto })
  noShow(
    @CurrentUser() caller: Caller,
    @Param() params: IdParams,
    @IfMatch() ifMatch: number | undefined,
  ) {
    return this.appointments.noShow(caller, params.id, ifMatch);
  }
}

/** A patient's calendar, for the patient page. */
@ApiTags('calendar')
@ApiBearerAuth()
@Controller('patients')
@Roles('COORDINATOR', 'SURGEON', 'NURSE')
export class PatientAppointmentsController {
  constructor(private readonly appointments: AppointmentService) {}

  @Get(':id/appointments')
  @ApiOperationDoc({
    summary: "List a patient's appointments",
    description:
      "The patient's upcoming appointments (booked, checked in, proposed; from today on), the last 50 past ones (newest first) and how many were no-shows. Audited as a read.",
    errors: ['NOT_FOUND'],
  })
  @ZodResponse({ status: 200, type: PatientAppointmentsDto })
  ofPatient(@CurrentUser() caller: Caller, @Param() params: IdParams) {
    return this.appointments.ofPatient(caller, params.id);
  }
}
