import { sql } from 'drizzle-orm';
import type { INestApplication } from '@nestjs/common';
import type { ClinicId } from '../../src/common/auth/caller';
import { TransactionRunner } from '../../src/common/database/transaction-runner';
import { newId } from '../../src/common/ids';
import { AppointmentChangeHooks } from '../../src/modules/calendar';
import { appointments } from '../../src/modules/calendar/repositories/appointment.schema';
import type { ClinicWithStaff } from './given';

/**
 * An appointment written and its change hooks run as the appointment service does (row, then
 * AppointmentChangeHooks.run, in one transaction), so the reminders are planned and their jobs
 * sent. A stand-in until the calendar's POST /appointments (issue 19, helper A) is merged; then
 * the reminder tests book through the API.
 */
export async function bookAppointment(
  app: Pick<INestApplication, 'get'>,
  clinic: ClinicWithStaff,
  patientId: string,
  start: Date,
  options: { status?: 'BOOKED' | 'CANCELLED'; id?: string; rollback?: boolean } = {},
): Promise<string> {
  const id = options.id ?? newId();
  const actor = {
    clinicId: clinic.clinicId as ClinicId,
    userId: clinic.staff.COORDINATOR.id,
    requestId: 'test',
  };
  await app
    .get(TransactionRunner)
    .run(async (db) => {
      const values = {
        clinicId: clinic.clinicId,
        id,
        patientId,
        type: 'PRE_OP' as const,
        status: options.status ?? ('BOOKED' as const),
        providerId: clinic.staff.SURGEON.id,
        startsAt: start,
        endsAt: new Date(start.getTime() + 45 * 60_000),
        createdById: clinic.staff.COORDINATOR.id,
      };
      const [row] = await db
        .insert(appointments)
        .values(values)
        .onConflictDoUpdate({
          target: [appointments.clinicId, appointments.id],
          set: {
            status: values.status,
            startsAt: values.startsAt,
            endsAt: values.endsAt,
            version: sql`${appointments.version} + 1`,
          },
        })
        .returning();
      await app.get(AppointmentChangeHooks).run(db, actor, row!);
      if (options.rollback) throw new RolledBack();
    })
    .catch((error: unknown) => {
      if (!(error instanceof RolledBack)) throw error;
    });
  return id;
}

class RolledBack extends Error {}
