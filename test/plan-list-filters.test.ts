// GET /procedure-plans?surgeonId=&from=&to= (docs/procedure-plans.md "Listing"): the plan board's
// filters, alone, together and with the list's other filters, in the caller's clinic only.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TransactionRunner } from '../src/common/database/transaction-runner';
import type { ApiResponse } from './support/api';
import { addStaffMember, Given, type ClinicWithStaff, type StaffMember } from './support/given';
import { breastAugmentationPlan, seedBreastAugmentationCatalog } from './support/given-plans';
import {
  caseBody,
  expectStatus,
  operatingRoom,
  readyPlan,
  type ReadyPlan,
} from './support/given-theater';
import { startTestApp, type TestApp } from './support/test-app';

let t: TestApp;
let given: Given;
let clinic: ClinicWithStaff;
let otherClinic: ClinicWithStaff;
/** The clinic's first surgeon (clinic.staff.SURGEON) and a second one. */
let surgeonA: StaffMember;
let surgeonB: StaffMember;
let room: any;
// Each case books its own day, so no surgeon or room is double-booked by accident.
let day = 10;
const nextDay = () => (day += 2);

beforeAll(async () => {
  t = await startTestApp();
  given = new Given(t);
  clinic = await given.clinicWithStaff('Plan Board Clinic');
  otherClinic = await given.clinicWithStaff('Other Plan Board Clinic');
  await seedBreastAugmentationCatalog(clinic);
  await seedBreastAugmentationCatalog(otherClinic);
  surgeonA = clinic.staff.SURGEON;
  surgeonB = await addStaffMember(t, clinic, 'SURGEON', { name: 'Second Surgeon' });
  room = await operatingRoom(clinic);
});
afterAll(() => t.close());

const coordinator = () => clinic.as('COORDINATOR');

async function consultation(
  on: ClinicWithStaff,
  patientId: string,
  surgeonId: string,
): Promise<any> {
  return expectStatus(
    'consultation',
    await on.as('COORDINATOR').post('/consultations', {
      patientId,
      surgeonId,
      consultationDate: '2026-11-20T10:00:00Z',
      reason: 'Breast augmentation',
    }),
    201,
  );
}

/** A DRAFT plan of a new patient, after a consultation with `surgeonId` when given. */
async function plan(on: ClinicWithStaff, surgeonId?: string): Promise<any> {
  const patient = await given.patient(on);
  const consulted = surgeonId ? await consultation(on, patient.id, surgeonId) : undefined;
  return expectStatus(
    'plan',
    await on
      .as('COORDINATOR')
      .post('/procedure-plans', breastAugmentationPlan(patient.id, consulted?.id)),
    201,
  );
}

/** A plan ready to schedule; after a consultation with `consultedId` when given. */
function schedulable(consultedId?: string): Promise<ReadyPlan> {
  return readyPlan(clinic, { consultedBy: consultedId });
}

async function book(ready: ReadyPlan, surgeon: StaffMember): Promise<any> {
  return expectStatus(
    'schedule',
    await coordinator().post(
      '/surgical-cases',
      caseBody(clinic, ready.plan, room, nextDay(), { surgeonId: surgeon.id }),
    ),
    201,
  );
}

/** Every plan id the list answers for `query`, following the cursor. */
async function listed(query: string, on: ClinicWithStaff = clinic): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | null = null;
  do {
    const res: ApiResponse = await on
      .as('NURSE')
      .get(`/procedure-plans?${query}&limit=100${cursor ? `&cursor=${cursor}` : ''}`);
    expect(res.status, res.text).toBe(200);
    ids.push(...res.body.data.map((p: any) => p.id));
    cursor = res.body.nextCursor;
  } while (cursor);
  return ids;
}

/** Sets a plan's created_at: the API has no way to create a plan on another day. */
async function createdAt(on: ClinicWithStaff, planId: string, instant: string): Promise<void> {
  await t.app
    .get(TransactionRunner)
    .db.execute(
      sql`UPDATE procedure_plans SET created_at = ${instant}::timestamptz WHERE clinic_id = ${on.clinicId} AND id = ${planId}`,
    );
}

describe('GET /procedure-plans?surgeonId=', () => {
  it("lists the plans whose consultation was with the surgeon, and only the surgeon's", async () => {
    const ofA = await plan(clinic, surgeonA.id);
    const ofB = await plan(clinic, surgeonB.id);
    const unconsulted = await plan(clinic);

    const forA = await listed(`surgeonId=${surgeonA.id}`);
    expect(forA).toContain(ofA.id);
    expect(forA).not.toContain(ofB.id);
    expect(forA).not.toContain(unconsulted.id);
    const forB = await listed(`surgeonId=${surgeonB.id}`);
    expect(forB).toContain(ofB.id);
    expect(forB).not.toContain(ofA.id);
    expect(forB).not.toContain(unconsulted.id);
  });

  it('lists the plans whose live case is booked with the surgeon, not after the case is cancelled', async () => {
    const ready = await schedulable();
    const booked = await book(ready, surgeonB);

    expect(await listed(`surgeonId=${surgeonB.id}`)).toContain(ready.plan.id);
    expect(await listed(`surgeonId=${surgeonA.id}`)).not.toContain(ready.plan.id);

    expectStatus(
      'cancel the case',
      await coordinator().post(`/surgical-cases/${booked.id}/cancel`, { reason: 'Rebooking' }),
      200,
    );
    expect(await listed(`surgeonId=${surgeonB.id}`)).not.toContain(ready.plan.id);
  });

  it("lists a plan once under its consultation's surgeon and once under its case's", async () => {
    const ready = await schedulable(surgeonA.id);
    await book(ready, surgeonB);

    const forA = await listed(`surgeonId=${surgeonA.id}`);
    const forB = await listed(`surgeonId=${surgeonB.id}`);
    expect(forA.filter((id) => id === ready.plan.id)).toHaveLength(1);
    expect(forB.filter((id) => id === ready.plan.id)).toHaveLength(1);
    expect(new Set(forA).size).toBe(forA.length);
    expect(new Set(forB).size).toBe(forB.length);
  });

  it('pages newest first through the cursor', async () => {
    const surgeon = await addStaffMember(t, clinic, 'SURGEON');
    const ids = [];
    for (let i = 0; i < 3; i++) ids.push((await plan(clinic, surgeon.id)).id);

    const first = await coordinator().get(`/procedure-plans?surgeonId=${surgeon.id}&limit=2`);
    const second = await coordinator().get(
      `/procedure-plans?surgeonId=${surgeon.id}&limit=2&cursor=${first.body.nextCursor}`,
    );
    expect(first.body.data.map((p: any) => p.id)).toEqual([ids[2], ids[1]]);
    expect(second.body.data.map((p: any) => p.id)).toEqual([ids[0]]);
    expect(second.body.nextCursor).toBeNull();
  });
});

describe('GET /procedure-plans?from=&to=', () => {
  it('includes the plans created on both bound days, UTC, and none outside', async () => {
    const dated = await given.clinicWithStaff('Plan Board Dates Clinic');
    await seedBreastAugmentationCatalog(dated);
    const instants = {
      dayBefore: '2026-02-28T23:59:59.999Z',
      firstMoment: '2026-03-01T00:00:00.000Z',
      lastMoment: '2026-03-02T23:59:59.999Z',
      dayAfter: '2026-03-03T00:00:00.000Z',
    };
    const ids: Record<keyof typeof instants, string> = {} as any;
    for (const [name, instant] of Object.entries(instants) as [keyof typeof instants, string][]) {
      ids[name] = (await plan(dated)).id;
      await createdAt(dated, ids[name], instant);
    }
    const read = (query: string) => listed(query, dated).then((found) => [...found].sort());

    expect(await read('from=2026-03-01&to=2026-03-02')).toEqual(
      [ids.firstMoment, ids.lastMoment].sort(),
    );
    expect(await read('from=2026-03-01')).toEqual(
      [ids.firstMoment, ids.lastMoment, ids.dayAfter].sort(),
    );
    expect(await read('to=2026-03-02')).toEqual(
      [ids.dayBefore, ids.firstMoment, ids.lastMoment].sort(),
    );
    expect(await read('from=2026-03-02&to=2026-03-02')).toEqual([ids.lastMoment]);
    expect(await read('from=2026-03-04')).toEqual([]);
    const shown = (await dated.as('NURSE').get(`/procedure-plans/${ids.lastMoment}`)).body;
    expect(shown.createdAt).toBe(instants.lastMoment);
  });

  it('finds a plan created now by its own day, and not the days around it', async () => {
    const created = await plan(clinic);
    const today = created.createdAt.slice(0, 10);
    const shift = (days: number) =>
      new Date(Date.parse(today) + days * 86_400_000).toISOString().slice(0, 10);

    expect(await listed(`from=${today}&to=${today}`)).toContain(created.id);
    expect(await listed(`from=${shift(1)}`)).not.toContain(created.id);
    expect(await listed(`to=${shift(-1)}`)).not.toContain(created.id);
  });
});

describe('combined filters', () => {
  it('narrows by surgeon and status, surgeon and dates, dates and status', async () => {
    const surgeon = await addStaffMember(t, clinic, 'SURGEON');
    const draft = await plan(clinic, surgeon.id);
    const quoted = await plan(clinic, surgeon.id);
    expectStatus('quote', await coordinator().post(`/procedure-plans/${quoted.id}/quote`, {}), 201);
    const elsewhere = await plan(clinic, surgeonA.id);
    expectStatus(
      'quote',
      await coordinator().post(`/procedure-plans/${elsewhere.id}/quote`, {}),
      201,
    );
    const today = draft.createdAt.slice(0, 10);

    expect(await listed(`surgeonId=${surgeon.id}&status=QUOTED`)).toEqual([quoted.id]);
    expect(await listed(`surgeonId=${surgeon.id}&status=DRAFT`)).toEqual([draft.id]);
    expect(await listed(`surgeonId=${surgeon.id}&status=APPROVED`)).toEqual([]);
    expect(await listed(`surgeonId=${surgeon.id}&from=${today}&to=${today}`)).toEqual([
      quoted.id,
      draft.id,
    ]);
    expect(await listed(`surgeonId=${surgeon.id}&to=2000-01-01`)).toEqual([]);
    const quotedToday = await listed(`status=QUOTED&from=${today}&to=${today}`);
    expect(quotedToday).toEqual(expect.arrayContaining([quoted.id, elsewhere.id]));
    expect(quotedToday).not.toContain(draft.id);
    expect(
      await listed(`surgeonId=${surgeon.id}&patientId=${draft.patientId}&from=${today}`),
    ).toEqual([draft.id]);
  });
});

describe("another clinic's plans", () => {
  it('are never listed, by surgeon or by date', async () => {
    const theirs = await plan(otherClinic, otherClinic.staff.SURGEON.id);
    const ours = await plan(clinic, surgeonA.id);
    const today = theirs.createdAt.slice(0, 10);

    expect(await listed(`surgeonId=${otherClinic.staff.SURGEON.id}`)).toEqual([]);
    expect(await listed(`surgeonId=${surgeonA.id}`, otherClinic)).toEqual([]);
    const ourDay = await listed(`from=${today}&to=${today}`);
    expect(ourDay).toContain(ours.id);
    expect(ourDay).not.toContain(theirs.id);
    expect(await listed(`surgeonId=${otherClinic.staff.SURGEON.id}`, otherClinic)).toEqual([
      theirs.id,
    ]);
  });
});

describe('bad values', () => {
  const cases: [string, string, string, RegExp][] = [
    ['a surgeonId that is not a uuid', 'surgeonId=dr-smith', 'surgeonId', /uuid/i],
    ['a from that is not a date', 'from=01/03/2026', 'from', /YYYY-MM-DD/],
    ['a from that is no day of the calendar', 'from=2026-02-30', 'from', /YYYY-MM-DD/],
    ['a to with a time', 'to=2026-03-01T00:00:00Z', 'to', /YYYY-MM-DD/],
    ['from after to', 'from=2026-03-02&to=2026-03-01', 'to', /before from/],
  ];
  for (const [what, query, path, message] of cases) {
    it(`answers ${what} with a 400 naming ${path}`, async () => {
      const res = await coordinator().get(`/procedure-plans?${query}`);
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
      expect(res.body.errors).toEqual([{ path, message: expect.stringMatching(message) }]);
    });
  }

  it('accepts from equal to to', async () => {
    expect((await coordinator().get('/procedure-plans?from=2026-03-01&to=2026-03-01')).status).toBe(
      200,
    );
  });
});
