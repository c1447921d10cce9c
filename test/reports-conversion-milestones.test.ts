// The conversion report reads consultation_milestones, kept by triggers (docs/reports.md
// "Conversion"): the changes besides a new plan, quote or case reach it too — a plan moved to
// another consultation, and a plan made before its consultation's date (a consultation booked
// ahead), which a report pruned by the range's start would miss.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Clock } from '../src/common/clock';
import { Given, type ClinicWithStaff } from './support/given';
import { feeScheduleEntry } from './support/given-plans';
import { expectStatus } from './support/given-theater';
import { startTestApp, type TestApp } from './support/test-app';

let t: TestApp;
let given: Given;
let clinic: ClinicWithStaff;
let realNow: () => Date;

function setClock(iso: string): void {
  t.app.get(Clock).now = () => new Date(iso);
}

async function consultation(patientId: string, consultationDate: string): Promise<any> {
  return expectStatus(
    'consultation',
    await clinic.as('SURGEON').post('/consultations', {
      patientId,
      surgeonId: clinic.staff.SURGEON.id,
      consultationDate,
      reason: 'Rhinoplasty',
    }),
    201,
  );
}

async function plan(patientId: string, consultationId: string): Promise<any> {
  return expectStatus(
    'plan',
    await clinic.as('COORDINATOR').post('/procedure-plans', {
      patientId,
      consultationId,
      procedureName: 'Rhinoplasty',
      procedureType: 'COSMETIC',
      primaryCPTCode: '30400',
      cptCodes: ['30400'],
    }),
    201,
  );
}

beforeAll(async () => {
  t = await startTestApp();
  given = new Given(t);
  const clock = t.app.get(Clock);
  realNow = clock.now.bind(clock);
  clinic = await given.clinicWithStaff('Conversion Milestones Clinic'); // America/New_York
  await feeScheduleEntry(clinic, '30400', { surgeonFee: '6000.00' });
}, 60_000);

afterAll(async () => {
  if (realNow) t.app.get(Clock).now = realNow;
  await t?.close();
});

describe('conversion report, kept on write', () => {
  it('counts a plan made before its consultation’s date (a consultation booked ahead)', async () => {
    setClock('2026-05-20T15:00:00Z');
    const patient = await given.patient(clinic);
    const c = await consultation(patient.id, '2026-06-10T15:00:00Z');
    const p = await plan(patient.id, c.id);
    setClock('2026-05-21T15:00:00Z');
    expectStatus(
      'quote',
      await clinic.as('COORDINATOR').post(`/procedure-plans/${p.id}/quote`, { validDays: 60 }),
      201,
    );
    setClock('2026-07-01T12:00:00Z');
    const res = await clinic.as('ADMIN').get('/reports/conversion?from=2026-06-01&to=2026-06-30');
    expect(res.status).toBe(200);
    expect(res.body.summary).toMatchObject({ consultations: 1, plans: 1, quoted: 1, approved: 0 });
    // The plan 21 days before the consultation, the quote a day after the plan.
    expect(res.body.summary.medianDays).toMatchObject({ consultToPlan: -21, planToQuote: 1 });
  });

  it('moves the steps of a plan linked to another consultation', async () => {
    setClock('2026-08-01T15:00:00Z');
    const patient = await given.patient(clinic);
    const first = await consultation(patient.id, '2026-08-01T15:00:00Z');
    setClock('2026-08-02T15:00:00Z');
    const second = await consultation(patient.id, '2026-08-02T15:00:00Z');
    setClock('2026-08-03T15:00:00Z');
    const p = await plan(patient.id, first.id);
    const report = async () => {
      const res = await clinic.as('ADMIN').get('/reports/conversion?from=2026-08-01&to=2026-08-31');
      expect(res.status).toBe(200);
      return res.body.summary;
    };
    // On the first consultation: 2 days after it.
    expect(await report()).toMatchObject({ consultations: 2, plans: 1 });
    expect((await report()).medianDays.consultToPlan).toBe(2);

    setClock('2026-08-04T15:00:00Z');
    expectStatus(
      'relink',
      await clinic.as('COORDINATOR').patch(`/procedure-plans/${p.id}`, {
        consultationId: second.id,
      }),
      200,
    );
    // On the second consultation now: 1 day after it; the first has no plan.
    const moved = await report();
    expect(moved).toMatchObject({ consultations: 2, plans: 1, quoted: 0 });
    expect(moved.medianDays.consultToPlan).toBe(1);
  });
});
