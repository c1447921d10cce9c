import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ZodResponse } from 'nestjs-zod';
import { CurrentUser, Roles } from '../../../common/auth/auth.decorators';
import type { Caller } from '../../../common/auth/caller';
import { ApiOperationDoc } from '../../../common/http/api-operation';
import { IdParams } from '../../../common/http/id-params.dto';
import {
  AppointmentReminderDto,
  PutReminderSettingsDto,
  ReminderSettingsDto,
} from '../dto/reminder.dto';
import { ReminderService } from '../services/reminder.service';

/** The clinic's reminder offsets (docs/calendar.md "Reminders"): ADMIN's to set. */
@ApiTags('reminders')
@ApiBearerAuth()
@Controller('reminder-settings')
export class ReminderSettingsController {
  constructor(private readonly reminders: ReminderService) {}

  @Get()
  @ApiOperationDoc({
    summary: 'Get the reminder settings',
    description:
      'The offsets before a visit at which reminders go (default 48 h and 2 h), whether email is configured on this server, and the SMS channel. Changes nothing.',
  })
  @Roles('ADMIN', 'SURGEON', 'NURSE', 'COORDINATOR')
  @ZodResponse({ status: 200, type: ReminderSettingsDto })
  get(@CurrentUser() caller: Caller) {
    return this.reminders.getSettings(caller);
  }

  @Put()
  @ApiOperationDoc({
    summary: 'Set the reminder offsets',
    description:
      'Replaces the offsets (1 to 5 distinct values, 15 minutes to 14 days). Applies to visits booked or moved from now on; reminders already planned stay. Audited.',
  })
  @Roles('ADMIN')
  @ZodResponse({ status: 200, type: ReminderSettingsDto })
  put(@CurrentUser() caller: Caller, @Body() body: PutReminderSettingsDto) {
    return this.reminders.putSettings(caller, body);
  }
}

/** An appointment's reminders: what went, when, and why one did not. */
@ApiTags('reminders')
@ApiBearerAuth()
@Controller('appointments')
export class AppointmentReminderController {
  constructor(private readonly reminders: ReminderService) {}

  @Get(':id/reminders')
  @ApiOperationDoc({
    summary: "List an appointment's reminders",
    description:
      'Every reminder planned for the appointment, by due time: channel, offset, status (PENDING, SENDING, SENT, CANCELLED, SKIPPED, FAILED), attempts and why it was skipped or failed. Audited as a read.',
  })
  @Roles('COORDINATOR', 'SURGEON', 'NURSE', 'ADMIN')
  @ZodResponse({ status: 200, type: [AppointmentReminderDto] })
  list(@CurrentUser() caller: Caller, @Param() params: IdParams) {
    return this.reminders.listForAppointment(caller, params.id);
  }
}
