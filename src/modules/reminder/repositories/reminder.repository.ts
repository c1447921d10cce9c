import { Injectable } from '@nestjs/common';
import { and, asc, eq, inArray, ne, sql } from 'drizzle-orm';
import type { ClinicId } from '../../../common/auth/caller';
import type { Db } from '../../../common/database/database';
import { newId } from '../../../common/ids';
import type { PostalAddress } from '../../../common/postal-address';
import { appointments } from '../../calendar/repositories/appointment.schema';
import { clinics } from '../../clinic/repositories/clinic.schema';
import { patients } from '../../patient/repositories/patient.schema';
import { users } from '../../user/repositories/user.schema';
import type { PlannedReminder } from '../services/reminder-plan';
import { appointmentReminders, reminderSettings, type ReminderStatus } from './reminder.schema';

export type ReminderRow = typeof appointmentReminders.$inferSelect;

/** What a reminder is sent with, read when it is sent. */
export interface ReminderContext {
  appointment: {
    id: string;
    type: (typeof appointments.$inferSelect)['type'];
    status: (typeof appointments.$inferSelect)['status'];
    startsAt: Date | null;
    endsAt: Date | null;
    version: number;
  };
  patient: { firstName: string; email: string | null; phone: string | null };
  clinic: { name: string; address: PostalAddress | null; phone: string | null; timeZone: string };
  providerName: string;
}

@Injectable()
export class ReminderRepository {
  async offsetsOf(db: Db, clinicId: ClinicId): Promise<number[] | undefined> {
    const [row] = await db
      .select({ offsets: reminderSettings.offsetsMinutes })
      .from(reminderSettings)
      .where(eq(reminderSettings.clinicId, clinicId));
    return row?.offsets;
  }

  async saveOffsets(db: Db, clinicId: ClinicId, offsets: readonly number[]): Promise<void> {
    await db
      .insert(reminderSettings)
      .values({ clinicId, offsetsMinutes: [...offsets] })
      .onConflictDoUpdate({
        target: reminderSettings.clinicId,
        set: {
          offsetsMinutes: [...offsets],
          version: sql`${reminderSettings.version} + 1`,
          updatedAt: sql`now()`,
        },
      });
  }

  listOf(db: Db, clinicId: ClinicId, appointmentId: string): Promise<ReminderRow[]> {
    return db
      .select()
      .from(appointmentReminders)
      .where(
        and(
          eq(appointmentReminders.clinicId, clinicId),
          eq(appointmentReminders.appointmentId, appointmentId),
        ),
      )
      .orderBy(asc(appointmentReminders.dueAt), asc(appointmentReminders.channel));
  }

  /** Whether reminders were planned for this start (a later write of the visit changed no time). */
  async plannedFor(
    db: Db,
    clinicId: ClinicId,
    appointmentId: string,
    start: Date,
  ): Promise<boolean> {
    const rows = await db
      .select({ id: appointmentReminders.id })
      .from(appointmentReminders)
      .where(
        and(
          eq(appointmentReminders.clinicId, clinicId),
          eq(appointmentReminders.appointmentId, appointmentId),
          eq(appointmentReminders.appointmentStart, start),
          ne(appointmentReminders.status, 'CANCELLED'),
        ),
      )
      .limit(1);
    return rows.length > 0;
  }

  async insert(
    db: Db,
    clinicId: ClinicId,
    appointmentId: string,
    appointmentStart: Date,
    planned: readonly PlannedReminder[],
  ): Promise<ReminderRow[]> {
    if (planned.length === 0) return [];
    return db
      .insert(appointmentReminders)
      .values(
        planned.map((p) => ({
          clinicId,
          id: newId(),
          appointmentId,
          appointmentStart,
          channel: p.channel,
          offsetMinutes: p.offsetMinutes,
          dueAt: p.dueAt,
          status: p.status,
          lastError: p.lastError,
        })),
      )
      .returning();
  }

  /** Withdraws the appointment's reminders not yet claimed by a worker. */
  async cancelPending(
    db: Db,
    clinicId: ClinicId,
    appointmentId: string,
    reason: string,
  ): Promise<number> {
    const rows = await db
      .update(appointmentReminders)
      .set({ status: 'CANCELLED', lastError: reason, updatedAt: sql`now()` })
      .where(
        and(
          eq(appointmentReminders.clinicId, clinicId),
          eq(appointmentReminders.appointmentId, appointmentId),
          eq(appointmentReminders.status, 'PENDING'),
        ),
      )
      .returning({ id: appointmentReminders.id });
    return rows.length;
  }

  /**
   * A worker takes the reminder: PENDING, or SENDING left by a worker that died mid-send (the
   * job runs again only after its expiry), becomes SENDING. Conditional, so a SENT, CANCELLED or
   * SKIPPED one is never taken.
   */
  async claim(db: Db, clinicId: ClinicId, id: string): Promise<ReminderRow | undefined> {
    const [row] = await db
      .update(appointmentReminders)
      .set({
        status: 'SENDING',
        attempts: sql`${appointmentReminders.attempts} + 1`,
        updatedAt: sql`now()`,
      })
      .where(
        and(
          eq(appointmentReminders.clinicId, clinicId),
          eq(appointmentReminders.id, id),
          inArray(appointmentReminders.status, ['PENDING', 'SENDING']),
        ),
      )
      .returning();
    return row;
  }

  /** Ends a claim: SENT (with its time), or SKIPPED, CANCELLED, FAILED, or PENDING to retry. */
  async finish(
    db: Db,
    clinicId: ClinicId,
    id: string,
    status: Exclude<ReminderStatus, 'SENDING'>,
    lastError: string | null,
  ): Promise<void> {
    await db
      .update(appointmentReminders)
      .set({
        status,
        lastError,
        sentAt: status === 'SENT' ? sql`now()` : null,
        updatedAt: sql`now()`,
      })
      .where(
        and(
          eq(appointmentReminders.clinicId, clinicId),
          eq(appointmentReminders.id, id),
          eq(appointmentReminders.status, 'SENDING'),
        ),
      );
  }

  async contextOf(
    db: Db,
    clinicId: ClinicId,
    appointmentId: string,
  ): Promise<ReminderContext | undefined> {
    const [row] = await db
      .select({
        id: appointments.id,
        type: appointments.type,
        status: appointments.status,
        startsAt: appointments.startsAt,
        endsAt: appointments.endsAt,
        version: appointments.version,
        firstName: patients.firstName,
        email: patients.email,
        phone: patients.phone,
        clinicName: clinics.name,
        clinicAddress: clinics.address,
        clinicPhone: clinics.phone,
        timeZone: clinics.timeZone,
        providerName: users.name,
      })
      .from(appointments)
      .innerJoin(
        patients,
        and(eq(patients.clinicId, appointments.clinicId), eq(patients.id, appointments.patientId)),
      )
      .innerJoin(clinics, eq(clinics.id, appointments.clinicId))
      .innerJoin(
        users,
        and(eq(users.clinicId, appointments.clinicId), eq(users.id, appointments.providerId)),
      )
      .where(and(eq(appointments.clinicId, clinicId), eq(appointments.id, appointmentId)));
    if (!row) return undefined;
    return {
      appointment: {
        id: row.id,
        type: row.type,
        status: row.status,
        startsAt: row.startsAt,
        endsAt: row.endsAt,
        version: row.version,
      },
      patient: { firstName: row.firstName, email: row.email, phone: row.phone },
      clinic: {
        name: row.clinicName,
        address: row.clinicAddress,
        phone: row.clinicPhone,
        timeZone: row.timeZone,
      },
      providerName: row.providerName,
    };
  }

  /** Whether the appointment is the clinic's (a 404 otherwise). */
  async appointmentExists(db: Db, clinicId: ClinicId, appointmentId: string): Promise<boolean> {
    const rows = await db
      .select({ id: appointments.id })
      .from(appointments)
      .where(and(eq(appointments.clinicId, clinicId), eq(appointments.id, appointmentId)));
    return rows.length > 0;
  }
}
