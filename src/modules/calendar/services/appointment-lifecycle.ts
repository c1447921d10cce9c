import { Injectable } from '@nestjs/common';
import { AuditWriter } from '../../../common/audit/audit-writer';
import type { ClinicId } from '../../../common/auth/caller';
import type { Db } from '../../../common/database/database';
import { TransitionTable } from '../../../common/state-machine';
import { StatusLifecycle } from '../../../common/status-lifecycle';
import {
  AppointmentRepository,
  type AppointmentChanges,
  type AppointmentRow,
} from '../repositories/appointment.repository';
import { APPOINTMENT_STATUSES, type AppointmentStatus } from '../repositories/appointment.schema';

export const APPOINTMENT_EVENTS = [
  'confirm',
  'reschedule',
  'update',
  'check-in',
  'complete',
  'cancel',
  'no-show',
] as const;
export type AppointmentEvent = (typeof APPOINTMENT_EVENTS)[number];

/** What the guards read: whether the appointment's start has passed. */
export interface AppointmentFacts {
  started: boolean;
}

/**
 * An appointment's state machine (docs/calendar.md "Appointments"), the only place its status
 * changes. A booking is created BOOKED; a post-op schedule's visit PROPOSED.
 */
export const APPOINTMENT_TRANSITIONS = new TransitionTable<
  AppointmentStatus,
  AppointmentEvent,
  AppointmentFacts
>(APPOINTMENT_STATUSES, APPOINTMENT_EVENTS, [
  { from: 'PROPOSED', event: 'confirm', to: 'BOOKED' },
  { from: 'BOOKED', event: 'reschedule', to: 'BOOKED' },
  { from: 'BOOKED', event: 'update', to: 'BOOKED' },
  { from: 'CHECKED_IN', event: 'update', to: 'CHECKED_IN' },
  { from: 'BOOKED', event: 'check-in', to: 'CHECKED_IN' },
  { from: 'CHECKED_IN', event: 'complete', to: 'COMPLETED' },
  { from: 'PROPOSED', event: 'cancel', to: 'CANCELLED' },
  { from: 'BOOKED', event: 'cancel', to: 'CANCELLED' },
  {
    from: 'BOOKED',
    event: 'no-show',
    to: 'NO_SHOW',
    guard: (f) => f.started,
    refusal: 'the appointment has not started yet',
  },
  {
    from: 'CHECKED_IN',
    event: 'no-show',
    to: 'NO_SHOW',
    guard: (f) => f.started,
    refusal: 'the appointment has not started yet',
  },
]);

/**
 * Fires an appointment's events: checks the table, writes the status with the event's other
 * fields (a new version) and the `appointment.<event>` audit event, in the caller's transaction.
 */
@Injectable()
export class AppointmentLifecycle extends StatusLifecycle<
  AppointmentStatus,
  AppointmentEvent,
  AppointmentRow,
  Omit<AppointmentChanges, 'status'>,
  AppointmentFacts
> {
  protected readonly table = APPOINTMENT_TRANSITIONS;
  protected readonly entityType = 'Appointment';
  protected readonly action = 'appointment';

  constructor(
    private readonly appointments: AppointmentRepository,
    audit: AuditWriter,
  ) {
    super(audit);
  }

  protected write(
    db: Db,
    clinicId: ClinicId,
    id: string,
    status: AppointmentStatus,
    changes: Omit<AppointmentChanges, 'status'> | undefined,
  ): Promise<AppointmentRow> {
    return this.appointments.update(db, clinicId, id, { ...changes, status });
  }
}
