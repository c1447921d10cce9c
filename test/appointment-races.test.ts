import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { TransactionRunner } from '../src/common/database/transaction-runner';
import { addStaffMember, Given, type ClinicWithStaff } from './support/given';
import { examRoom } from './support/given-calendar';
import { at, caseBody, operatingRoom, readyPlan } from './support/given-theater';
import { onPostgresServer, startTestApp, type TestApp } from './support/test-app';

let t: TestApp;
let clinic: ClinicWithStaff;
let patient: any;
const where = onPostgresServer ? 'PostgreSQL server' : 'PGlite';

beforeAll(async () => {
  t = await startTestApp();
  clinic = await new Given(t).clinicWithStaff('Appointment Race Clinic');
  patient = await new Given(t).patient(clinic, { lastName: 'Racer' });
});
afterAll(() => t.close());

async function count(query: ReturnType<typeof sql>): Promise<number> {
  const result = await t.app.get(TransactionRunner).db.execute(query);
  return z.object({ rows: z.tuple([z.object({ n: z.number() })]) }).parse(result).rows[0].n;
}

describe(`appointment races (${where})`, () => {
  it('books exactly one of 10 overlapping requests for one provider', async () => {
    const provider = await addStaffMember(t, clinic, 'SURGEON');
    const responses = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        clinic.as('COORDINATOR').post('/appointments', {
          patientId: patient.id,
          type: 'CONSULTATION',
          providerId: provider.id,
          start: at(30, 9, i * 3),
        }),
      ),
    );
    const won = responses.filter((r) => r.status === 201);
    const lost = responses.filter((r) => r.status === 409);
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(9);
    for (const r of lost)
      expect(r.body).toMatchObject({
        code: 'SCHEDULE_CONFLICT',
        conflict: { resource: 'provider', kind: 'APPOINTMENT', appointmentId: won[0]?.body.id },
      });
    expect(
      await count(
        sql`SELECT count(*)::int AS n FROM appointments WHERE provider_id = ${provider.id}`,
      ),
    ).toBe(1);
  });

  it('books exactly one of 10 overlapping requests for one exam room (10 providers)', async () => {
    const room = await examRoom(clinic);
    const providers = [];
    for (let i = 0; i < 10; i++) providers.push(await addStaffMember(t, clinic, 'NURSE'));
    const responses = await Promise.all(
      providers.map((p, i) =>
        clinic.as('COORDINATOR').post('/appointments', {
          patientId: patient.id,
          type: 'PRE_OP',
          providerId: p.id,
          examRoomId: room.id,
          start: at(31, 9, i * 2),
        }),
      ),
    );
    const won = responses.filter((r) => r.status === 201);
    const lost = responses.filter((r) => r.status === 409);
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(9);
    for (const r of lost)
      expect(r.body.conflict).toMatchObject({
        resource: 'examRoom',
        appointmentId: won[0]?.body.id,
      });
    expect(
      await count(sql`SELECT count(*)::int AS n FROM appointments WHERE exam_room_id = ${room.id}`),
    ).toBe(1);
  });

  it('an appointment and a surgical case racing for one surgeon: exactly one wins', async () => {
    for (let round = 0; round < 3; round++) {
      const surgeon = await addStaffMember(t, clinic, 'SURGEON');
      const ready = await readyPlan(clinic);
      const room = await operatingRoom(clinic);
      const [theCase, appointment] = await Promise.all([
        clinic
          .as('COORDINATOR')
          .post(
            '/surgical-cases',
            caseBody(clinic, ready.plan, room, 40 + round, { surgeonId: surgeon.id }),
          ),
        clinic.as('COORDINATOR').post('/appointments', {
          patientId: patient.id,
          type: 'PRE_OP',
          providerId: surgeon.id,
          start: at(40 + round, 9),
        }),
      ]);
      expect(
        [theCase.status, appointment.status].sort(),
        `${theCase.text} ${appointment.text}`,
      ).toEqual([201, 409]);
      const loser = theCase.status === 409 ? theCase : appointment;
      expect(loser.body.code).toBe('SCHEDULE_CONFLICT');
      if (loser === theCase)
        expect(loser.body.conflict).toMatchObject({
          resource: 'surgeon',
          appointmentId: appointment.body.id,
        });
      else
        expect(loser.body.conflict).toMatchObject({
          resource: 'provider',
          surgicalCaseId: theCase.body.id,
        });
      expect(
        await count(
          sql`SELECT count(*)::int AS n FROM calendar_bookings WHERE resource_id = ${surgeon.id}`,
        ),
      ).toBe(1);
    }
  });
});
