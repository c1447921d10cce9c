import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import type { Logger } from 'pino';
import { AuditWriter } from '../../../common/audit/audit-writer';
import type { ClinicId } from '../../../common/auth/caller';
import { TransactionRunner } from '../../../common/database/transaction-runner';
import { JobQueue } from '../../../common/jobs/job-queue';
import { LOGGER } from '../../../common/logging/logger.token';
import { safeError } from '../../../common/logging/safe-error';
import { Mailer } from '../../../common/mail/mailer';
import { AppointmentTypes } from '../../calendar';
import {
  ReminderRepository,
  type ReminderContext,
  type ReminderRow,
} from '../repositories/reminder.repository';
import { reminderEmail, localDateTime } from './reminder-message';
import { REMINDER_QUEUE, type ReminderJob } from './reminder-planner';
import { SMS_CHANNEL, type SmsChannel } from './sms-channel';

/**
 * Retries before a reminder the channel keeps refusing is FAILED: 5 s, then doubling (pg-boss's
 * backoff), about 20 minutes in all. A job lost with its process is retried the same way.
 */
const RETRY_LIMIT = 8;
const RETRY_DELAY_SECONDS = 5;

type Outcome =
  { status: 'SENT' } | { status: 'SKIPPED' | 'CANCELLED'; reason: string } | { retry: string };

/**
 * Works the reminder queue's jobs (docs/calendar.md "Reminders", the once-only argument):
 * 1. claims the reminder (PENDING or a dead worker's SENDING → SENDING) and commits;
 * 2. re-reads the appointment: still BOOKED at the start the reminder announces, else CANCELLED;
 * 3. sends it (email with its .ics, or SMS);
 * 4. marks it SENT.
 * A crash between 1 and 4 leaves SENDING; the job runs again after its expiry and sends again:
 * the only duplicate is a crash after the mail server accepted and before step 4 committed.
 */
@Injectable()
export class ReminderSender implements OnModuleInit {
  constructor(
    private readonly queue: JobQueue,
    private readonly tx: TransactionRunner,
    private readonly reminders: ReminderRepository,
    private readonly types: AppointmentTypes,
    private readonly mailer: Mailer,
    private readonly audit: AuditWriter,
    @Inject(SMS_CHANNEL) private readonly sms: SmsChannel | null,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  onModuleInit(): void {
    this.queue.define<ReminderJob>(REMINDER_QUEUE, (job) => this.send(job), {
      retryLimit: RETRY_LIMIT,
      retryDelaySeconds: RETRY_DELAY_SECONDS,
    });
  }

  async send(job: ReminderJob): Promise<void> {
    const clinicId = job.clinicId as ClinicId;
    const reminder = await this.tx.run((db) => this.reminders.claim(db, clinicId, job.reminderId));
    if (!reminder) {
      this.logger.debug({ reminderId: job.reminderId }, 'reminder not pending: nothing to send');
      return; // sent, cancelled or skipped already
    }
    const context = await this.tx.run((db) =>
      this.reminders.contextOf(db, clinicId, reminder.appointmentId),
    );
    let outcome: Outcome;
    try {
      outcome = await this.deliver(clinicId, reminder, context);
    } catch (error) {
      this.logger.warn({ reminderId: reminder.id, err: safeError(error) }, 'reminder not sent');
      outcome = { retry: 'the channel refused it' };
    }
    this.logger.debug(
      { reminderId: reminder.id, outcome: 'retry' in outcome ? 'RETRY' : outcome.status },
      'reminder worked',
    );
    await this.tx.run(async (db) => {
      if ('retry' in outcome) {
        const last = reminder.attempts > RETRY_LIMIT;
        await this.reminders.finish(
          db,
          clinicId,
          reminder.id,
          last ? 'FAILED' : 'PENDING',
          outcome.retry,
        );
        return;
      }
      await this.reminders.finish(
        db,
        clinicId,
        reminder.id,
        outcome.status,
        outcome.status === 'SENT' ? null : outcome.reason,
      );
      if (outcome.status === 'SENT') {
        await this.audit.record(
          db,
          { clinicId, userId: null, requestId: null },
          {
            action: 'appointment-reminder.send',
            entityType: 'Appointment',
            entityId: reminder.appointmentId,
            metadata: { reminderId: reminder.id, channel: reminder.channel },
          },
        );
      }
    });
    // A refusal fails the job: pg-boss runs it again after its retry delay.
    if ('retry' in outcome && reminder.attempts <= RETRY_LIMIT) throw new Error(outcome.retry);
  }

  private async deliver(
    clinicId: ClinicId,
    reminder: ReminderRow,
    context: ReminderContext | undefined,
  ): Promise<Outcome> {
    const appointment = context?.appointment;
    if (
      !context ||
      !appointment?.startsAt ||
      !appointment.endsAt ||
      appointment.status !== 'BOOKED' ||
      appointment.startsAt.getTime() !== reminder.appointmentStart.getTime()
    ) {
      return { status: 'CANCELLED', reason: 'appointment changed' };
    }
    if (reminder.channel === 'SMS') {
      if (!this.sms) return { status: 'SKIPPED', reason: 'SMS not configured' };
      if (!context.patient.phone) return { status: 'SKIPPED', reason: 'patient has no phone' };
      await this.sms.send({
        to: context.patient.phone,
        reminderId: reminder.id,
        text: `Reminder: your appointment at ${context.clinic.name} on ${localDateTime(appointment.startsAt, context.clinic.timeZone)}.`,
      });
      return { status: 'SENT' };
    }
    if (!context.patient.email) return { status: 'SKIPPED', reason: 'patient has no email' };
    if (!this.mailer.available) return { status: 'SKIPPED', reason: 'mail not configured' };
    const type = await this.tx.run((db) => this.types.of(db, clinicId, appointment.type));
    const mail = reminderEmail({
      appointmentId: appointment.id,
      sequence: appointment.version,
      start: appointment.startsAt,
      end: appointment.endsAt,
      timeZone: context.clinic.timeZone,
      clinic: context.clinic,
      providerName: context.providerName,
      patientFirstName: context.patient.firstName,
      whatToBring: type.whatToBring,
    });
    await this.mailer.send({
      to: context.patient.email,
      subject: mail.subject,
      text: mail.text,
      attachments: [
        {
          filename: 'appointment.ics',
          content: mail.ics,
          contentType: 'text/calendar; charset=utf-8',
        },
      ],
    });
    return { status: 'SENT' };
  }
}
