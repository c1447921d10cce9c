import { Inject, Injectable } from '@nestjs/common';
import { AuditWriter } from '../../../common/audit/audit-writer';
import type { Caller } from '../../../common/auth/caller';
import { APP_CONFIG, type AppConfig } from '../../../common/config/app-config';
import { TransactionRunner } from '../../../common/database/transaction-runner';
import { NotFound } from '../../../common/errors/domain-error';
import { Mailer } from '../../../common/mail/mailer';
import type {
  AppointmentReminderResponse,
  PutReminderSettingsBody,
  ReminderSettingsResponse,
} from '../dto/reminder.dto';
import { ReminderRepository, type ReminderRow } from '../repositories/reminder.repository';
import { ReminderPlanner } from './reminder-planner';

/** The clinic's reminder settings and an appointment's reminders, as the API shows them. */
@Injectable()
export class ReminderService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly reminders: ReminderRepository,
    private readonly planner: ReminderPlanner,
    private readonly mailer: Mailer,
    private readonly audit: AuditWriter,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  getSettings(caller: Caller): Promise<ReminderSettingsResponse> {
    return this.tx.run(async (db) =>
      this.settingsResponse(await this.planner.offsetsOf(db, caller.clinicId)),
    );
  }

  /** New offsets apply to visits booked or moved from now on; planned reminders stay. */
  putSettings(caller: Caller, body: PutReminderSettingsBody): Promise<ReminderSettingsResponse> {
    const offsets = [...body.offsetsMinutes].sort((a, b) => b - a);
    return this.tx.run(async (db) => {
      await this.reminders.saveOffsets(db, caller.clinicId, offsets);
      await this.audit.record(db, caller, {
        action: 'reminder-settings.update',
        entityType: 'ReminderSettings',
        entityId: null,
        changedFields: ['offsetsMinutes'],
      });
      return this.settingsResponse(offsets);
    });
  }

  listForAppointment(
    caller: Caller,
    appointmentId: string,
  ): Promise<AppointmentReminderResponse[]> {
    return this.tx.run(async (db) => {
      if (!(await this.reminders.appointmentExists(db, caller.clinicId, appointmentId)))
        throw new NotFound('Appointment', appointmentId);
      const rows = await this.reminders.listOf(db, caller.clinicId, appointmentId);
      await this.audit.record(db, caller, {
        action: 'appointment-reminder.read',
        entityType: 'Appointment',
        entityId: appointmentId,
      });
      return rows.map(toReminderResponse);
    });
  }

  private settingsResponse(offsets: readonly number[]): ReminderSettingsResponse {
    return {
      offsetsMinutes: [...offsets],
      email: { configured: this.mailer.available },
      sms: { provider: this.config.sms.channel },
    };
  }
}

function toReminderResponse(row: ReminderRow): AppointmentReminderResponse {
  return {
    id: row.id,
    channel: row.channel,
    offsetMinutes: row.offsetMinutes,
    dueAt: row.dueAt.toISOString(),
    status: row.status,
    sentAt: row.sentAt?.toISOString() ?? null,
    attempts: row.attempts,
    lastError: row.lastError,
  };
}
