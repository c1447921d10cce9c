// The conversion report (docs/reports.md "Conversion") against a fixture clinic built through the
// API with the Clock moved: every figure checked against numbers worked out by hand below.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Clock } from '../src/common/clock';
import {
  Given,
  addStaffMember,
  type AddedStaffMember,
  type ClinicWithStaff,
} from './support/given';
import { feeScheduleEntry } from './support/given-plans';
import { expectStatus, operatingRoom, signConsent } from './support/given-theater';
import { startTestApp, type TestApp } from './support/test-app';

let t: TestApp;
let given: Given;
let clinic: ClinicWithStaff;
let surgeonB: AddedStaffMember;
let room: any;
let realNow: () => Date;

const RANGE = 'from=2026-01-01&to=2026-03-31';

/** The app's clock set to an instant. */
function setClock(iso: string): void {
  t.app.get(Clock).now = () => new Date(iso);
}

interface Journey {
  /** The consultation's surgeon: 'A' (Test SURGEON) or 'B' (Added SURGEON). */
  surgeon: 'A' | 'B';
  consultedAt: string;
  /** A second plan, cancelled and never quoted, created at this instant. */
  cancelledPlanAt?: string;
  planAt?: string;
  quoteAt?: string;
  approveAt?: string;
  /** The surgery: booked for the two hours before, started then, completed at this instant. */
  completeAt?: string;
}

/** A consultation and as many of its later steps as given, each at its instant on the Clock. */
async function journey(j: Journey): Promise<void> {
  const coordinator = clinic.as('COORDINATOR');
  const surgeon = j.surgeon === 'A' ? clinic.as('SURGEON') : surgeonB.api;
  const surgeonId = j.surgeon === 'A' ? clinic.staff.SURGEON.id : surgeonB.id;
  setClock(j.consultedAt);
  const patient = await given.patient(clinic);
  const consultation = expectStatus(
    'consultation',
    await surgeon.post('/consultations', {
      patientId: patient.id,
      surgeonId,
      consultationDate: j.consultedAt,
      reason: 'Rhinoplasty',
    }),
    201,
  );
  const planBody = {
    patientId: patient.id,
    consultationId: consultation.id,
    procedureName: 'Rhinoplasty',
    procedureType: 'COSMETIC',
    primaryCPTCode: '30400',
    cptCodes: ['30400'],
  };
  if (j.cancelledPlanAt) {
    setClock(j.cancelledPlanAt);
    const other = expectStatus('plan', await coordinator.post('/procedure-plans', planBody), 201);
    expectStatus(
      'cancel',
      await coordinator.post(`/procedure-plans/${other.id}/cancel`, { reason: 'Second opinion' }),
      200,
    );
  }
  if (!j.planAt) return;
  setClock(j.planAt);
  const plan = expectStatus('plan', await coordinator.post('/procedure-plans', planBody), 201);
  if (!j.quoteAt) return;
  setClock(j.quoteAt);
  expectStatus(
    'quote',
    await coordinator.post(`/procedure-plans/${plan.id}/quote`, { validDays: 60 }),
    201,
  );
  if (!j.approveAt) return;
  setClock(j.approveAt);
  await signConsent(clinic, plan.consent.id);
  expectStatus('approve', await coordinator.post(`/procedure-plans/${plan.id}/approve`, {}), 200);
  if (!j.completeAt) return;
  const end = new Date(j.completeAt);
  const start = new Date(end.getTime() - 2 * 3600_000).toISOString();
  setClock(start);
  const booked = expectStatus(
    'schedule',
    await coordinator.post('/surgical-cases', {
      procedurePlanId: plan.id,
      operatingRoomId: room.id,
      surgeonId,
      scheduledStart: start,
      scheduledEnd: j.completeAt,
    }),
    201,
  );
  expectStatus('start', await clinic.as('NURSE').post(`/surgical-cases/${booked.id}/start`), 200);
  setClock(j.completeAt);
  expectStatus('complete', await surgeon.post(`/surgical-cases/${booked.id}/complete`, {}), 200);
}

beforeAll(async () => {
  t = await startTestApp();
  given = new Given(t);
  const clock = t.app.get(Clock);
  realNow = clock.now.bind(clock);
  clinic = await given.clinicWithStaff('Conversion Report Clinic'); // America/New_York
  surgeonB = await addStaffMember(t, clinic, 'SURGEON', { name: 'Added SURGEON' });
  await feeScheduleEntry(clinic, '30400', { surgeonFee: '6000.00' });
  room = await operatingRoom(clinic);

  // Consultations and their steps (EST = UTC−5 until 2026-03-08, EDT = UTC−4 after):
  // c0: A, 2025-12-31 23:30 EST (= 2026-01-01T04:30Z): December locally, outside the range.
  await journey({
    surgeon: 'A',
    consultedAt: '2026-01-01T04:30:00Z',
    planAt: '2026-01-02T15:00:00Z',
  });
  // c1: A, January. Plan +7 d, quote +3 d, approval +10 d, surgery +30 d (consult→surgery 50 d).
  await journey({
    surgeon: 'A',
    consultedAt: '2026-01-05T15:00:00Z',
    planAt: '2026-01-12T15:00:00Z',
    quoteAt: '2026-01-15T15:00:00Z',
    approveAt: '2026-01-25T15:00:00Z',
    completeAt: '2026-02-24T15:00:00Z',
  });
  // c2: A, January. A plan cancelled at +0.25 d (the first plan: consult→plan 0.25 d), the other
  // plan at +0.5 d, quoted 2026-01-23T15:00Z (first plan → first quote 2.75 d); never approved.
  await journey({
    surgeon: 'A',
    consultedAt: '2026-01-20T15:00:00Z',
    cancelledPlanAt: '2026-01-20T21:00:00Z',
    planAt: '2026-01-21T03:00:00Z',
    quoteAt: '2026-01-23T15:00:00Z',
  });
  // c3: B, 2026-01-31 23:30 EST (= 2026-02-01T04:30Z): January locally, February in UTC.
  // Plan +2 d, quote +1 d, approval +2 d, surgery +4.5 d (consult→surgery 9.5 d).
  await journey({
    surgeon: 'B',
    consultedAt: '2026-02-01T04:30:00Z',
    planAt: '2026-02-03T04:30:00Z',
    quoteAt: '2026-02-04T04:30:00Z',
    approveAt: '2026-02-06T04:30:00Z',
    completeAt: '2026-02-10T16:30:00Z',
  });
  // c4: B, February, nothing after it.
  await journey({ surgeon: 'B', consultedAt: '2026-02-10T15:00:00Z' });
  // c5: A, March. Plan +2 d, quote +0.5 d, approval +10 d (across the DST change: real days),
  // surgery +30.5 d, after the range (counted: whenever it happened). Consult→surgery 43 d.
  await journey({
    surgeon: 'A',
    consultedAt: '2026-03-02T15:00:00Z',
    planAt: '2026-03-04T15:00:00Z',
    quoteAt: '2026-03-05T03:00:00Z',
    approveAt: '2026-03-15T03:00:00Z',
    completeAt: '2026-04-14T15:00:00Z',
  });
  // c6: A, 2026-03-31 23:30 EDT (= 2026-04-01T03:30Z): March locally, nothing after it.
  await journey({ surgeon: 'A', consultedAt: '2026-04-01T03:30:00Z' });
  // c7: A, 2026-04-01 00:30 EDT (= 2026-04-01T04:30Z): April, outside the range.
  await journey({
    surgeon: 'A',
    consultedAt: '2026-04-01T04:30:00Z',
    planAt: '2026-04-02T15:00:00Z',
  });
  setClock('2026-04-20T12:00:00Z');
}, 180_000);

afterAll(async () => {
  if (realNow) t.app.get(Clock).now = realNow;
  await t?.close();
});

const A_NAME = 'Test SURGEON';
const B_NAME = 'Added SURGEON';

describe('conversion report', () => {
  it('counts the cohort by month and surgeon, with the median days between the steps', async () => {
    const res = await clinic.as('COORDINATOR').get(`/reports/conversion?${RANGE}`);
    expect(res.status).toBe(200);
    const a = clinic.staff.SURGEON.id;
    const b = surgeonB.id;
    expect(res.body).toEqual({
      from: '2026-01-01',
      to: '2026-03-31',
      timeZone: 'America/New_York',
      surgeonId: null,
      generatedAt: '2026-04-20T12:00:00.000Z',
      // c1–c6: 6 consultations; plans c1 c2 c3 c5; quoted the same 4; approved c1 c3 c5;
      // completed c1 c3 c5 → 3/6 = 0.5.
      summary: {
        consultations: 6,
        plans: 4,
        quoted: 4,
        approved: 3,
        completed: 3,
        conversionRate: 0.5,
        medianDays: {
          // c1 7, c2 0.25, c3 2, c5 2 → (2 + 2) / 2
          consultToPlan: 2,
          // c1 3, c2 2.75, c3 1, c5 0.5 → (1 + 2.75) / 2 = 1.875 → 1.9
          planToQuote: 1.9,
          // c1 10, c3 2, c5 10 → 10
          quoteToApproval: 10,
          // c1 30, c3 4.5, c5 30.5 → 30
          approvalToSurgery: 30,
          // c1 50, c3 9.5, c5 43 → 43
          consultToSurgery: 43,
        },
      },
      // Month, then surgeon name ("Added SURGEON" before "Test SURGEON").
      rows: [
        // c3 (23:30 on 31 January locally).
        {
          month: '2026-01',
          surgeonId: b,
          surgeonName: B_NAME,
          consultations: 1,
          plans: 1,
          quoted: 1,
          approved: 1,
          completed: 1,
          conversionRate: 1,
        },
        // c1 and c2.
        {
          month: '2026-01',
          surgeonId: a,
          surgeonName: A_NAME,
          consultations: 2,
          plans: 2,
          quoted: 2,
          approved: 1,
          completed: 1,
          conversionRate: 0.5,
        },
        // c4.
        {
          month: '2026-02',
          surgeonId: b,
          surgeonName: B_NAME,
          consultations: 1,
          plans: 0,
          quoted: 0,
          approved: 0,
          completed: 0,
          conversionRate: 0,
        },
        // c5 and c6 (23:30 on 31 March locally).
        {
          month: '2026-03',
          surgeonId: a,
          surgeonName: A_NAME,
          consultations: 2,
          plans: 1,
          quoted: 1,
          approved: 1,
          completed: 1,
          conversionRate: 0.5,
        },
      ],
    });
  });

  it("keeps only the surgeon's consultations with surgeonId", async () => {
    const res = await clinic
      .as('ADMIN')
      .get(`/reports/conversion?${RANGE}&surgeonId=${surgeonB.id}`);
    expect(res.status).toBe(200);
    expect(res.body.surgeonId).toBe(surgeonB.id);
    // c3 and c4: plan c3 only (2 d), quote 1 d, approval 2 d, surgery 4.5 d, consult→surgery 9.5 d.
    expect(res.body.summary).toEqual({
      consultations: 2,
      plans: 1,
      quoted: 1,
      approved: 1,
      completed: 1,
      conversionRate: 0.5,
      medianDays: {
        consultToPlan: 2,
        planToQuote: 1,
        quoteToApproval: 2,
        approvalToSurgery: 4.5,
        consultToSurgery: 9.5,
      },
    });
    expect(res.body.rows.map((r: any) => [r.month, r.surgeonName, r.consultations])).toEqual([
      ['2026-01', B_NAME, 1],
      ['2026-02', B_NAME, 1],
    ]);
  });

  it('answers an empty range with zeros and null ratios and medians', async () => {
    const res = await clinic.as('BILLING').get('/reports/conversion?from=2025-06-01&to=2025-06-30');
    expect(res.status).toBe(200);
    expect(res.body.rows).toEqual([]);
    expect(res.body.summary).toEqual({
      consultations: 0,
      plans: 0,
      quoted: 0,
      approved: 0,
      completed: 0,
      conversionRate: null,
      medianDays: {
        consultToPlan: null,
        planToQuote: null,
        quoteToApproval: null,
        approvalToSurgery: null,
        consultToSurgery: null,
      },
    });
  });

  it('gives the rows as CSV', async () => {
    const res = await clinic.as('COORDINATOR').get(`/reports/conversion?${RANGE}&format=csv`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe(
      'attachment; filename="conversion-2026-01-01-to-2026-03-31.csv"',
    );
    const a = clinic.staff.SURGEON.id;
    const b = surgeonB.id;
    expect(res.text).toBe(
      '\ufeff' +
        [
          'month,surgeonId,surgeonName,consultations,plans,quoted,approved,completed,conversionRate',
          `2026-01,${b},Added SURGEON,1,1,1,1,1,1`,
          `2026-01,${a},Test SURGEON,2,2,2,1,1,0.5`,
          `2026-02,${b},Added SURGEON,1,0,0,0,0,0`,
          `2026-03,${a},Test SURGEON,2,1,1,1,1,0.5`,
        ].join('\r\n') +
        '\r\n',
    );
  });

  describe('refuses bad parameters', () => {
    const get = (query: string) => clinic.as('ADMIN').get(`/reports/conversion?${query}`);
    const field = (res: any) => res.body.errors?.map((e: any) => e.path);

    it('to before from → 400 naming to', async () => {
      const res = await get('from=2026-03-01&to=2026-02-28');
      expect(res.status).toBe(400);
      expect(field(res)).toEqual(['to']);
    });

    it('three years and a day → 400 naming to; three years exactly is answered', async () => {
      // 2023-01-01 … 2026-01-01 is 1,097 days; … 2025-12-31 is 1,096.
      const over = await get('from=2023-01-01&to=2026-01-01');
      expect(over.status).toBe(400);
      expect(field(over)).toEqual(['to']);
      expect((await get('from=2023-01-01&to=2025-12-31')).status).toBe(200);
    });

    it('an unknown surgeon, or a nurse → 400 naming surgeonId', async () => {
      const unknown = await get(`${RANGE}&surgeonId=0190a3c0-0000-7000-8000-000000000000`);
      expect(unknown.status).toBe(400);
      expect(field(unknown)).toEqual(['surgeonId']);
      const nurse = await get(`${RANGE}&surgeonId=${clinic.staff.NURSE.id}`);
      expect(nurse.status).toBe(400);
      expect(field(nurse)).toEqual(['surgeonId']);
    });

    it('section without csv, or an unknown section → 400 naming section', async () => {
      const json = await get(`${RANGE}&section=rows`);
      expect(json.status).toBe(400);
      expect(field(json)).toEqual(['section']);
      const unknown = await get(`${RANGE}&format=csv&section=stock`);
      expect(unknown.status).toBe(400);
      expect(field(unknown)).toEqual(['section']);
    });

    it('a role not allowed → 403', async () => {
      expect((await clinic.as('NURSE').get(`/reports/conversion?${RANGE}`)).status).toBe(403);
      expect((await clinic.as('SURGEON').get(`/reports/conversion?${RANGE}`)).status).toBe(403);
    });
  });
});
