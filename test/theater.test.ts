import { writeFileSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { TransactionRunner } from '../src/common/database/transaction-runner';
import {
  addStaffMember,
  deactivateGeneralConsent,
  Given,
  type ClinicWithStaff,
} from './support/given';
import {
  at,
  caseBody,
  daysFromNow,
  expectStatus,
  operatingRoom,
  readyPlan,
  signConsent,
} from './support/given-theater';
import { startTestApp, type TestApp } from './support/test-app';
import { zonedDate as localDay, zonedInstant } from '../src/common/time-zone';

let t: TestApp;
let given: Given;
let clinic: ClinicWithStaff;
let other: ClinicWithStaff;
// Each test books its own day, so the clinic's one surgeon is never double-booked by accident.
let day = 10;
const nextDay = () => (day += 2);

beforeAll(async () => {
  t = await startTestApp();
  given = new Given(t);
  clinic = await given.clinicWithStaff('Theater Clinic');
  other = await given.clinicWithStaff('Other Theater Clinic');
});
afterAll(() => t.close());

const coordinator = () => clinic.as('COORDINATOR');
const nurse = () => clinic.as('NURSE');

/** The clinic's IANA time zone: its days and the rooms' opening hours are in it. */
async function clinicZone(): Promise<string> {
  return expectStatus('clinic', await clinic.as('ADMIN').get('/clinic'), 200).timeZone;
}

async function liveCasesOfPlan(planId: string): Promise<number> {
  const result = await t.app
    .get(TransactionRunner)
    .db.execute(
      sql`SELECT count(*)::int AS n FROM surgical_cases WHERE procedure_plan_id = ${planId} AND status <> 'CANCELLED'`,
    );
  return z.object({ rows: z.tuple([z.object({ n: z.number() })]) }).parse(result).rows[0].n;
}

async function schedule(ready: { plan: any }, room: any, days = nextDay()): Promise<any> {
  return expectStatus(
    'schedule',
    await coordinator().post('/surgical-cases', caseBody(clinic, ready.plan, room, days)),
    201,
  );
}

describe('POST /surgical-cases (the seed step 7)', () => {
  it('books a ready plan, copies its procedure and moves the plan to SCHEDULED', async () => {
    const ready = await readyPlan(clinic);
    const room = await operatingRoom(clinic);
    const days = nextDay();
    const res = await coordinator().post(
      '/surgical-cases',
      caseBody(clinic, ready.plan, room, days),
    );
    expect(res.status).toBe(201);
    expect(res.headers.etag).toBe('"1"');
    expect(res.body).toMatchObject({
      caseNumber: expect.stringMatching(/^CASE-\d{4}-\d{3}$/),
      procedurePlanId: ready.plan.id,
      patientId: ready.patient.id,
      surgeonId: clinic.staff.SURGEON.id,
      operatingRoomId: room.id,
      operatingRoomName: room.name,
      status: 'SCHEDULED',
      procedureName: 'Breast Augmentation',
      procedureCode: '19325',
      cptCodes: ['19325'],
      diagnosisCodes: [],
      procedureType: 'COSMETIC',
      scheduledStart: at(days, 8),
      billId: null,
    });
    const plan = (await coordinator().get(`/procedure-plans/${ready.plan.id}`)).body;
    expect(plan).toMatchObject({ status: 'SCHEDULED', surgicalCaseId: res.body.id });
    const readiness = (await nurse().get(`/procedure-plans/${ready.plan.id}/readiness`)).body;
    expect(readiness).toMatchObject({ ready: true, surgeryDate: at(days, 8).slice(0, 10) });
  });

  it('refuses an unapproved plan, listing every unmet check, and books nothing', async () => {
    const ready = await readyPlan(clinic, { stopBefore: 'approve', withConsent: true });
    const room = await operatingRoom(clinic);
    const res = await coordinator().post(
      '/surgical-cases',
      caseBody(clinic, ready.plan, room, nextDay()),
    );
    expect(res.status).toBe(409);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body.code).toBe('SCHEDULING_BLOCKED');
    expect(res.body.unmetChecks).toEqual([
      'PLAN_APPROVED',
      'CONSENT_SIGNED',
      'FDA_CHECKLIST_SIGNED',
      'INVENTORY_READY',
    ]);
    expect(await liveCasesOfPlan(ready.plan.id)).toBe(0);
    expect((await coordinator().get(`/procedure-plans/${ready.plan.id}`)).body.status).toBe(
      'QUOTED',
    );
  });

  it('refuses until the consent is signed', async () => {
    const ready = await readyPlan(clinic, { stopBefore: 'sign', withConsent: true });
    const room = await operatingRoom(clinic);
    // Approval does not need the signature (readyPlan approved and allocated); scheduling does.
    const res = await coordinator().post(
      '/surgical-cases',
      caseBody(clinic, ready.plan, room, nextDay()),
    );
    expect(res.status).toBe(409);
    expect(res.body.unmetChecks).toEqual(['CONSENT_SIGNED']);
    expect(await liveCasesOfPlan(ready.plan.id)).toBe(0);
  });

  it('refuses a plan no procedure-specific template covers until its general consent is signed', async () => {
    // A clinic of its own: no breast augmentation template, only the general surgical consent.
    const bare = await given.clinicWithStaff('General Consent Clinic');
    const ready = await readyPlan(bare, { stopBefore: 'sign' });
    expect(ready.plan.consent).toMatchObject({
      status: 'PENDING',
      templateCode: 'GENERAL_SURGICAL_CONSENT',
    });
    const room = await operatingRoom(bare);
    const days = nextDay();

    const refused = await bare
      .as('COORDINATOR')
      .post('/surgical-cases', caseBody(bare, ready.plan, room, days));
    const readiness = await bare.as('NURSE').get(`/procedure-plans/${ready.plan.id}/readiness`);
    await signConsent(bare, ready.plan.consent.id);
    const booked = await bare
      .as('COORDINATOR')
      .post('/surgical-cases', caseBody(bare, ready.plan, room, days));

    expect(refused.status).toBe(409);
    expect(refused.body.unmetChecks).toEqual(['CONSENT_SIGNED']);
    expect(readiness.body.checks).toContainEqual({
      code: 'CONSENT_SIGNED',
      required: true,
      ok: false,
      detail: 'Consent GENERAL_SURGICAL_CONSENT is PENDING: it must be signed',
    });
    expect(booked.status).toBe(201);
  });

  it('refuses a plan with no consent at all, saying which template to add', async () => {
    const bare = await given.clinicWithStaff('No Consent Clinic');
    await deactivateGeneralConsent(bare);
    const ready = await readyPlan(bare);
    const room = await operatingRoom(bare);

    const readiness = await bare.as('NURSE').get(`/procedure-plans/${ready.plan.id}/readiness`);
    const res = await bare
      .as('COORDINATOR')
      .post('/surgical-cases', caseBody(bare, ready.plan, room, nextDay()));

    expect(ready.plan.consent).toBeNull();
    expect(readiness.body.ready).toBe(false);
    expect(readiness.body.checks).toContainEqual({
      code: 'CONSENT_SIGNED',
      required: true,
      ok: false,
      detail:
        'No consent template covers this plan: add one for its CPT codes, or the general surgical consent GENERAL_SURGICAL_CONSENT',
    });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('SCHEDULING_BLOCKED');
    expect(res.body.unmetChecks).toEqual(['CONSENT_SIGNED']);
    expect(await liveCasesOfPlan(ready.plan.id)).toBe(0);
  });

  it('refuses a surgery after the reserved implants expire', async () => {
    const ready = await readyPlan(clinic, { expiresAt: daysFromNow(30) });
    const room = await operatingRoom(clinic);
    const res = await coordinator().post('/surgical-cases', caseBody(clinic, ready.plan, room, 40));
    expect(res.status).toBe(409);
    expect(res.body.unmetChecks).toEqual(['INVENTORY_READY']);
    expect(res.body.checks[0].detail).toMatch(/expires/);
  });

  it('answers 400 for an end before the start, a past start, or a non-surgeon, and books nothing', async () => {
    const ready = await readyPlan(clinic);
    const room = await operatingRoom(clinic);
    const days = nextDay();
    const backwards = await coordinator().post(
      '/surgical-cases',
      caseBody(clinic, ready.plan, room, days, { scheduledEnd: at(days, 7) }),
    );
    expect(backwards.status).toBe(400);
    expect(backwards.body.errors).toEqual([
      { path: 'scheduledEnd', message: 'Must be after scheduledStart' },
    ]);
    const past = await coordinator().post(
      '/surgical-cases',
      caseBody(clinic, ready.plan, room, -1),
    );
    expect(past.status).toBe(400);
    expect(past.body.errors[0].path).toBe('scheduledStart');
    const nurseAsSurgeon = await coordinator().post(
      '/surgical-cases',
      caseBody(clinic, ready.plan, room, days, { surgeonId: clinic.staff.NURSE.id }),
    );
    expect(nurseAsSurgeon.status).toBe(400);
    expect(nurseAsSurgeon.body.errors[0].path).toBe('surgeonId');
    const bad = await coordinator().post('/surgical-cases', {
      ...caseBody(clinic, ready.plan, room, days),
      scheduledStart: '2026-02-30T08:00:00Z',
      procedureName: 'Something else',
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: any) => e.path).sort()).toEqual([
      'procedureName',
      'scheduledStart',
    ]);
    expect(await liveCasesOfPlan(ready.plan.id)).toBe(0);
  });

  it('never double-books a room or a surgeon, and names the case in the way', async () => {
    const first = await readyPlan(clinic);
    const second = await readyPlan(clinic);
    const room = await operatingRoom(clinic);
    const otherRoom = await operatingRoom(clinic);
    const days = nextDay();
    const booked = await schedule(first, room, days);
    const overlap = await coordinator().post(
      '/surgical-cases',
      caseBody(clinic, second.plan, room, days, {
        surgeonId: (await addStaffMember(t, clinic, 'SURGEON')).id,
        scheduledStart: at(days, 9),
        scheduledEnd: at(days, 11),
      }),
    );
    expect(overlap.status).toBe(409);
    expect(overlap.body).toMatchObject({
      code: 'SCHEDULE_CONFLICT',
      conflict: {
        resource: 'operatingRoom',
        surgicalCaseId: booked.id,
        caseNumber: booked.caseNumber,
      },
    });
    expect(overlap.body.detail).toContain(booked.caseNumber);
    const sameSurgeon = await coordinator().post(
      '/surgical-cases',
      caseBody(clinic, second.plan, otherRoom, days, {
        scheduledStart: at(days, 9),
        scheduledEnd: at(days, 12),
      }),
    );
    expect(sameSurgeon.status).toBe(409);
    expect(sameSurgeon.body.conflict).toMatchObject({
      resource: 'surgeon',
      caseNumber: booked.caseNumber,
    });
    expect(await liveCasesOfPlan(second.plan.id)).toBe(0);
    // Back to back is not an overlap: the first case ends at 10:00.
    const after = await coordinator().post(
      '/surgical-cases',
      caseBody(clinic, second.plan, room, days, {
        scheduledStart: at(days, 10),
        scheduledEnd: at(days, 12),
      }),
    );
    expect(after.status).toBe(201);
  });
});

describe('retries', () => {
  it('answers a retried booking with the same Idempotency-Key with the first case, booking once', async () => {
    const ready = await readyPlan(clinic);
    const room = await operatingRoom(clinic);
    const body = caseBody(clinic, ready.plan, room, nextDay());
    const headers = { 'idempotency-key': `book-${ready.plan.id}` };
    const first = await coordinator().post('/surgical-cases', body, headers);
    const retry = await coordinator().post('/surgical-cases', body, headers);
    expect(first.status).toBe(201);
    expect(retry.status).toBe(201);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.body.id).toBe(first.body.id);
    expect(await liveCasesOfPlan(ready.plan.id)).toBe(1);
  });
});

describe('PATCH /surgical-cases/:id', () => {
  it('moves the room and time, honours If-Match, and refuses procedure fields', async () => {
    const ready = await readyPlan(clinic);
    const room = await operatingRoom(clinic);
    const otherRoom = await operatingRoom(clinic);
    const booked = await schedule(ready, room);
    const days = nextDay();
    const moved = await coordinator().patch(
      `/surgical-cases/${booked.id}`,
      { operatingRoomId: otherRoom.id, scheduledStart: at(days, 13), scheduledEnd: at(days, 15) },
      { 'if-match': '"1"' },
    );
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({
      operatingRoomId: otherRoom.id,
      scheduledStart: at(days, 13),
      version: 2,
    });
    const stale = await coordinator().patch(
      `/surgical-cases/${booked.id}`,
      { scheduledStart: at(days, 14) },
      { 'if-match': '"1"' },
    );
    expect(stale.status).toBe(412);
    const renamed = await coordinator().patch(`/surgical-cases/${booked.id}`, {
      procedureName: 'Rhinoplasty',
      cptCodes: ['30400'],
      scheduledStart: at(days, 12),
    });
    expect(renamed.status).toBe(400);
    expect(renamed.body.errors.map((e: any) => e.path).sort()).toEqual([
      'cptCodes',
      'procedureName',
    ]);
    expect(renamed.body.errors[0].message).toMatch(/cannot change/);
    const after = (await coordinator().get(`/surgical-cases/${booked.id}`)).body;
    expect(after).toMatchObject({
      procedureName: 'Breast Augmentation',
      scheduledStart: at(days, 13),
      version: 2,
    });
  });
});

describe('cancelling', () => {
  it('cancels a case: the plan returns to APPROVED with its implants still reserved', async () => {
    const ready = await readyPlan(clinic);
    const room = await operatingRoom(clinic);
    const booked = await schedule(ready, room);
    const res = await coordinator().post(`/surgical-cases/${booked.id}/cancel`, {
      reason: 'Patient has a cold',
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'CANCELLED', cancelReason: 'Patient has a cold' });
    const plan = (await coordinator().get(`/procedure-plans/${ready.plan.id}`)).body;
    expect(plan).toMatchObject({ status: 'APPROVED', surgicalCaseId: null });
    expect(plan.inventoryRequirements[0].serialNumbers).toEqual(ready.serials);
    // The slot is free again, and the plan can be booked anew.
    expect(
      (await coordinator().post('/surgical-cases', caseBody(clinic, ready.plan, room, day))).status,
    ).toBe(201);
  });

  it('cancelling a scheduled plan cancels its case; a COMPLETED plan cannot be cancelled', async () => {
    const ready = await readyPlan(clinic);
    const room = await operatingRoom(clinic);
    const booked = await schedule(ready, room);
    const cancelled = await coordinator().post(`/procedure-plans/${ready.plan.id}/cancel`, {
      reason: 'Changed her mind',
    });
    expect(cancelled.status).toBe(200);
    expect((await coordinator().get(`/surgical-cases/${booked.id}`)).body).toMatchObject({
      status: 'CANCELLED',
      cancelReason: 'Plan cancelled: Changed her mind',
    });
    expect((await nurse().get(`/inventory/units/${ready.serials[0]}`)).body.status).toBe(
      'AVAILABLE',
    );

    const done = await readyPlan(clinic);
    const doneCase = await schedule(done, room);
    expectStatus(
      'start',
      await nurse().post(`/surgical-cases/${doneCase.id}/start`, {
        reason: 'Started ahead of its booked day in a test',
      }),
      200,
    );
    const whileRunning = await coordinator().post(`/procedure-plans/${done.plan.id}/cancel`, {
      reason: 'x',
    });
    expect(whileRunning.status).toBe(409);
    expectStatus(
      'complete',
      await nurse().post(`/surgical-cases/${doneCase.id}/complete`, {}),
      200,
    );
    const res = await coordinator().post(`/procedure-plans/${done.plan.id}/cancel`, {
      reason: 'too late',
    });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('INVALID_STATE_TRANSITION');
    expect((await coordinator().get(`/procedure-plans/${done.plan.id}`)).body.status).toBe(
      'COMPLETED',
    );
  });
});

describe('the day of surgery (seed steps 9 and 10)', () => {
  it('starts, records usage, completes: implants consumed and linked, plan COMPLETED, bill created', async () => {
    const ready = await readyPlan(clinic);
    const room = await operatingRoom(clinic);
    const booked = await schedule(ready, room);
    expect((await nurse().post(`/surgical-cases/${booked.id}/complete`, {})).status).toBe(409);
    const started = await nurse().post(`/surgical-cases/${booked.id}/start`, {
      reason: 'Started ahead of its booked day in a test',
    });
    expect(started.status).toBe(200);
    expect(started.body).toMatchObject({ status: 'IN_PROGRESS', startedAt: expect.any(String) });
    const sutures = await nurse().post(`/surgical-cases/${booked.id}/inventory-usage`, {
      inventoryItemId: ready.suturesItem.id,
      quantity: 2,
    });
    expect(sutures.status).toBe(201);
    expect(sutures.body.usages).toEqual([
      expect.objectContaining({ quantity: 2, serialNumber: null }),
    ]);
    const completed = await clinic
      .as('SURGEON')
      .post(`/surgical-cases/${booked.id}/complete`, { notes: 'Uneventful' });
    expect(completed.status).toBe(200);
    expect(completed.body).toMatchObject({
      status: 'COMPLETED',
      completedAt: expect.any(String),
      billId: expect.any(String),
    });
    expect(
      completed.body.inventoryUsages
        .map((u: any) => u.serialNumber)
        .filter(Boolean)
        .sort(),
    ).toEqual(ready.serials);
    expect((await coordinator().get(`/procedure-plans/${ready.plan.id}`)).body.status).toBe(
      'COMPLETED',
    );
    for (const serial of ready.serials) {
      expect((await nurse().get(`/inventory/units/${serial}`)).body).toMatchObject({
        status: 'CONSUMED',
        patientId: ready.patient.id,
        surgicalCaseId: booked.id,
        procedurePlanId: ready.plan.id,
      });
    }
    const stock = (await nurse().get(`/inventory/items/${ready.implantItem.id}/stock`)).body;
    expect(stock).toMatchObject({ onHand: 1, reserved: 0 });
    const bill = await clinic.as('BILLING').get(`/bills/${completed.body.billId}`);
    expect(bill.body).toMatchObject({ total: '8000.00', surgicalCaseId: booked.id });
    const again = await nurse().post(`/surgical-cases/${booked.id}/complete`, {});
    expect(again.status).toBe(409);
  });

  it('uses what was recorded: a free implant replaces a reserved one, which goes back to the shelf', async () => {
    const ready = await readyPlan(clinic, { stock: 4 });
    const room = await operatingRoom(clinic);
    const booked = await schedule(ready, room);
    expectStatus(
      'start',
      await nurse().post(`/surgical-cases/${booked.id}/start`, {
        reason: 'Started ahead of its booked day in a test',
      }),
      200,
    );
    const free = ready.received.filter((s) => !ready.serials.includes(s));
    const used = [ready.serials[0], free[0]];
    for (const serial of used) {
      const res = await nurse().post(`/surgical-cases/${booked.id}/inventory-usage`, {
        inventoryItemId: ready.implantItem.id,
        serialNumber: serial,
        quantity: 1,
      });
      expect(res.status).toBe(201);
    }
    const twice = await nurse().post(`/surgical-cases/${booked.id}/inventory-usage`, {
      inventoryItemId: ready.implantItem.id,
      serialNumber: free[0],
      quantity: 1,
    });
    expect(twice.status).toBe(409);
    const noSerial = await nurse().post(`/surgical-cases/${booked.id}/inventory-usage`, {
      inventoryItemId: ready.implantItem.id,
      quantity: 1,
    });
    expect(noSerial.status).toBe(400);
    expect(noSerial.body.errors[0].path).toBe('serialNumber');
    expectStatus('complete', await nurse().post(`/surgical-cases/${booked.id}/complete`, {}), 200);
    expect((await nurse().get(`/inventory/units/${ready.serials[1]}`)).body.status).toBe(
      'AVAILABLE',
    );
    for (const serial of used)
      expect((await nurse().get(`/inventory/units/${serial}`)).body.status).toBe('CONSUMED');
    expect(
      (await nurse().get(`/inventory/items/${ready.implantItem.id}/stock`)).body,
    ).toMatchObject({ onHand: 2, reserved: 0 });
  });

  it('will not put in an implant reserved for another patient', async () => {
    const mine = await readyPlan(clinic);
    const theirs = await readyPlan(clinic);
    const room = await operatingRoom(clinic);
    const booked = await schedule(mine, room);
    expectStatus(
      'start',
      await nurse().post(`/surgical-cases/${booked.id}/start`, {
        reason: 'Started ahead of its booked day in a test',
      }),
      200,
    );
    const res = await nurse().post(`/surgical-cases/${booked.id}/inventory-usage`, {
      inventoryItemId: theirs.implantItem.id,
      serialNumber: theirs.serials[0],
      quantity: 1,
    });
    expect(res.status).toBe(409);
    expect((await nurse().get(`/inventory/units/${theirs.serials[0]}`)).body.status).toBe(
      'RESERVED',
    );
  });
});

describe('the theater schedule, roles and tenancy', () => {
  it('lists a day of one room in time order', async () => {
    const room = await operatingRoom(clinic);
    const days = nextDay();
    const a = await readyPlan(clinic);
    const b = await readyPlan(clinic);
    const late = expectStatus(
      'late',
      await coordinator().post(
        '/surgical-cases',
        caseBody(clinic, a.plan, room, days, {
          scheduledStart: at(days, 14),
          scheduledEnd: at(days, 16),
        }),
      ),
      201,
    );
    const early = await schedule(b, room, days);
    const res = await nurse().get(
      `/surgical-cases?from=${at(days, 0)}&to=${at(days + 1, 0)}&operatingRoomId=${room.id}`,
    );
    expect(res.status).toBe(200);
    expect(res.body.data.map((c: any) => c.id)).toEqual([early.id, late.id]);
    const page = await nurse().get(
      `/surgical-cases?from=${at(days, 0)}&to=${at(days + 1, 0)}&operatingRoomId=${room.id}&limit=1`,
    );
    const next = await nurse().get(
      `/surgical-cases?from=${at(days, 0)}&to=${at(days + 1, 0)}&operatingRoomId=${room.id}&limit=1&cursor=${page.body.nextCursor}`,
    );
    expect(next.body.data.map((c: any) => c.id)).toEqual([late.id]);
    expect(
      (await nurse().get(`/surgical-cases?from=${at(days, 5)}&to=${at(days, 1)}`)).status,
    ).toBe(400);
  });

  it('keeps rooms to ADMIN, scheduling to COORDINATOR and SURGEON, and other clinics out', async () => {
    const ready = await readyPlan(clinic);
    const room = await operatingRoom(clinic);
    expect((await coordinator().post('/operating-rooms', { name: 'Not mine' })).status).toBe(403);
    expect(
      (await nurse().post('/surgical-cases', caseBody(clinic, ready.plan, room, nextDay()))).status,
    ).toBe(403);
    const booked = await schedule(ready, room);
    expect(
      (
        await clinic.as('BILLING').post(`/surgical-cases/${booked.id}/start`, {
          reason: 'Started ahead of its booked day in a test',
        })
      ).status,
    ).toBe(403);
    expect((await other.as('COORDINATOR').get(`/surgical-cases/${booked.id}`)).status).toBe(404);
    expect(
      (
        await other.as('NURSE').post(`/surgical-cases/${booked.id}/start`, {
          reason: 'Started ahead of its booked day in a test',
        })
      ).status,
    ).toBe(404);
    expect(
      (
        await other
          .as('COORDINATOR')
          .post('/surgical-cases', caseBody(other, ready.plan, room, nextDay()))
      ).status,
    ).toBe(404);
    const duplicate = await clinic
      .as('ADMIN')
      .post('/operating-rooms', { name: room.name.toUpperCase() });
    expect(duplicate.status).toBe(409);
    const deactivated = await clinic
      .as('ADMIN')
      .patch(`/operating-rooms/${room.id}`, { active: false });
    expect(deactivated.body.active).toBe(false);
    const another = await readyPlan(clinic);
    const refused = await coordinator().post(
      '/surgical-cases',
      caseBody(clinic, another.plan, room, nextDay()),
    );
    expect(refused.status).toBe(400);
    expect(refused.body.errors[0].path).toBe('operatingRoomId');
  });
});

describe('operating room opening hours', () => {
  const admin = () => clinic.as('ADMIN');

  it('defaults to 07:00–19:00, takes hours on create and PATCH, and returns them on reads', async () => {
    const plain = await operatingRoom(clinic);
    expect(plain).toMatchObject({ opensAt: '07:00', closesAt: '19:00' });
    const created = expectStatus(
      'room with hours',
      await admin().post('/operating-rooms', {
        name: `OR hours ${nextDay()}`,
        opensAt: '06:30',
        closesAt: '21:15',
      }),
      201,
    );
    expect(created).toMatchObject({ opensAt: '06:30', closesAt: '21:15' });
    const read = expectStatus('read', await nurse().get(`/operating-rooms/${created.id}`), 200);
    expect(read).toMatchObject({ opensAt: '06:30', closesAt: '21:15' });
    const listed = expectStatus('list', await nurse().get('/operating-rooms?limit=100'), 200);
    expect(listed.data.find((r: any) => r.id === created.id)).toMatchObject({
      opensAt: '06:30',
      closesAt: '21:15',
    });
    const patched = expectStatus(
      'patch',
      await admin().patch(
        `/operating-rooms/${created.id}`,
        { closesAt: '18:00' },
        { 'if-match': `"${created.version}"` },
      ),
      200,
    );
    expect(patched).toMatchObject({ opensAt: '06:30', closesAt: '18:00', version: 2 });
  });

  it('refuses a bad time or a close not after the open, naming the field, and changes nothing', async () => {
    const room = await operatingRoom(clinic);
    for (const body of [
      { name: 'Bad hours A', opensAt: '7:00' },
      { name: 'Bad hours B', closesAt: '24:00' },
      { name: 'Bad hours C', opensAt: '12:00', closesAt: '12:00' },
      { name: 'Bad hours D', opensAt: '13:00', closesAt: '08:00' },
    ]) {
      const res = await admin().post('/operating-rooms', body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
    }
    const inverted = await admin().post('/operating-rooms', {
      name: 'Bad hours E',
      opensAt: '13:00',
      closesAt: '08:00',
    });
    expect(inverted.body.errors[0].path).toBe('closesAt');
    // Only one hour given: checked against the other one stored (07:00–19:00).
    const late = await admin().patch(`/operating-rooms/${room.id}`, { opensAt: '19:30' });
    expect(late.status).toBe(400);
    expect(late.body.errors[0].path).toBe('opensAt');
    const early = await admin().patch(`/operating-rooms/${room.id}`, { closesAt: '06:00' });
    expect(early.status).toBe(400);
    expect(early.body.errors[0].path).toBe('closesAt');
    const unchanged = expectStatus('read', await nurse().get(`/operating-rooms/${room.id}`), 200);
    expect(unchanged).toMatchObject({ opensAt: '07:00', closesAt: '19:00', version: 1 });
    expect(
      (await clinic.as('COORDINATOR').patch(`/operating-rooms/${room.id}`, { opensAt: '08:00' }))
        .status,
    ).toBe(403);
  });
});

describe('a schedule clash names the case in the way and offers free slots', () => {
  // Days and opening hours are the clinic's local ones, in its time zone.
  let zone: string;
  beforeAll(async () => {
    zone = await clinicZone();
  });
  const local = (day: string, hhmm: string) => zonedInstant(day, hhmm, zone).toISOString();

  it('on POST: the other case with its times, and the nearest free slots inside the hours', async () => {
    const first = await readyPlan(clinic);
    const second = await readyPlan(clinic);
    const room = await operatingRoom(clinic);
    const day = daysFromNow(nextDay());
    const booked = expectStatus(
      'book',
      await coordinator().post(
        '/surgical-cases',
        caseBody(clinic, first.plan, room, 0, {
          scheduledStart: local(day, '09:00'),
          scheduledEnd: local(day, '11:00'),
        }),
      ),
      201,
    );
    const otherSurgeon = await addStaffMember(t, clinic, 'SURGEON');
    const clash = await coordinator().post(
      '/surgical-cases',
      caseBody(clinic, second.plan, room, 0, {
        surgeonId: otherSurgeon.id,
        scheduledStart: local(day, '10:00'),
        scheduledEnd: local(day, '12:00'),
      }),
    );
    expect(clash.status).toBe(409);
    expect(clash.body).toMatchObject({
      code: 'SCHEDULE_CONFLICT',
      timeZone: zone,
      conflictingCase: {
        id: booked.id,
        caseNumber: booked.caseNumber,
        operatingRoomId: room.id,
        scheduledStart: booked.scheduledStart,
        scheduledEnd: booked.scheduledEnd,
      },
    });
    expect(clash.body.conflictingCase).not.toHaveProperty('patientName');
    // 07:00–19:00, 09:00–11:00 taken: the nearest 2-hour slots to 10:00.
    expect(clash.body.suggestedSlots).toEqual([
      { start: local(day, '07:00'), end: local(day, '09:00') },
      { start: local(day, '11:00'), end: local(day, '13:00') },
      { start: local(day, '17:00'), end: local(day, '19:00') },
    ]);
    // A suggested slot can be taken as it is.
    const taken = await coordinator().post(
      '/surgical-cases',
      caseBody(clinic, second.plan, room, 0, {
        surgeonId: otherSurgeon.id,
        scheduledStart: clash.body.suggestedSlots[1].start,
        scheduledEnd: clash.body.suggestedSlots[1].end,
      }),
    );
    expect(taken.status).toBe(201);
  });

  it("on PATCH: the surgeon's other cases count, the room's hours bound the slots, the moved case does not", async () => {
    const first = await readyPlan(clinic);
    const second = await readyPlan(clinic);
    const room = await operatingRoom(clinic);
    const shortRoom = expectStatus(
      'room',
      await clinic.as('ADMIN').post('/operating-rooms', {
        name: `OR short ${nextDay()}`,
        opensAt: '08:00',
        closesAt: '13:00',
      }),
      201,
    );
    const day = daysFromNow(nextDay());
    const inTheWay = expectStatus(
      'book',
      await coordinator().post(
        '/surgical-cases',
        caseBody(clinic, first.plan, room, 0, {
          scheduledStart: local(day, '10:00'),
          scheduledEnd: local(day, '11:00'),
        }),
      ),
      201,
    );
    const moving = expectStatus(
      'book',
      await coordinator().post(
        '/surgical-cases',
        caseBody(clinic, second.plan, shortRoom, 0, {
          scheduledStart: local(day, '08:00'),
          scheduledEnd: local(day, '09:00'),
        }),
      ),
      201,
    );
    // Same surgeon: 10:00–11:00 is taken in another room; the case itself (08:00) is not in the way.
    const clash = await coordinator().patch(
      `/surgical-cases/${moving.id}`,
      { scheduledStart: local(day, '10:30'), scheduledEnd: local(day, '11:30') },
      { 'if-match': `"${moving.version}"` },
    );
    expect(clash.status).toBe(409);
    expect(clash.body.conflict.resource).toBe('surgeon');
    expect(clash.body.conflictingCase.id).toBe(inTheWay.id);
    expect(clash.body.suggestedSlots).toEqual([
      { start: local(day, '09:00'), end: local(day, '10:00') },
      { start: local(day, '11:00'), end: local(day, '12:00') },
      { start: local(day, '12:00'), end: local(day, '13:00') },
    ]);
  });
});

describe('starting a case outside its booked day', () => {
  let zone: string;
  beforeAll(async () => {
    zone = await clinicZone();
  });

  it('asks for a reason (409 START_OUTSIDE_BOOKED_DAY), changes nothing, then starts with one and audits it', async () => {
    const ready = await readyPlan(clinic);
    const room = await operatingRoom(clinic);
    const days = nextDay();
    const booked = await schedule(ready, room, days);
    const refused = await nurse().post(`/surgical-cases/${booked.id}/start`, {});
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({
      code: 'START_OUTSIDE_BOOKED_DAY',
      bookedDay: localDay(new Date(booked.scheduledStart), zone),
      today: localDay(new Date(), zone),
      timeZone: zone,
    });
    expect(refused.body.detail).toContain('reason');
    const unchanged = expectStatus('read', await nurse().get(`/surgical-cases/${booked.id}`), 200);
    expect(unchanged).toMatchObject({ status: 'SCHEDULED', version: booked.version });
    expect(
      (await nurse().post(`/surgical-cases/${booked.id}/start`, { reason: '  ' })).status,
    ).toBe(400);
    const reason = 'Patient and surgeon both free today; the room opened up';
    const started = expectStatus(
      'start',
      await nurse().post(`/surgical-cases/${booked.id}/start`, { reason }),
      200,
    );
    expect(started).toMatchObject({ status: 'IN_PROGRESS', startReason: reason });
    const events = expectStatus(
      'audit',
      await clinic.as('ADMIN').get(`/audit-events?entityType=SurgicalCase&entityId=${booked.id}`),
      200,
    );
    const start = events.data.find((e: any) => e.action === 'surgical-case.start');
    expect(start.metadata).toMatchObject({
      reason,
      outsideBookedDay: true,
      bookedDay: localDay(new Date(booked.scheduledStart), zone),
    });
    expect(start.changedFields).toContain('startReason');
  });

  it('starts without a reason on the booked day', async () => {
    const soon = new Date(Date.now() + 5 * 60_000);
    if (localDay(soon, zone) !== localDay(new Date(Date.now() + 65 * 60_000), zone)) return;
    const ready = await readyPlan(clinic);
    const room = await operatingRoom(clinic);
    const surgeon = await addStaffMember(t, clinic, 'SURGEON');
    const booked = expectStatus(
      'book today',
      await coordinator().post(
        '/surgical-cases',
        caseBody(clinic, ready.plan, room, 0, {
          surgeonId: surgeon.id,
          scheduledStart: soon.toISOString(),
          scheduledEnd: new Date(soon.getTime() + 60 * 60_000).toISOString(),
        }),
      ),
      201,
    );
    const started = expectStatus(
      'start',
      await nurse().post(`/surgical-cases/${booked.id}/start`),
      200,
    );
    expect(started).toMatchObject({ status: 'IN_PROGRESS', startReason: null });
  });
});

describe("the nurse's pick list and the theater day PDF", () => {
  it('lists the reserved serials with item, size, lot and expiry; audited', async () => {
    const ready = await readyPlan(clinic);
    const room = await operatingRoom(clinic);
    const booked = await schedule(ready, room);
    const list = expectStatus(
      'pick list',
      await nurse().get(`/surgical-cases/${booked.id}/pick-list`),
      200,
    );
    expect(list.caseNumber).toBe(booked.caseNumber);
    const implants = list.lines.filter((l: any) => l.serialNumber !== null);
    expect(implants.map((l: any) => l.serialNumber).sort()).toEqual([...ready.serials].sort());
    expect(implants[0]).toMatchObject({
      inventoryItemName: 'Silicone breast implant 300cc round',
      size: '300cc',
      shape: 'Round',
      quantity: 1,
    });
    expect(implants[0].batchNumber).toMatch(/^LOT-/);
    expect(implants[0].expiresAt).toBe(daysFromNow(365));
    expect((await clinic.as('BILLING').get(`/surgical-cases/${booked.id}/pick-list`)).status).toBe(
      403,
    );
    expect((await other.as('NURSE').get(`/surgical-cases/${booked.id}/pick-list`)).status).toBe(
      404,
    );
    const events = expectStatus(
      'audit',
      await clinic.as('ADMIN').get(`/audit-events?entityType=SurgicalCase&entityId=${booked.id}`),
      200,
    );
    expect(events.data.map((e: any) => e.action)).toContain('surgical-case.pick-list');
  });

  it("prints the day's cases with the patients' names, audited as a read of each case", async () => {
    const ready = await readyPlan(clinic);
    const room = await operatingRoom(clinic);
    const days = nextDay();
    const booked = await schedule(ready, room, days);
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/v1/theater/day.pdf?date=${daysFromNow(days)}&operatingRoomId=${room.id}`,
      headers: { authorization: `Bearer ${clinic.staff.NURSE.token}` },
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toContain(`theater-${daysFromNow(days)}`);
    const pdf = res.rawPayload;
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    // Uncompressed text streams: the patient's name is in the document.
    const text = [...pdf.toString('latin1').matchAll(/<([0-9a-f]+)>/g)]
      .map((m) => Buffer.from(m[1] ?? '', 'hex').toString('latin1'))
      .join('');
    expect(text).toContain(ready.patient.lastName);
    writeFileSync('/tmp/theater-day.pdf', pdf);
    const events = expectStatus(
      'audit',
      await clinic.as('ADMIN').get(`/audit-events?entityType=SurgicalCase&entityId=${booked.id}`),
      200,
    );
    expect(events.data.map((e: any) => e.action)).toContain('theater.day-pdf');
    expect((await nurse().get('/theater/day.pdf?date=2026-02-30')).status).toBe(400);
    expect(
      (await clinic.as('BILLING').get(`/theater/day.pdf?date=${daysFromNow(days)}`)).status,
    ).toBe(403);
  });
});
