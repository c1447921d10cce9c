// The quotes report (docs/reports.md "Quotes") against a fixture clinic built through the API with
// the Clock moved: every figure checked against numbers worked out by hand below.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Clock } from '../src/common/clock';
import {
  Given,
  addStaffMember,
  type AddedStaffMember,
  type ClinicWithStaff,
} from './support/given';
import { feeScheduleEntry } from './support/given-plans';
import { expectStatus } from './support/given-theater';
import { startTestApp, type TestApp } from './support/test-app';

let t: TestApp;
let given: Given;
let clinic: ClinicWithStaff;
let surgeonB: AddedStaffMember;
let realNow: () => Date;

const RANGE = 'from=2026-01-01&to=2026-03-31';
const RHINO = 'Rhinoplasty';
const ABDO = 'Abdominoplasty, full';

function setClock(iso: string): void {
  t.app.get(Clock).now = () => new Date(iso);
}

interface QuoteJourney {
  /** The plan's consultation's surgeon; none: a plan without a consultation. */
  surgeon?: 'A' | 'B';
  code: '30400' | '15830';
  name: string;
  /** The fee schedule's surgeon fee for the code from this quote on (the quote's total). */
  fee?: string;
  total: string;
  issuedAt: string;
  validDays: number;
  /** The plan approved then: the quote ACCEPTED. */
  approveAt?: string;
  /** A new quote issued then for the same plan (the first SUPERSEDED), valid `validDays`. */
  reissueAt?: string;
}

async function quoteJourney(j: QuoteJourney): Promise<void> {
  const coordinator = clinic.as('COORDINATOR');
  setClock(j.issuedAt);
  if (j.fee) await feeScheduleEntry(clinic, j.code, { surgeonFee: j.fee });
  const patient = await given.patient(clinic);
  let consultationId: string | undefined;
  if (j.surgeon) {
    const surgeonApi = j.surgeon === 'A' ? clinic.as('SURGEON') : surgeonB.api;
    consultationId = expectStatus(
      'consultation',
      await surgeonApi.post('/consultations', {
        patientId: patient.id,
        surgeonId: j.surgeon === 'A' ? clinic.staff.SURGEON.id : surgeonB.id,
        consultationDate: j.issuedAt,
        reason: j.name,
      }),
      201,
    ).id;
  }
  const plan = expectStatus(
    'plan',
    await coordinator.post('/procedure-plans', {
      patientId: patient.id,
      ...(consultationId ? { consultationId } : {}),
      procedureName: j.name,
      procedureType: 'COSMETIC',
      primaryCPTCode: j.code,
      cptCodes: [j.code],
    }),
    201,
  );
  const quote = expectStatus(
    'quote',
    await coordinator.post(`/procedure-plans/${plan.id}/quote`, { validDays: j.validDays }),
    201,
  );
  // The fixture's own check: the total the figures below are worked out from.
  expect(quote.total).toBe(j.total);
  if (j.reissueAt) {
    setClock(j.reissueAt);
    expectStatus(
      'reissue',
      await coordinator.post(`/procedure-plans/${plan.id}/quote`, { validDays: j.validDays }),
      201,
    );
  }
  if (j.approveAt) {
    setClock(j.approveAt);
    expectStatus('approve', await coordinator.post(`/procedure-plans/${plan.id}/approve`, {}), 200);
  }
}

beforeAll(async () => {
  t = await startTestApp();
  given = new Given(t);
  const clock = t.app.get(Clock);
  realNow = clock.now.bind(clock);
  clinic = await given.clinicWithStaff('Quotes Report Clinic'); // America/New_York
  surgeonB = await addStaffMember(t, clinic, 'SURGEON', { name: 'Added SURGEON' });

  // The report is asked at 2026-04-20T12:00Z (EST = UTC−5 until 2026-03-08, EDT = UTC−4 after).
  // q0: A, 30400, 2025-12-31 23:30 EST (= 2026-01-01T04:30Z): outside the range; accepted.
  await quoteJourney({
    surgeon: 'A',
    code: '30400',
    name: RHINO,
    fee: '6000.00',
    total: '6000.00',
    issuedAt: '2026-01-01T04:30:00Z',
    validDays: 30,
    approveAt: '2026-01-02T15:00:00Z',
  });
  // q1: A, 30400, 6000.00, accepted.
  await quoteJourney({
    surgeon: 'A',
    code: '30400',
    name: RHINO,
    total: '6000.00',
    issuedAt: '2026-01-10T15:00:00Z',
    validDays: 30,
    approveAt: '2026-01-12T15:00:00Z',
  });
  // q2: A, 30400 at a fee of 6000.01, issued 2026-01-31 23:30 EST (= 2026-02-01T04:30Z); accepted.
  await quoteJourney({
    surgeon: 'A',
    code: '30400',
    name: RHINO,
    fee: '6000.01',
    total: '6000.01',
    issuedAt: '2026-02-01T04:30:00Z',
    validDays: 30,
    approveAt: '2026-02-02T15:00:00Z',
  });
  // q3, q4: B, 30400: q3 issued 2026-02-10, superseded by q4 on 2026-02-15, valid 30 days (to
  // 2026-03-17): expired by now.
  await quoteJourney({
    surgeon: 'B',
    code: '30400',
    name: RHINO,
    total: '6000.01',
    issuedAt: '2026-02-10T15:00:00Z',
    validDays: 30,
    reissueAt: '2026-02-15T15:00:00Z',
  });
  // q5: no consultation, 30400, 2026-03-31 23:30 EDT (= 2026-04-01T03:30Z), valid 60 days: open.
  await quoteJourney({
    code: '30400',
    name: 'Rhinoplasty (revision)',
    total: '6000.01',
    issuedAt: '2026-04-01T03:30:00Z',
    validDays: 60,
  });
  // q6: B, 15830, 9000.00, accepted.
  await quoteJourney({
    surgeon: 'B',
    code: '15830',
    name: ABDO,
    fee: '9000.00',
    total: '9000.00',
    issuedAt: '2026-03-01T15:00:00Z',
    validDays: 30,
    approveAt: '2026-03-03T15:00:00Z',
  });
  // q7: A, 15830, valid 90 days (to 2026-06-08): open.
  await quoteJourney({
    surgeon: 'A',
    code: '15830',
    name: ABDO,
    total: '9000.00',
    issuedAt: '2026-03-10T15:00:00Z',
    validDays: 90,
  });
  // q8: B, 15830 named otherwise, valid 14 days (to 2026-04-03T15:00Z): expired by now.
  await quoteJourney({
    surgeon: 'B',
    code: '15830',
    name: 'Tummy tuck',
    total: '9000.00',
    issuedAt: '2026-03-20T15:00:00Z',
    validDays: 14,
  });
  // q9: A, 30400, 2026-04-01 00:30 EDT (= 2026-04-01T04:30Z): April, outside the range.
  await quoteJourney({
    surgeon: 'A',
    code: '30400',
    name: RHINO,
    total: '6000.01',
    issuedAt: '2026-04-01T04:30:00Z',
    validDays: 60,
  });
  setClock('2026-04-20T12:00:00Z');
}, 180_000);

afterAll(async () => {
  if (realNow) t.app.get(Clock).now = realNow;
  await t?.close();
});

describe('quotes report', () => {
  it('counts the quotes issued in the range by procedure, and where each stands now', async () => {
    const res = await clinic.as('COORDINATOR').get(`/reports/quotes?${RANGE}`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      from: '2026-01-01',
      to: '2026-03-31',
      timeZone: 'America/New_York',
      surgeonId: null,
      generatedAt: '2026-04-20T12:00:00.000Z',
      // q1–q8: accepted q1 q2 q6; expired q4 q8; superseded q3; open q5 q7.
      // 3 / (8 − 1) = 0.42857 → 0.4286; 6000.00 + 6000.01 + 9000.00 = 21000.01, ÷ 3 = 7000.0033.
      summary: {
        issued: 8,
        accepted: 3,
        expired: 2,
        superseded: 1,
        open: 2,
        acceptanceRate: 0.4286,
        acceptedValue: '21000.01',
        averageAcceptedValue: '7000.00',
      },
      rows: [
        // q1 q2 q3 q4 q5; 2 / (5 − 1); 12000.01 ÷ 2 = 6000.005 → 6000.01 (half up). The name most
        // of its quotes carry (4 × Rhinoplasty, 1 × Rhinoplasty (revision)).
        {
          procedureCode: '30400',
          procedureName: RHINO,
          issued: 5,
          accepted: 2,
          expired: 1,
          superseded: 1,
          open: 1,
          acceptanceRate: 0.5,
          acceptedValue: '12000.01',
          averageAcceptedValue: '6000.01',
        },
        // q6 q7 q8; 1 / 3.
        {
          procedureCode: '15830',
          procedureName: ABDO,
          issued: 3,
          accepted: 1,
          expired: 1,
          superseded: 0,
          open: 1,
          acceptanceRate: 0.3333,
          acceptedValue: '9000.00',
          averageAcceptedValue: '9000.00',
        },
      ],
    });
  });

  it("keeps only the quotes of the surgeon's consultations with surgeonId", async () => {
    const res = await clinic.as('BILLING').get(`/reports/quotes?${RANGE}&surgeonId=${surgeonB.id}`);
    expect(res.status).toBe(200);
    expect(res.body.surgeonId).toBe(surgeonB.id);
    // q3 q4 (30400), q6 q8 (15830): 1 / (4 − 1) = 0.3333.
    expect(res.body.summary).toEqual({
      issued: 4,
      accepted: 1,
      expired: 2,
      superseded: 1,
      open: 0,
      acceptanceRate: 0.3333,
      acceptedValue: '9000.00',
      averageAcceptedValue: '9000.00',
    });
    // Two issued each: by code. 15830's names tie (one each): the first alphabetically.
    expect(res.body.rows).toEqual([
      {
        procedureCode: '15830',
        procedureName: ABDO,
        issued: 2,
        accepted: 1,
        expired: 1,
        superseded: 0,
        open: 0,
        acceptanceRate: 0.5,
        acceptedValue: '9000.00',
        averageAcceptedValue: '9000.00',
      },
      {
        procedureCode: '30400',
        procedureName: RHINO,
        issued: 2,
        accepted: 0,
        expired: 1,
        superseded: 1,
        open: 0,
        acceptanceRate: 0,
        acceptedValue: '0.00',
        averageAcceptedValue: null,
      },
    ]);
  });

  it("judges validity at the report's now", async () => {
    // At 2026-04-02T12:00Z q8 (valid to 2026-04-03T15:00Z) is still open; q4 has expired.
    setClock('2026-04-02T12:00:00Z');
    try {
      const res = await clinic.as('ADMIN').get(`/reports/quotes?${RANGE}`);
      expect(res.status).toBe(200);
      expect([res.body.summary.expired, res.body.summary.open]).toEqual([1, 3]);
    } finally {
      setClock('2026-04-20T12:00:00Z');
    }
  });

  it('answers an empty range with zeros and null ratios', async () => {
    const res = await clinic.as('ADMIN').get('/reports/quotes?from=2025-06-01&to=2025-06-30');
    expect(res.status).toBe(200);
    expect(res.body.rows).toEqual([]);
    expect(res.body.summary).toEqual({
      issued: 0,
      accepted: 0,
      expired: 0,
      superseded: 0,
      open: 0,
      acceptanceRate: null,
      acceptedValue: '0.00',
      averageAcceptedValue: null,
    });
  });

  it('gives the rows as CSV, a name with a comma quoted', async () => {
    const res = await clinic.as('COORDINATOR').get(`/reports/quotes?${RANGE}&format=csv`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe(
      'attachment; filename="quotes-2026-01-01-to-2026-03-31.csv"',
    );
    expect(res.text).toBe(
      '\ufeff' +
        [
          'procedureCode,procedureName,issued,accepted,expired,superseded,open,acceptanceRate,acceptedValue,averageAcceptedValue',
          '30400,Rhinoplasty,5,2,1,1,1,0.5,12000.01,6000.01',
          '15830,"Abdominoplasty, full",3,1,1,0,1,0.3333,9000.00,9000.00',
        ].join('\r\n') +
        '\r\n',
    );
    // An empty average is an empty cell.
    const filtered = await clinic
      .as('COORDINATOR')
      .get(`/reports/quotes?${RANGE}&format=csv&surgeonId=${surgeonB.id}`);
    expect(filtered.text.split('\r\n')[2]).toBe('30400,Rhinoplasty,2,0,1,1,0,0,0.00,');
  });

  it('refuses bad parameters (the full list: reports-conversion.test.ts)', async () => {
    const admin = clinic.as('ADMIN');
    const to = await admin.get('/reports/quotes?from=2026-03-01&to=2026-02-28');
    expect([to.status, to.body.errors?.map((e: any) => e.path)]).toEqual([400, ['to']]);
    const nurse = await admin.get(`/reports/quotes?${RANGE}&surgeonId=${clinic.staff.NURSE.id}`);
    expect([nurse.status, nurse.body.errors?.map((e: any) => e.path)]).toEqual([
      400,
      ['surgeonId'],
    ]);
    expect((await clinic.as('SURGEON').get(`/reports/quotes?${RANGE}`)).status).toBe(403);
  });
});
