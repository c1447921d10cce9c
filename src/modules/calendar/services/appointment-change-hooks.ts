import { Injectable } from '@nestjs/common';
import type { Actor } from '../../../common/auth/caller';
import type { Db } from '../../../common/database/database';
import type { appointments } from '../repositories/appointment.schema';

export type AppointmentRow = typeof appointments.$inferSelect;

/**
 * Runs in the transaction of every change of an appointment (booked, confirmed, rescheduled,
 * checked in, completed, cancelled, no-show), after its row is written: `appointment` is the row
 * as it is now. Throws to refuse the change.
 */
export type AfterAppointmentChange = (
  db: Db,
  actor: Actor,
  appointment: AppointmentRow,
) => Promise<void>;

/**
 * What other modules do when an appointment changes, in the same transaction: the reminder
 * module plans (or withdraws) the appointment's reminders. They register here at start-up, so
 * the calendar does not depend on them (they depend on it).
 */
@Injectable()
export class AppointmentChangeHooks {
  private readonly hooks: AfterAppointmentChange[] = [];

  register(hook: AfterAppointmentChange): void {
    this.hooks.push(hook);
  }

  async run(db: Db, actor: Actor, appointment: AppointmentRow): Promise<void> {
    for (const hook of this.hooks) await hook(db, actor, appointment);
  }
}
