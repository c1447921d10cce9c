import { sql } from 'drizzle-orm';
import type { INestApplication } from '@nestjs/common';
import type { ClinicId } from '../../src/common/auth/caller';
import { TransactionRunner } from '../../src/common/database/transaction-runner';
import { newId } from '../../src/common/ids';
import { AppointmentChangeHooks } from '../../src/modules/calendar';
import { appointments } from '../../src/modules/calendar/repositories/appointment.schema';
import type { ClinicWithStaff } from './given';

/** A PRE_OP visit with the clinic's surgeon, booked through `POST /appointments` (201). */
export async function bookVisit(
  clinic: ClinicWithStaff,
  patientId: string,
  start: Date,
): Promise<{ id: string; version: number }> {
  const res = await clinic.as('COORDINATOR').post('/appointments', {
    patientId,
    type: 'PRE_OP',
    providerId: clinic.staff.SURGEON.id,
    start: start.toISOString(),
  });
  if (res.status !== 201) throw new Error(`booking: ${res.status} ${res.text}`);
  return res.body;
}

/**
 * An appointment written and its change hooks run in one transaction, as the appointment service
 * does, then rolled back (`rollback`): what a booking refused after its hooks ran leaves. The
 * API has no way to fail a booking after its hooks, so the rollback test writes it here.
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
