// The surgeon-productivity report (issue 20, docs/reports.md "Surgeon productivity"): a clinic of
// its own in America/New_York, two surgeons, cases completed, billed, paid and voided through the
// API over 2026 with the Clock moved, months cut in the clinic's zone (a case completed at 23:30
// on 31 March is March's; 23:30 on 31 October, EDT, is October's, and 1 November is the day the
// clocks go back), and every figure checked against numbers worked out here.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Clock } from '../src/common/clock';
import {
  addStaffMember,
  Given,
  type AddedStaffMember,
  type ClinicWithStaff,
} from './support/given';
import { expectStatus, operatingRoom, readyPlan } from './support/given-theater';
import { startTestApp, type TestApp } from './support/test-app';

let t: TestApp;
let clinic: ClinicWithStaff;
let beta: AddedStaffMember;
let alphaId: string;
const bills: Record<string, any> = {};
const URL = '/reports/surgeon-productivity?from=2026-01-01&to=2026-11-30';

function setClock(iso: string): void {
  t.app.get(Clock).now = () => new Date(iso);
}

/**
 * A case for a new ready plan (the seed's breast augmentation, quoted 8000.00, all the patient's),
 * booked the day before, started at `start` and completed at `end`: its bill is issued then.
 */
async function completedCase(
  name: string,
  surgeonId: string,
  start: string,
  end: string,
  deposit?: { amount: string; at: string; bookedAt: string },
) {
  setClock(deposit?.bookedAt ?? new Date(Date.parse(start) - 24 * 3600 * 1000).toISOString());
  const ready = await readyPlan(clinic);
  const room = await operatingRoom(clinic);
  const booked = expectStatus(
    `book ${name}`,
    await clinic.as('COORDINATOR').post('/surgical-cases', {
      procedurePlanId: ready.plan.id,
      operatingRoomId: room.id,
      surgeonId,
      scheduledStart: start,
      scheduledEnd: new Date(Date.parse(start) + 2 * 3600 * 1000).toISOString(),
    }),
    201,
  );
  if (deposit) {
    setClock(deposit.at);
    expectStatus(
      'deposit',
      await clinic.as('BILLING').post(`/quotes/${ready.plan.currentQuoteId}/prepayments`, {
        amount: deposit.amount,
        method: 'CARD',
      }),
      201,
    );
  }
  setClock(start);
  expectStatus(
    'start',
    await clinic.as('NURSE').post(`/surgical-cases/${booked.id}/start`, {}),
    200,
  );
  setClock(end);
  const done = expectStatus(
    'complete',
    await clinic.as('NURSE').post(`/surgical-cases/${booked.id}/complete`, {}),
    200,
  );
  bills[name] = expectStatus('bill', await clinic.as('BILLING').get(`/bills/${done.billId}`), 200);
}

async function pay(name: string, amount: string, at: string): Promise<void> {
  setClock(at);
  expectStatus(
    `pay ${name}`,
    await clinic
      .as('BILLING')
      .post(`/bills/${bills[name].id}/payments`, { amount, payer: 'PATIENT', method: 'CARD' }),
    201,
  );
}

beforeAll(async () => {
  t = await startTestApp();
  clinic = await new Given(t).clinicWithStaff('Productivity Report Clinic');
  expectStatus(
    'zone',
    await clinic.as('ADMIN').patch('/clinic', { timeZone: 'America/New_York' }),
    200,
  );
  beta = await addStaffMember(t, clinic, 'SURGEON', { name: 'Dr Beta' });
  alphaId = clinic.staff.SURGEON.id;

  // Test SURGEON: p1 completed 15 January; p2 completed 31 March 23:30 EDT (1 April 03:30Z),
  await completedCase('p1', alphaId, '2026-01-15T14:00:00Z', '2026-01-15T16:00:00Z');
  // p2 booked in February, its 1000.00 deposit received 25 February, credited to the bill at
  // completion: collected in February.
  await completedCase('p2', alphaId, '2026-04-01T01:00:00Z', '2026-04-01T03:30:00Z', {
    bookedAt: '2026-02-20T15:00:00Z',
    amount: '1000.00',
    at: '2026-02-25T15:00:00Z',
  });
  await pay('p1', '3000.00', '2026-02-03T15:00:00Z'); // February
  await pay('p1', '5000.00', '2026-04-01T03:30:00Z'); // 31 March 23:30 EDT: March
  // Dr Beta: p3 completed 31 October 23:30 EDT (1 November 03:30Z); paid on 1 November, the
  // DST day, at 07:00 EST (12:00Z). p4 completed 2 November, its bill voided.
  await completedCase('p3', beta.id, '2026-11-01T01:00:00Z', '2026-11-01T03:30:00Z');
  await pay('p3', '8000.00', '2026-11-01T12:00:00Z');
  await completedCase('p4', beta.id, '2026-11-02T15:00:00Z', '2026-11-02T17:00:00Z');
  setClock('2026-11-03T15:00:00Z');
  expectStatus(
    'void p4',
    await clinic.as('ADMIN').post(`/bills/${bills.p4.id}/void`, { reason: 'Billed in error' }),
    200,
  );
  // A payment after the range (December) counts nowhere below.
  await pay('p2', '100.00', '2026-12-01T15:00:00Z');
  setClock('2026-12-02T12:00:00Z');
}, 300_000);

afterAll(() => t?.close());

describe('surgeon productivity', () => {
  it('bills 8000.00 for each case (what the figures below add up)', () => {
    for (const name of ['p1', 'p2', 'p3', 'p4']) expect(bills[name].total).toBe('8000.00');
  });

  it('answers cases, charges and collections by surgeon and clinic month', async () => {
    const res = await clinic.as('BILLING').get(URL);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      from: '2026-01-01',
      to: '2026-11-30',
      timeZone: 'America/New_York',
      surgeonId: null,
      generatedAt: '2026-12-02T12:00:00.000Z',
    });
    const alpha = { surgeonId: alphaId, surgeonName: 'Test SURGEON' };
    const b = { surgeonId: beta.id, surgeonName: 'Dr Beta' };
    expect(res.body.rows).toEqual([
      // p1 completed and billed in January; paid 3000.00 in February, when p2's 1000.00
      // deposit was received too: 4000.00.
      { month: '2026-01', ...alpha, cases: 1, charges: '8000.00', collections: '0.00' },
      { month: '2026-02', ...alpha, cases: 0, charges: '0.00', collections: '4000.00' },
      // p2 completed (and billed) 31 March 23:30 local; p1's 5000.00 received then too.
      { month: '2026-03', ...alpha, cases: 1, charges: '8000.00', collections: '5000.00' },
      // p3 completed 31 October 23:30 EDT.
      { month: '2026-10', ...b, cases: 1, charges: '8000.00', collections: '0.00' },
      // p4 completed in November, its bill void: a case, no charge; p3's 8000.00 received.
      { month: '2026-11', ...b, cases: 1, charges: '0.00', collections: '8000.00' },
    ]);
    // Cases 1 + 1 + 1 + 1 = 4; charges 3 × 8000.00 = 24000.00 (p4 void); collections
    // 3000.00 + 1000.00 + 5000.00 + 8000.00 = 17000.00 (December's 100.00 is after the range).
    expect(res.body.summary).toEqual({ cases: 4, charges: '24000.00', collections: '17000.00' });
  });

  it("with a surgeon: only that surgeon's cases and their bills", async () => {
    const res = await clinic.as('ADMIN').get(`${URL}&surgeonId=${beta.id}`);
    expect(res.status).toBe(200);
    expect(res.body.surgeonId).toBe(beta.id);
    expect(
      res.body.rows.map((r: any) => [r.month, r.surgeonName, r.cases, r.charges, r.collections]),
    ).toEqual([
      ['2026-10', 'Dr Beta', 1, '8000.00', '0.00'],
      ['2026-11', 'Dr Beta', 1, '0.00', '8000.00'],
    ]);
    expect(res.body.summary).toEqual({ cases: 2, charges: '8000.00', collections: '8000.00' });
  });

  it('cuts the range at clinic-local days: March ends at 23:59 in New York', async () => {
    // February–March: p1 (January) is outside; p2 and the 5000.00 at 31 March 23:30 EDT inside.
    const res = await clinic
      .as('BILLING')
      .get('/reports/surgeon-productivity?from=2026-02-01&to=2026-03-31');
    expect(res.body.rows.map((r: any) => [r.month, r.cases, r.charges, r.collections])).toEqual([
      ['2026-02', 0, '0.00', '4000.00'],
      ['2026-03', 1, '8000.00', '5000.00'],
    ]);
    // April alone: nothing (the 03:30Z instants are March's).
    const april = await clinic
      .as('BILLING')
      .get('/reports/surgeon-productivity?from=2026-04-01&to=2026-04-30');
    expect(april.body.rows).toEqual([]);
    expect(april.body.summary).toEqual({ cases: 0, charges: '0.00', collections: '0.00' });
    // 1 November (25 hours): p3's payment at 07:00 EST; p3's completion at 03:30Z is 31 October.
    const first = await clinic
      .as('BILLING')
      .get('/reports/surgeon-productivity?from=2026-11-01&to=2026-11-01');
    expect(first.body.summary).toEqual({ cases: 0, charges: '0.00', collections: '8000.00' });
  });

  it('gives the rows as CSV', async () => {
    const res = await clinic.as('BILLING').get(`${URL}&format=csv`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    expect(res.headers['content-disposition']).toBe(
      'attachment; filename="surgeon-productivity-2026-01-01-to-2026-11-30.csv"',
    );
    expect(res.text).toBe(
      '\uFEFFmonth,surgeonId,surgeonName,cases,charges,collections\r\n' +
        `2026-01,${alphaId},Test SURGEON,1,8000.00,0.00\r\n` +
        `2026-02,${alphaId},Test SURGEON,0,0.00,4000.00\r\n` +
        `2026-03,${alphaId},Test SURGEON,1,8000.00,5000.00\r\n` +
        `2026-10,${beta.id},Dr Beta,1,8000.00,0.00\r\n` +
        `2026-11,${beta.id},Dr Beta,1,0.00,8000.00\r\n`,
    );
  });

  it('refuses bad parameters, naming the field, and a coordinator', async () => {
    const admin = clinic.as('ADMIN');
    const get = (query: string) => admin.get(`/reports/surgeon-productivity?${query}`);
    const cases: [string, string][] = [
      ['from=2026-03-10&to=2026-03-06', '"to"'],
      ['from=2026-01-01&to=2029-01-01', '"to"'],
      [`from=2026-01-01&to=2026-01-31&surgeonId=00000000-0000-7000-8000-000000000000`, 'surgeonId'],
      [`from=2026-01-01&to=2026-01-31&surgeonId=${clinic.staff.NURSE.id}`, 'surgeonId'],
      ['from=2026-01-01&to=2026-01-31&section=rows', 'section'],
      ['from=2026-01-01&to=2026-01-31&format=csv&section=cancellations', 'section'],
    ];
    for (const [query, field] of cases) {
      const res = await get(query);
      expect(res.status, query).toBe(400);
      expect(JSON.stringify(res.body), query).toContain(field);
    }
    // Money: managers and billing only.
    expect((await clinic.as('COORDINATOR').get(URL)).status).toBe(403);
    expect((await clinic.as('SURGEON').get(URL)).status).toBe(403);
  });
});
