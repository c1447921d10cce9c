import { Module } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../common/config/app-config';
import { CalendarModule } from '../calendar';
import {
  AppointmentReminderController,
  ReminderSettingsController,
} from './controllers/reminder.controller';
import { ReminderRepository } from './repositories/reminder.repository';
import { ReminderPlanner } from './services/reminder-planner';
import { ReminderSender } from './services/reminder-sender';
import { ReminderService } from './services/reminder.service';
import { LoggingSmsChannel, SMS_CHANNEL } from './services/sms-channel';

/**
 * Appointment reminders (docs/calendar.md "Reminders"): planned in the transaction of every
 * booking change, sent by the job queue's workers by email (with an .ics) and SMS.
 */
@Module({
  imports: [CalendarModule],
  controllers: [ReminderSettingsController, AppointmentReminderController],
  providers: [
    ReminderRepository,
    ReminderPlanner,
    ReminderSender,
    ReminderService,
    LoggingSmsChannel,
    {
      provide: SMS_CHANNEL,
      inject: [APP_CONFIG, LoggingSmsChannel],
      useFactory: (config: AppConfig, log: LoggingSmsChannel) =>
        config.sms.channel === 'log' ? log : null,
    },
  ],
})
export class ReminderModule {}
