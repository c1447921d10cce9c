import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import type { Actor, ClinicId } from '../../../common/auth/caller';
import { Clock } from '../../../common/clock';
import { APP_CONFIG, type AppConfig } from '../../../common/config/app-config';
import type { Db } from '../../../common/database/database';
import { JobQueue } from '../../../common/jobs/job-queue';
import { AppointmentChangeHooks, type AppointmentRow } from '../../calendar';
import { ReminderRepository } from '../repositories/reminder.repository';
import type { ReminderChannel } from '../repositories/reminder.schema';
import { DEFAULT_REMINDER_OFFSETS, planReminders } from './reminder-plan';

/** The queue reminders' jobs go through; a job's data is `ReminderJob`. */
export const REMINDER_QUEUE = 'appointment-reminder';

export interface ReminderJob {
  clinicId: string;
  reminderId: string;
}

/**
 * Plans and withdraws an appointment's reminders, in the transaction of the appointment's
 * change (AppointmentChangeHooks):
 * - BOOKED at a start with no reminders yet (a new booking, a confirmation, a reschedule):
 *   withdraws the pending ones and plans one per offset and channel, each with its job
 *   (startAfter = due time, singletonKey = the reminder's id), in the same transaction;
 * - CHECKED_IN, COMPLETED, CANCELLED, NO_SHOW: withdraws the pending ones.
 * A rolled-back change leaves neither rows nor jobs.
 */
@Injectable()
export class ReminderPlanner implements OnModuleInit {
  constructor(
    private readonly hooks: AppointmentChangeHooks,
    private readonly reminders: ReminderRepository,
    private readonly queue: JobQueue,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.hooks.register((db, actor, appointment) => this.afterChange(db, actor, appointment));
  }

  async offsetsOf(db: Db, clinicId: ClinicId): Promise<readonly number[]> {
    return (await this.reminders.offsetsOf(db, clinicId)) ?? DEFAULT_REMINDER_OFFSETS;
  }

  private async afterChange(db: Db, actor: Actor, appointment: AppointmentRow): Promise<void> {
    const clinicId = actor.clinicId;
    if (appointment.status === 'BOOKED' && appointment.startsAt) {
      const start = appointment.startsAt;
      if (await this.reminders.plannedFor(db, clinicId, appointment.id, start)) return;
      await this.reminders.cancelPending(db, clinicId, appointment.id, 'appointment moved');
      const planned = planReminders({
        start,
        now: this.clock.now(),
        offsetsMinutes: await this.offsetsOf(db, clinicId),
        channels: this.channels(),
      });
      const rows = await this.reminders.insert(db, clinicId, appointment.id, start, planned);
      for (const row of rows.filter((r) => r.status === 'PENDING')) {
        await this.queue.send<ReminderJob>(
          db,
          REMINDER_QUEUE,
          { clinicId, reminderId: row.id },
          { startAfter: row.dueAt, singletonKey: row.id },
        );
      }
      return;
    }
    if (appointment.status !== 'PROPOSED') {
      await this.reminders.cancelPending(
        db,
        clinicId,
        appointment.id,
        `appointment ${appointment.status.toLowerCase().replace('_', '-')}`,
      );
    }
  }

  private channels(): ReminderChannel[] {
    return this.config.sms.channel === 'off' ? ['EMAIL'] : ['EMAIL', 'SMS'];
  }
}
