// A/R aging over HTTP (docs/reports.md "A/R aging"): a clinic (America/New_York) with insured
// bills issued over five months, with the app's Clock moved: claims to two insurers, an 835 that
// pays part, writes part off (CO-45) and moves part to the patient (PR-1), patient payments, a bill
// without a claim, one without insurance, one voided after the as-of day, payments after it, and
// two bills either side of the 30/31-day boundary in the clinic's zone, and a second surgeon's
// bill for the surgeon filter. Every figure is a literal, worked out in the comments.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Clock } from '../src/common/clock';
import { Given, type ClinicWithStaff } from './support/given';
import { claimOf, givenInsuredBill, HYBRID_PLAN, submit } from './support/given-claims';
import {
  at,
  daysFromNow,
  expectStatus,
  operatingRoom,
  seedTransport,
} from './support/given-theater';
import { runSeedWorkflow } from './support/seed-workflow';
import { startTestApp, type TestApp } from './support/test-app';
import { remittance835 } from './support/x12-835';

let t: TestApp;
let clinic: ClinicWithStaff;
let clock: Clock;
let realNow: () => Date;
let nwh: any;
let acme: any;
let otherSurgeon: any;
const bill: Record<'A' | 'B' | 'C' | 'D' | 'E' | 'F' | 'G', any> = {} as any;

const billing = () => clinic.as('BILLING');

/** The clock at `iso`, one millisecond later at every read (so stamps stay ordered). */
function clockAt(iso: string): void {
  let tick = 0;
  const base = Date.parse(iso);
  clock.now = () => new Date(base + tick++);
}

async function switchInsurance(patientId: string, payer: any): Promise<void> {
  expectStatus(
    'insurance',
    await billing().request('PUT', `/patients/${patientId}/insurance`, {
      payerId: payer.id,
      memberId: `M-${patientId.slice(0, 8)}`,
      subscriber: { relationship: '18' },
    }),
    200,
  );
}

async function pay(billId: string, amount: string, payer = 'PATIENT'): Promise<void> {
  expectStatus(
    'payment',
    await billing().post(`/bills/${billId}/payments`, { amount, payer, method: 'CARD' }),
    201,
  );
}

/** A HYBRID case of the second surgeon, completed into a bill (its patient without insurance). */
async function otherSurgeonsBill(): Promise<any> {
  const room = await operatingRoom(clinic);
  const run = await runSeedWorkflow(seedTransport(clinic), {
    patient: {
      create: {
        firstName: 'Grace',
        lastName: 'Otieno',
        dateOfBirth: '1980-03-14',
        sexAtBirth: 'FEMALE',
        phone: '+1 206 555 0199',
      },
    },
    plan: HYBRID_PLAN,
    signerName: 'Grace Otieno',
    // The insured procedure needs an approved prior authorization to be booked.
    onPlanCreated: async (plan) => {
      const pa = expectStatus(
        'prior authorization',
        await billing().post(`/procedure-plans/${plan.id}/prior-authorizations`, {
          payerName: 'Northwind Health',
          memberId: 'NWH-GO-1',
        }),
        201,
      );
      expectStatus('submit', await billing().post(`/prior-authorizations/${pa.id}/submit`), 200);
      expectStatus(
        'decision',
        await billing().post(`/prior-authorizations/${pa.id}/decision`, {
          status: 'APPROVED',
          authorizationNumber: 'NWH-AUTH-1',
          validFrom: daysFromNow(-1),
          validTo: daysFromNow(365),
        }),
        200,
      );
    },
    booking: () => ({
      operatingRoomId: room.id,
      surgeonId: otherSurgeon.id,
      scheduledStart: at(60, 15),
      scheduledEnd: at(60, 17),
    }),
    until: 'COMPLETED',
  });
  if (!run.completed?.billId) throw new Error('the case was not billed');
  return expectStatus('bill', await billing().get(`/bills/${run.completed.billId}`), 200);
}

async function remit(trace: string, payerId: string, clp: any): Promise<void> {
  const res = await billing().post(
    '/remittances',
    remittance835({ trace, payerId, claims: [clp] }),
    {
      'content-type': 'text/plain',
    },
  );
  expectStatus('remittance', res, 201);
}

beforeAll(async () => {
  t = await startTestApp();
  clock = t.app.get(Clock);
  realNow = clock.now.bind(clock);
  clinic = await new Given(t).clinicWithStaff('Aging Clinic');
  otherSurgeon = expectStatus(
    'second surgeon',
    await clinic.as('ADMIN').post('/users', {
      email: `surgeon2-${Date.now()}@example.test`,
      name: 'Second Surgeon',
      role: 'SURGEON',
      password: 'correct-horse-battery-staple-1',
    }),
    201,
  );
  try {
    // A: RECONSTRUCTIVE, Northwind, issued Wed 2026-07-15 10:00 EDT.
    clockAt('2026-07-15T14:00:00Z');
    const a = await givenInsuredBill(clinic, { kind: 'RECONSTRUCTIVE' });
    nwh = (await billing().get('/payers')).body.data.find((p: any) => p.payerId === 'NWH01');
    acme = expectStatus(
      'payer',
      await billing().post('/payers', { name: 'Acme Mutual', payerId: 'ACM02' }),
      201,
    );
    const claimA = await claimOf(clinic, a.bill.id);
    await submit(clinic, [claimA.id]);
    // B: HYBRID, insurance moved to Acme before its claim, issued 2026-08-20 10:00 EDT.
    clockAt('2026-08-20T14:00:00Z');
    const b = await givenInsuredBill(clinic, { kind: 'HYBRID' });
    await switchInsurance(b.patient.id, acme);
    const claimB = await claimOf(clinic, b.bill.id);
    await submit(clinic, [claimB.id]);
    // The 835 for A, the same day: 19357 4800 paid 4000, CO-45 500, PR-1 300; L8600 650 paid.
    await remit('EFT-A-1', 'NWH01', {
      claimNumber: claimA.claimNumber,
      charge: '5450',
      paid: '4650',
      services: [
        {
          code: '19357',
          charge: '4800',
          paid: '4000',
          adjustments: [
            ['CO', '45', '500'],
            ['PR', '1', '300'],
          ],
        },
        { code: 'L8600', charge: '650', paid: '650' },
      ],
    });
    clockAt('2026-09-01T15:00:00Z');
    await pay(b.bill.id, '500.00');
    clockAt('2026-09-10T15:00:00Z');
    await pay(a.bill.id, '100.00');
    // C: HYBRID, Northwind on file, no claim made; issued 2026-09-15 11:00 EDT.
    clockAt('2026-09-15T15:00:00Z');
    const c = await givenInsuredBill(clinic, { kind: 'HYBRID' });
    // D: RECONSTRUCTIVE, Acme; issued Fri 2026-10-30 23:30 EDT = 2026-10-31 03:30 UTC.
    clockAt('2026-10-31T03:30:00Z');
    const d = await givenInsuredBill(clinic, { kind: 'RECONSTRUCTIVE' });
    await switchInsurance(d.patient.id, acme);
    const claimD = await claimOf(clinic, d.bill.id);
    await submit(clinic, [claimD.id]);
    // E: HYBRID without insurance; issued Sat 2026-10-31 12:00 EDT.
    clockAt('2026-10-31T16:00:00Z');
    const e = await givenInsuredBill(clinic, { kind: 'HYBRID', insured: false });
    // F: HYBRID, Northwind, issued 2026-11-10 (EST), voided 2026-12-02.
    clockAt('2026-11-10T15:00:00Z');
    const f = await givenInsuredBill(clinic, { kind: 'HYBRID' });
    clockAt('2026-12-02T15:00:00Z');
    expectStatus(
      'void',
      await clinic.as('ADMIN').post(`/bills/${f.bill.id}/void`, { reason: 'Billed twice' }),
      200,
    );
    // G: HYBRID of the second surgeon, issued 2026-11-20 10:00 EST; its insurance share paid
    // (3500.00 on 11-25), the patient's 1500.00 open.
    clockAt('2026-11-20T15:00:00Z');
    const g = await otherSurgeonsBill();
    clockAt('2026-11-25T15:00:00Z');
    await pay(g.id, '3500.00', 'INSURANCE');
    // After 2026-11-30: Acme pays D's claim (5450.00) in full, the patient pays 200.00 more on B.
    clockAt('2026-12-03T15:00:00Z');
    await remit('EFT-D-1', 'ACM02', {
      claimNumber: claimD.claimNumber,
      charge: '5450',
      paid: '5450',
      services: [
        { code: '19357', charge: '4800', paid: '4800' },
        { code: 'L8600', charge: '650', paid: '650' },
      ],
    });
    await pay(b.bill.id, '200.00');
    Object.assign(bill, { A: a.bill, B: b.bill, C: c.bill, D: d.bill, E: e.bill, F: f.bill, G: g });
  } finally {
    clock.now = realNow;
  }
}, 300_000);
afterAll(() => t?.close());

function report(query: string) {
  return billing().get(`/reports/ar-aging?${query}`);
}

const ids = () => ({ nwh: nwh.id, acme: acme.id });

/** A bill's open balance as the report answers it. */
function open(
  b: any,
  issuedOn: string,
  ageDays: number,
  payer: 'NWH' | 'ACME' | 'NONE' | 'PATIENT',
  balance: string,
) {
  const payerOf = {
    NWH: { payerKind: 'INSURER', payerId: ids().nwh, payerName: 'Northwind Health' },
    ACME: { payerKind: 'INSURER', payerId: ids().acme, payerName: 'Acme Mutual' },
    NONE: { payerKind: 'INSURER', payerId: null, payerName: 'No insurer on file' },
    PATIENT: { payerKind: 'PATIENT', payerId: null, payerName: 'Patients' },
  }[payer];
  return { billId: b.id, billNumber: b.billNumber, issuedOn, ageDays, ...payerOf, balance };
}

function buckets(
  days0To30: string,
  days31To60: string,
  days61To90: string,
  days91To120: string,
  over120: string,
  total: string,
) {
  return { days0To30, days31To60, days61To90, days91To120, over120, total };
}

// The bills (GET /bills/:id): A and D RECONSTRUCTIVE, 6350.00 all insurance (19357 4800.00,
// facility 900.00, L8600 650.00); B, C, E, F HYBRID, 5000.00 = insurance 3500.00 (15830 3000.00,
// facility 500.00) + patient 1500.00 (15847).
//
// The ledger:
//   A: 835 on 08-20 pays 4650.00 (4000 + 650), CO-45 500.00, PR-1 300.00; patient pays 100.00 09-10.
//      insurance 6350 − 4650 − 500 − 300 = 900.00 (the facility line); patient 0 + 300 − 100 = 200.00
//   B: claim to Acme, not paid; patient pays 500.00 on 09-01, 200.00 on 12-03.
//      insurance 3500.00; patient 1500 − 500 = 1000.00 (11-30), − 200 = 800.00 (today)
//   C: no claim: Northwind, the patient's insurance. insurance 3500.00, patient 1500.00
//   D: claim to Acme, paid 5450.00 on 12-03: insurance 6350.00 (11-30), 6350 − 5450 = 900.00 (today)
//   E: no claim, no insurance: 3500.00 to "No insurer on file", patient 1500.00
//   F: Northwind on file, voided 12-02: 3500.00 + 1500.00 on 11-30, nothing today.
//
// Ages on 2026-11-30: A 07-15 → 16 (rest of July) + 31 + 30 + 31 + 30 = 138 (over 120);
// B 08-20 → 11 + 30 + 31 + 30 = 102 (91–120); C 09-15 → 15 + 31 + 30 = 76 (61–90);
// D issued 2026-10-31T03:30Z = 10-30 23:30 EDT → 1 + 30 = 31 (31–60; by the UTC day it would be 30);
// E 10-31 12:00 EDT → 30 (0–30); F 11-10 → 20 (0–30).

describe('GET /reports/ar-aging as of 2026-11-30', () => {
  const query = 'from=2026-06-01&to=2026-11-30';

  it('rebuilds each balance from the ledger as it stood at the end of the day, by payer', async () => {
    const res = await report(query);
    expect(res.status).toBe(200);
    const { A, B, C, D, E, F, G } = bill;
    expect(res.body.bills).toEqual([
      open(A, '2026-07-15', 138, 'NWH', '900.00'),
      open(A, '2026-07-15', 138, 'PATIENT', '200.00'),
      open(B, '2026-08-20', 102, 'ACME', '3500.00'),
      // 1000.00: the 200.00 of 12-03 is not yet received.
      open(B, '2026-08-20', 102, 'PATIENT', '1000.00'),
      open(C, '2026-09-15', 76, 'NWH', '3500.00'),
      open(C, '2026-09-15', 76, 'PATIENT', '1500.00'),
      // 6350.00: Acme's 5450.00 of 12-03 is not yet received. 31 days: the clinic's day 10-30.
      open(D, '2026-10-30', 31, 'ACME', '6350.00'),
      open(E, '2026-10-31', 30, 'NONE', '3500.00'),
      open(E, '2026-10-31', 30, 'PATIENT', '1500.00'),
      // F was voided on 12-02: still owed on 11-30.
      open(F, '2026-11-10', 20, 'NWH', '3500.00'),
      open(F, '2026-11-10', 20, 'PATIENT', '1500.00'),
      // G: its insurance share paid; 11-20 → 10 days.
      open(G, '2026-11-20', 10, 'PATIENT', '1500.00'),
    ]);
  });

  it('sums the rows by payer, largest first, and the summary with days in A/R', async () => {
    const res = await report(query);
    expect(res.body).toMatchObject({
      from: '2026-06-01',
      to: '2026-11-30',
      asOf: '2026-11-30',
      timeZone: 'America/New_York',
      surgeonId: null,
    });
    expect(res.body.rows).toEqual([
      // Acme: D 6350.00 (31–60) + B 3500.00 (91–120) = 9850.00
      {
        payerKind: 'INSURER',
        payerId: acme.id,
        payerName: 'Acme Mutual',
        bills: 2,
        ...buckets('0.00', '6350.00', '0.00', '3500.00', '0.00', '9850.00'),
      },
      // Northwind: F 3500.00 (0–30) + C 3500.00 (61–90) + A 900.00 (over 120) = 7900.00
      {
        payerKind: 'INSURER',
        payerId: nwh.id,
        payerName: 'Northwind Health',
        bills: 3,
        ...buckets('3500.00', '0.00', '3500.00', '0.00', '900.00', '7900.00'),
      },
      // Patients: E + F + G 3 × 1500 = 4500.00 (0–30), C 1500.00, B 1000.00, A 200.00 = 7200.00
      {
        payerKind: 'PATIENT',
        payerId: null,
        payerName: 'Patients',
        bills: 6,
        ...buckets('4500.00', '0.00', '1500.00', '1000.00', '200.00', '7200.00'),
      },
      {
        payerKind: 'INSURER',
        payerId: null,
        payerName: 'No insurer on file',
        bills: 1,
        ...buckets('3500.00', '0.00', '0.00', '0.00', '0.00', '3500.00'),
      },
    ]);
    // 0–30: 3500 + 4500 + 3500 = 11500.00; 31–60: 6350.00; 61–90: 3500 + 1500 = 5000.00;
    // 91–120: 3500 + 1000 = 4500.00; over 120: 900 + 200 = 1100.00; total 28450.00.
    // Charges: the seven bills issued 06-01..11-30 (F voided after): 2 × 6350 + 5 × 5000 =
    // 37700.00; 183 days (30 + 31 + 31 + 30 + 31 + 30): 37700 / 183 = 206.0109… → 206.01;
    // days in A/R 28450 / 206.01 = 138.1000… → 138.1.
    expect(res.body.summary).toEqual({
      ...buckets('11500.00', '6350.00', '5000.00', '4500.00', '1100.00', '28450.00'),
      charges: '37700.00',
      averageDailyCharges: '206.01',
      daysInAr: 138.1,
    });
  });

  it('answers the rows and the bills as CSV', async () => {
    const rows = await billing().get(`/reports/ar-aging?${query}&format=csv`);
    expect(rows.status).toBe(200);
    expect(rows.headers['content-type']).toContain('text/csv');
    expect(rows.text).toBe(
      '\uFEFF' +
        [
          'payerKind,payerId,payerName,bills,days0To30,days31To60,days61To90,days91To120,over120,total',
          `INSURER,${acme.id},Acme Mutual,2,0.00,6350.00,0.00,3500.00,0.00,9850.00`,
          `INSURER,${nwh.id},Northwind Health,3,3500.00,0.00,3500.00,0.00,900.00,7900.00`,
          'PATIENT,,Patients,6,4500.00,0.00,1500.00,1000.00,200.00,7200.00',
          'INSURER,,No insurer on file,1,3500.00,0.00,0.00,0.00,0.00,3500.00',
        ]
          .map((l) => `${l}\r\n`)
          .join(''),
    );
    const bills = await billing().get(`/reports/ar-aging?${query}&format=csv&section=bills`);
    expect(bills.status).toBe(200);
    const lines = bills.text.split('\r\n');
    expect(lines[0]).toBe(
      '\uFEFFbillId,billNumber,issuedOn,ageDays,payerKind,payerId,payerName,balance',
    );
    expect(lines.slice(1, 3)).toEqual([
      `${bill.A.id},${bill.A.billNumber},2026-07-15,138,INSURER,${nwh.id},Northwind Health,900.00`,
      `${bill.A.id},${bill.A.billNumber},2026-07-15,138,PATIENT,,Patients,200.00`,
    ]);
    expect(lines.slice(7, 8)).toEqual([
      `${bill.D.id},${bill.D.billNumber},2026-10-30,31,INSURER,${acme.id},Acme Mutual,6350.00`,
    ]);
    // 12 open balances, a CRLF after each.
    expect(lines).toHaveLength(1 + 12 + 1);
    expect(lines.at(-1)).toBe('');
  });

  it("filters by the bill's case surgeon", async () => {
    // The first surgeon: all but G (A–F), so the patients hold 5 balances, 5700.00, and the
    // summary loses G's 1500.00 (0–30) and 5000.00 of charges: 26950.00 and 32700.00;
    // 32700 / 183 = 178.6885… → 178.69; 26950 / 178.69 = 150.8198… → 150.8.
    const mine = await report(`${query}&surgeonId=${clinic.staff.SURGEON.id}`);
    expect(mine.status).toBe(200);
    expect(mine.body.surgeonId).toBe(clinic.staff.SURGEON.id);
    expect(mine.body.bills.map((b: any) => [b.billNumber, b.payerKind])).not.toContainEqual([
      bill.G.billNumber,
      'PATIENT',
    ]);
    expect(mine.body.bills).toHaveLength(11);
    expect(mine.body.rows.map((r: any) => [r.payerName, r.bills, r.days0To30, r.total])).toEqual([
      ['Acme Mutual', 2, '0.00', '9850.00'],
      ['Northwind Health', 3, '3500.00', '7900.00'],
      ['Patients', 5, '3000.00', '5700.00'],
      ['No insurer on file', 1, '3500.00', '3500.00'],
    ]);
    expect(mine.body.summary).toEqual({
      ...buckets('10000.00', '6350.00', '5000.00', '4500.00', '1100.00', '26950.00'),
      charges: '32700.00',
      averageDailyCharges: '178.69',
      daysInAr: 150.8,
    });
    // The second surgeon: G alone. 5000 / 183 = 27.3224… → 27.32; 1500 / 27.32 = 54.9048… → 54.9.
    const other = await report(`${query}&surgeonId=${otherSurgeon.id}`);
    expect(other.status).toBe(200);
    expect(other.body.bills).toEqual([open(bill.G, '2026-11-20', 10, 'PATIENT', '1500.00')]);
    expect(other.body.rows).toEqual([
      {
        payerKind: 'PATIENT',
        payerId: null,
        payerName: 'Patients',
        bills: 1,
        ...buckets('1500.00', '0.00', '0.00', '0.00', '0.00', '1500.00'),
      },
    ]);
    expect(other.body.summary).toEqual({
      ...buckets('1500.00', '0.00', '0.00', '0.00', '0.00', '1500.00'),
      charges: '5000.00',
      averageDailyCharges: '27.32',
      daysInAr: 54.9,
    });
  });
});

describe('GET /reports/ar-aging at other days', () => {
  it('as of 2026-08-19, before the 835 and before B: A owes its whole 6350.00', async () => {
    const res = await report('from=2026-07-01&to=2026-08-19');
    expect(res.status).toBe(200);
    // A: 07-15 → 08-19 = 16 + 19 = 35 days.
    expect(res.body.bills).toEqual([open(bill.A, '2026-07-15', 35, 'NWH', '6350.00')]);
    // Charges 6350.00 over 50 days (31 + 19) = 127.00; 6350 / 127 = 50.0 days.
    expect(res.body.summary).toEqual({
      ...buckets('0.00', '6350.00', '0.00', '0.00', '0.00', '6350.00'),
      charges: '6350.00',
      averageDailyCharges: '127.00',
      daysInAr: 50,
    });
  });

  it("as of today, each bill's balances are the bill's own", async () => {
    clockAt('2026-12-04T17:00:00Z');
    try {
      const res = await report('from=2026-12-01&to=2026-12-04');
      expect(res.status).toBe(200);
      const { A, B, C, D, E, G } = bill;
      // Ages on 12-04: four days more than on 11-30. D: 6350 − 5450 = 900.00; B: 1000 − 200 = 800.00.
      expect(res.body.bills).toEqual([
        open(A, '2026-07-15', 142, 'NWH', '900.00'),
        open(A, '2026-07-15', 142, 'PATIENT', '200.00'),
        open(B, '2026-08-20', 106, 'ACME', '3500.00'),
        open(B, '2026-08-20', 106, 'PATIENT', '800.00'),
        open(C, '2026-09-15', 80, 'NWH', '3500.00'),
        open(C, '2026-09-15', 80, 'PATIENT', '1500.00'),
        open(D, '2026-10-30', 35, 'ACME', '900.00'),
        open(E, '2026-10-31', 34, 'NONE', '3500.00'),
        open(E, '2026-10-31', 34, 'PATIENT', '1500.00'),
        open(G, '2026-11-20', 14, 'PATIENT', '1500.00'),
      ]);
      // 0–30: G 1500.00; 31–60: D 900 + E 3500 + 1500 = 5900.00; 61–90: C 5000.00;
      // 91–120: B 4300.00; over 120: A 1100.00; total 17800.00. Nothing issued 12-01..12-04:
      // no days in A/R.
      expect(res.body.summary).toEqual({
        ...buckets('1500.00', '5900.00', '5000.00', '4300.00', '1100.00', '17800.00'),
        charges: '0.00',
        averageDailyCharges: '0.00',
        daysInAr: null,
      });
      for (const b of Object.values(bill)) {
        const now = expectStatus('bill', await billing().get(`/bills/${b.id}`), 200);
        const owed = (kind: string) =>
          res.body.bills.find((o: any) => o.billId === b.id && o.payerKind === kind)?.balance ??
          '0.00';
        expect([owed('INSURER'), owed('PATIENT')], now.billNumber).toEqual([
          now.insuranceBalance,
          now.patientBalance,
        ]);
      }
    } finally {
      clock.now = realNow;
    }
  });
});

describe('GET /reports/ar-aging refusals', () => {
  it('reads a to after today as today: the same balances, ages and charges as of today', async () => {
    clockAt('2026-12-04T17:00:00Z');
    try {
      const today = await report('from=2026-12-01&to=2026-12-04');
      const ahead = await report('from=2026-12-01&to=2026-12-31');
      expect(ahead.status).toBe(200);
      // The answer names the range asked for, and the day its balances stand at: today.
      expect(ahead.body).toMatchObject({
        from: '2026-12-01',
        to: '2026-12-31',
        asOf: '2026-12-04',
      });
      expect(ahead.body.summary).toEqual(today.body.summary);
      expect(ahead.body.rows).toEqual(today.body.rows);
      expect(ahead.body.bills).toEqual(today.body.bills);
    } finally {
      clock.now = realNow;
    }
  });

  it('refuses bad parameters naming the field, and roles without it', async () => {
    const to = await report('from=2026-06-01&to=2026-05-31');
    expect(to.status).toBe(400);
    expect(JSON.stringify(to.body.errors)).toContain('"to"');
    const nurse = await report(`from=2026-06-01&to=2026-06-30&surgeonId=${clinic.staff.NURSE.id}`);
    expect(nurse.status).toBe(400);
    expect(JSON.stringify(nurse.body.errors)).toContain('surgeonId');
    // 2023-06-01..2026-05-31 is 365 + 366 + 365 = 1096 days, the most: one day more is refused.
    expect((await report('from=2023-06-01&to=2026-05-31')).status).toBe(200);
    const long = await report('from=2023-06-01&to=2026-06-01');
    expect(long.status).toBe(400);
    expect(JSON.stringify(long.body.errors)).toContain('"to"');
    const unknown = await report(
      'from=2026-06-01&to=2026-06-30&surgeonId=01a24337-0000-7000-8000-000000000000',
    );
    expect(unknown.status).toBe(400);
    expect(JSON.stringify(unknown.body.errors)).toContain('surgeonId');
    const jsonSection = await report('from=2026-06-01&to=2026-06-30&section=bills');
    expect(jsonSection.status).toBe(400);
    expect(JSON.stringify(jsonSection.body.errors)).toContain('section');
    const section = await report('from=2026-06-01&to=2026-06-30&format=csv&section=stock');
    expect(section.status).toBe(400);
    expect(JSON.stringify(section.body.errors)).toContain('section');
    const coordinator = await clinic
      .as('COORDINATOR')
      .get('/reports/ar-aging?from=2026-06-01&to=2026-06-30');
    expect(coordinator.status).toBe(403);
  });
});
