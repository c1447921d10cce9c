import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { TransactionRunner } from '../src/common/database/transaction-runner';
import { addStaffMember, Given, type ClinicWithStaff } from './support/given';
import { bookAppointment, examRoom, minutesFromNow } from './support/given-calendar';
import { at, caseBody, expectStatus, operatingRoom, readyPlan } from './support/given-theater';
import { startTestApp, type TestApp } from './support/test-app';

let t: TestApp;
let clinic: ClinicWithStaff;
let other: ClinicWithStaff;
let patient: any;

beforeAll(async () => {
  t = await startTestApp();
  const given = new Given(t);
  clinic = await given.clinicWithStaff('Calendar Clinic');
  other = await given.clinicWithStaff('Other Calendar Clinic');
  patient = await given.patient(clinic, { firstName: 'Ana', lastName: 'Quistgaard' });
});
afterAll(() => t.close());

async function count(query: ReturnType<typeof sql>): Promise<number> {
  const result = await t.app.get(TransactionRunner).db.execute(query);
  return z.object({ rows: z.tuple([z.object({ n: z.number() })]) }).parse(result).rows[0].n;
}

const appointmentsOf = (clinicId: string) =>
  count(sql`SELECT count(*)::int AS n FROM appointments WHERE clinic_id = ${clinicId}`);

function body(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    patientId: patient.id,
    type: 'CONSULTATION',
    providerId: clinic.staff.SURGEON.id,
    start: at(3, 9),
    ...overrides,
  };
}

describe('exam rooms', () => {
  it('creates, lists, renames with If-Match and deactivates; names unique case-insensitively', async () => {
    const admin = clinic.as('ADMIN');
    const room = await examRoom(clinic, 'Exam Alpha');
    expect(room).toMatchObject({ name: 'Exam Alpha', active: true, version: 1 });
    const dup = await admin.post('/exam-rooms', { name: 'exam alpha' });
    expect(dup.status).toBe(409);
    expect(dup.body.code).toBe('DUPLICATE');
    const list = await clinic.as('BILLING').get('/exam-rooms?active=true');
    expect(list.status).toBe(200);
    expect(list.body.data.map((r: any) => r.id)).toContain(room.id);
    const stale = await admin.patch(`/exam-rooms/${room.id}`, { name: 'X' }, { 'if-match': '"7"' });
    expect(stale.status).toBe(412);
    const renamed = expectStatus(
      'rename',
      await admin.patch(`/exam-rooms/${room.id}`, { active: false }, { 'if-match': '"1"' }),
      200,
    );
    expect(renamed).toMatchObject({ active: false, version: 2 });
    expect((await clinic.as('NURSE').post('/exam-rooms', { name: 'Nope' })).status).toBe(403);
    expect((await other.as('ADMIN').get(`/exam-rooms/${room.id}`)).status).toBe(404);
    const inactive = await clinic
      .as('COORDINATOR')
      .post('/appointments', body({ examRoomId: room.id }));
    expect(inactive.status).toBe(400);
    expect(JSON.stringify(inactive.body.errors)).toContain('examRoomId');
  });
});

describe('appointments', () => {
  it("books with the type's default length, names the patient, provider and room", async () => {
    const room = await examRoom(clinic);
    const booked = await bookAppointment(clinic, body({ examRoomId: room.id, start: at(4, 9) }));
    expect(booked).toMatchObject({
      status: 'BOOKED',
      type: 'CONSULTATION',
      patient: { id: patient.id, firstName: 'Ana', lastName: 'Quistgaard' },
      providerName: 'Test SURGEON',
      examRoomId: room.id,
      examRoomName: room.name,
      start: at(4, 9),
      end: at(4, 10),
      version: 1,
      consultationId: null,
    });
    const got = expectStatus(
      'get',
      await clinic.as('NURSE').get(`/appointments/${booked.id}`),
      200,
    );
    expect(got.history).toEqual([
      expect.objectContaining({ action: 'BOOKED', start: at(4, 9), actorName: 'Test COORDINATOR' }),
    ]);
    const reads = await count(
      sql`SELECT count(*)::int AS n FROM audit_events WHERE clinic_id = ${clinic.clinicId} AND action = 'appointment.read' AND entity_id = ${booked.id}`,
    );
    expect(reads).toBe(1);
  });

  it('refuses each bad booking with its 4xx and writes nothing', async () => {
    const coordinator = clinic.as('COORDINATOR');
    const before = await appointmentsOf(clinic.clinicId);
    const room = await examRoom(clinic);
    const cases: [Record<string, unknown>, number, string][] = [
      [body({ start: at(5, 9), end: at(5, 9) }), 400, 'end'],
      [body({ start: at(5, 9), end: at(5, 22) }), 400, 'end'],
      [body({ start: minutesFromNow(-30) }), 400, 'start'],
      [body({ start: at(365 * 2 + 10, 9) }), 400, 'start'],
      [body({ start: at(5, 9), providerId: clinic.staff.COORDINATOR.id }), 400, 'providerId'],
      [body({ start: at(5, 9), providerId: other.staff.SURGEON.id }), 400, 'providerId'],
      [
        body({ start: at(5, 9), examRoomId: '00000000-0000-4000-8000-000000000000' }),
        400,
        'examRoomId',
      ],
      [body({ start: at(5, 9), type: 'MASSAGE' }), 400, 'type'],
    ];
    for (const [b, status, field] of cases) {
      const res = await coordinator.post('/appointments', b);
      expect(res.status, JSON.stringify(b)).toBe(status);
      expect(JSON.stringify(res.body.errors), res.text).toContain(field);
    }
    const otherPatient = await new Given(t).patient(other);
    expect(
      (await coordinator.post('/appointments', body({ patientId: otherPatient.id }))).status,
    ).toBe(404);
    expect(room.id).toBeTruthy();
    expect(await appointmentsOf(clinic.clinicId)).toBe(before);
  });

  it("checks links: another clinic's is 404, another patient's is 400", async () => {
    const given = new Given(t);
    const otherPatient = await given.patient(clinic, { lastName: 'Other' });
    const consult = expectStatus(
      'consultation',
      await clinic.as('SURGEON').post('/consultations', {
        patientId: otherPatient.id,
        surgeonId: clinic.staff.SURGEON.id,
        consultationDate: '2026-11-20T10:00:00Z',
        reason: 'Rhinoplasty',
      }),
      201,
    );
    const foreignPatient = await given.patient(other);
    const foreign = expectStatus(
      'foreign consultation',
      await other.as('SURGEON').post('/consultations', {
        patientId: foreignPatient.id,
        surgeonId: other.staff.SURGEON.id,
        consultationDate: '2026-11-20T10:00:00Z',
        reason: 'Rhinoplasty',
      }),
      201,
    );
    const before = await appointmentsOf(clinic.clinicId);
    const mine = await clinic
      .as('COORDINATOR')
      .post('/appointments', body({ start: at(6, 9), consultationId: consult.id }));
    expect(mine.status).toBe(400);
    expect(JSON.stringify(mine.body.errors)).toContain('consultationId');
    const theirs = await clinic
      .as('COORDINATOR')
      .post('/appointments', body({ start: at(6, 9), consultationId: foreign.id }));
    expect(theirs.status).toBe(404);
    for (const link of ['procedurePlanId', 'surgicalCaseId'])
      expect(
        (
          await clinic
            .as('COORDINATOR')
            .post('/appointments', body({ start: at(6, 9), [link]: foreign.id }))
        ).status,
      ).toBe(404);
    expect(await appointmentsOf(clinic.clinicId)).toBe(before);
    const linked = await bookAppointment(
      clinic,
      body({ patientId: otherPatient.id, start: at(6, 9), consultationId: consult.id }),
    );
    expect(linked.consultationId).toBe(consult.id);
    // Another clinic cannot read it.
    expect((await other.as('COORDINATOR').get(`/appointments/${linked.id}`)).status).toBe(404);
    expect(
      (await other.as('COORDINATOR').post(`/appointments/${linked.id}/check-in`, {})).status,
    ).toBe(404);
  });

  it('refuses a double booking of the provider or the room: 409 naming the appointment', async () => {
    const room = await examRoom(clinic);
    const first = await bookAppointment(clinic, body({ start: at(7, 9), examRoomId: room.id }));
    const before = await appointmentsOf(clinic.clinicId);
    const sameProvider = await clinic
      .as('COORDINATOR')
      .post('/appointments', body({ start: at(7, 9, 30) }));
    expect(sameProvider.status).toBe(409);
    expect(sameProvider.body).toMatchObject({
      code: 'SCHEDULE_CONFLICT',
      conflict: { resource: 'provider', kind: 'APPOINTMENT', appointmentId: first.id },
    });
    expect(sameProvider.text).not.toContain('Quistgaard'); // never the patient's name
    const sameRoom = await clinic
      .as('COORDINATOR')
      .post(
        '/appointments',
        body({ start: at(7, 9, 30), providerId: clinic.staff.NURSE.id, examRoomId: room.id }),
      );
    expect(sameRoom.status).toBe(409);
    expect(sameRoom.body.conflict).toMatchObject({ resource: 'examRoom', appointmentId: first.id });
    expect(await appointmentsOf(clinic.clinicId)).toBe(before);
    // Back to back is fine (half-open).
    await bookAppointment(
      clinic,
      body({ start: at(7, 10), providerId: clinic.staff.SURGEON.id, examRoomId: room.id }),
    );
  });

  it("an appointment blocks the surgeon's case, and a case blocks an appointment, naming each other", async () => {
    const surgeon = await addStaffMember(t, clinic, 'SURGEON', { name: 'Dr Both' });
    const appointment = await bookAppointment(
      clinic,
      body({ providerId: surgeon.id, start: at(20, 9), end: at(20, 10) }),
    );
    const ready = await readyPlan(clinic);
    const room = await operatingRoom(clinic);
    const blocked = await clinic
      .as('COORDINATOR')
      .post('/surgical-cases', caseBody(clinic, ready.plan, room, 20, { surgeonId: surgeon.id }));
    expect(blocked.status).toBe(409);
    expect(blocked.body.conflict).toMatchObject({
      resource: 'surgeon',
      kind: 'APPOINTMENT',
      appointmentId: appointment.id,
    });
    expect(blocked.text).not.toContain('Quistgaard');

    const theCase = expectStatus(
      'case',
      await clinic
        .as('COORDINATOR')
        .post('/surgical-cases', caseBody(clinic, ready.plan, room, 21, { surgeonId: surgeon.id })),
      201,
    );
    const refused = await clinic
      .as('COORDINATOR')
      .post('/appointments', body({ providerId: surgeon.id, start: at(21, 9) }));
    expect(refused.status).toBe(409);
    expect(refused.body.conflict).toMatchObject({
      resource: 'provider',
      kind: 'SURGICAL_CASE',
      surgicalCaseId: theCase.id,
      caseNumber: theCase.caseNumber,
    });
    expect(refused.text).not.toContain(ready.patient.lastName);
  });

  it('reschedules keeping the id and the history, then cancels with a reason', async () => {
    const booked = await bookAppointment(clinic, body({ start: at(8, 9) }));
    const coordinator = clinic.as('COORDINATOR');
    const moved = expectStatus(
      'move',
      await coordinator.patch(
        `/appointments/${booked.id}`,
        { start: at(8, 14), reason: 'Patient asked for the afternoon' },
        { 'if-match': '"1"' },
      ),
      200,
    );
    expect(moved).toMatchObject({ id: booked.id, start: at(8, 14), end: at(8, 15), version: 2 });
    const stale = await coordinator.patch(
      `/appointments/${booked.id}`,
      { start: at(8, 16) },
      { 'if-match': '"1"' },
    );
    expect(stale.status).toBe(412);
    // A move is checked like a booking, and a refused move changes nothing.
    const blocker = await bookAppointment(clinic, body({ start: at(8, 16) }));
    const onto = await coordinator.patch(
      `/appointments/${booked.id}`,
      { start: at(8, 16, 30) },
      { 'if-match': '"2"' },
    );
    expect(onto.status).toBe(409);
    expect(onto.body.conflict).toMatchObject({ resource: 'provider', appointmentId: blocker.id });
    const backwards = await coordinator.patch(`/appointments/${booked.id}`, { end: at(8, 13) });
    expect(backwards.status).toBe(400);
    expect(JSON.stringify(backwards.body.errors)).toContain('end');
    const unchanged = expectStatus('get', await coordinator.get(`/appointments/${booked.id}`), 200);
    expect(unchanged).toMatchObject({ start: at(8, 14), end: at(8, 15), version: 2 });
    // The old slot is free again.
    await bookAppointment(clinic, body({ start: at(8, 9) }));
    const cancelled = expectStatus(
      'cancel',
      await coordinator.post(`/appointments/${booked.id}/cancel`, { reason: 'Feeling unwell' }),
      200,
    );
    expect(cancelled).toMatchObject({ status: 'CANCELLED', cancelReason: 'Feeling unwell' });
    const history = expectStatus(
      'get',
      await coordinator.get(`/appointments/${booked.id}`),
      200,
    ).history;
    expect(history.map((h: any) => [h.action, h.start, h.reason])).toEqual([
      ['BOOKED', at(8, 9), null],
      ['RESCHEDULED', at(8, 14), 'Patient asked for the afternoon'],
      ['CANCELLED', at(8, 14), 'Feeling unwell'],
    ]);
    // The cancelled slot is free; a cancelled appointment cannot move.
    await bookAppointment(clinic, body({ start: at(8, 14) }));
    const late = await coordinator.patch(`/appointments/${booked.id}`, { start: at(8, 17) });
    expect(late.status).toBe(409);
    expect(late.body.code).toBe('INVALID_STATE_TRANSITION');
  });

  it('checks in, completes a consultation into a consultation record', async () => {
    const booked = await bookAppointment(
      clinic,
      body({ start: at(9, 9), notes: 'Breast augmentation' }),
    );
    expectStatus(
      'check-in',
      await clinic.as('COORDINATOR').post(`/appointments/${booked.id}/check-in`, {}),
      200,
    );
    expect(
      (await clinic.as('COORDINATOR').post(`/appointments/${booked.id}/complete`, {})).status,
    ).toBe(403);
    const done = expectStatus(
      'complete',
      await clinic.as('SURGEON').post(`/appointments/${booked.id}/complete`, {}),
      200,
    );
    expect(done.status).toBe('COMPLETED');
    expect(done.consultationId).toEqual(expect.any(String));
    const consultation = expectStatus(
      'consultation',
      await clinic.as('SURGEON').get(`/consultations/${done.consultationId}`),
      200,
    );
    expect(consultation).toMatchObject({
      patientId: patient.id,
      surgeonId: clinic.staff.SURGEON.id,
      consultationDate: at(9, 9),
      reason: 'Breast augmentation',
    });
    const again = await clinic.as('SURGEON').post(`/appointments/${booked.id}/complete`, {});
    expect(again.status).toBe(409);
  });

  it("refuses to complete a nurse's consultation (409 CONSULTATION_NEEDS_SURGEON), nothing changed", async () => {
    const booked = await bookAppointment(
      clinic,
      body({ start: at(10, 9), providerId: clinic.staff.NURSE.id }),
    );
    expectStatus(
      'check-in',
      await clinic.as('NURSE').post(`/appointments/${booked.id}/check-in`, {}),
      200,
    );
    const refused = await clinic.as('NURSE').post(`/appointments/${booked.id}/complete`, {});
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('CONSULTATION_NEEDS_SURGEON');
    const still = expectStatus(
      'get',
      await clinic.as('NURSE').get(`/appointments/${booked.id}`),
      200,
    );
    expect(still).toMatchObject({ status: 'CHECKED_IN', consultationId: null, version: 2 });
  });

  it('records a no-show once the start has passed, counted on the patient', async () => {
    const given = new Given(t);
    const missing = await given.patient(clinic, { lastName: 'Missing' });
    const future = await bookAppointment(
      clinic,
      body({ patientId: missing.id, type: 'FOLLOW_UP', start: at(11, 9) }),
    );
    const early = await clinic.as('COORDINATOR').post(`/appointments/${future.id}/no-show`, {});
    expect(early.status).toBe(409);
    expect(early.body.code).toBe('INVALID_STATE_TRANSITION');
    const nurse = await addStaffMember(t, clinic, 'NURSE');
    const now = await bookAppointment(
      clinic,
      body({
        patientId: missing.id,
        type: 'FOLLOW_UP',
        providerId: nurse.id,
        start: minutesFromNow(-2),
      }),
    );
    const missed = expectStatus(
      'no-show',
      await clinic.as('COORDINATOR').post(`/appointments/${now.id}/no-show`, {}),
      200,
    );
    expect(missed.status).toBe('NO_SHOW');
    const mine = expectStatus(
      'patient',
      await clinic.as('COORDINATOR').get(`/patients/${missing.id}/appointments`),
      200,
    );
    expect(mine.noShowCount).toBe(1);
    expect(mine.upcoming.map((a: any) => a.id)).toEqual([future.id]);
    expect(mine.past.map((a: any) => a.id)).toEqual([now.id]);
    expect((await clinic.as('BILLING').get(`/patients/${missing.id}/appointments`)).status).toBe(
      403,
    );
    expect((await other.as('COORDINATOR').get(`/patients/${missing.id}/appointments`)).status).toBe(
      404,
    );
  });

  it('lists by window and provider, in start order, not for BILLING', async () => {
    const provider = await addStaffMember(t, clinic, 'NURSE');
    const b = await bookAppointment(
      clinic,
      body({ providerId: provider.id, type: 'PRE_OP', start: at(12, 11) }),
    );
    const a = await bookAppointment(
      clinic,
      body({ providerId: provider.id, type: 'PRE_OP', start: at(12, 9) }),
    );
    await bookAppointment(
      clinic,
      body({ providerId: provider.id, type: 'PRE_OP', start: at(13, 9) }),
    );
    const q = `/appointments?providerId=${provider.id}&from=${encodeURIComponent(at(12, 0))}&to=${encodeURIComponent(at(13, 0))}&limit=1`;
    const page1 = expectStatus('list', await clinic.as('NURSE').get(q), 200);
    expect(page1.data.map((x: any) => x.id)).toEqual([a.id]);
    const page2 = expectStatus(
      'list',
      await clinic.as('NURSE').get(`${q}&cursor=${page1.nextCursor}`),
      200,
    );
    expect(page2.data.map((x: any) => x.id)).toEqual([b.id]);
    expect(page2.nextCursor).toBeNull();
    expect((await clinic.as('BILLING').get('/appointments')).status).toBe(403);
  });

  it('refuses BILLING every calendar write and read of patients (roles)', async () => {
    const before = await appointmentsOf(clinic.clinicId);
    expect(
      (await clinic.as('BILLING').post('/appointments', body({ start: at(14, 9) }))).status,
    ).toBe(403);
    expect(await appointmentsOf(clinic.clinicId)).toBe(before);
    const booked = await bookAppointment(clinic, body({ start: at(14, 9) }));
    for (const action of ['check-in', 'no-show'])
      expect(
        (await clinic.as('BILLING').post(`/appointments/${booked.id}/${action}`, {})).status,
      ).toBe(403);
    expect((await clinic.as('BILLING').get(`/appointments/${booked.id}`)).status).toBe(403);
    expect(
      (await clinic.as('NURSE').request('PUT', '/post-op-templates/15830', { offsetsDays: [2] }))
        .status,
    ).toBe(403);
    expect((await clinic.as('COORDINATOR').post('/exam-rooms', { name: 'Nope 2' })).status).toBe(
      403,
    );
    const still = expectStatus(
      'get',
      await clinic.as('NURSE').get(`/appointments/${booked.id}`),
      200,
    );
    expect(still).toMatchObject({ status: 'BOOKED', version: 1 });
  });
});
