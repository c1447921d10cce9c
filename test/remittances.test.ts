// 835 remittances over HTTP (docs/claims.md "Remittances: the 835"): claims made and submitted
// through the API, then paid in full, partly (CO-45, PR-1/PR-2) and denied (CO-50) by one 835;
// the same file again; an unknown CLP; bad files; the preview; a posting beyond the balance; roles.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countRows, Given, type ClinicWithStaff } from './support/given';
import { givenSubmittedClaims } from './support/given-claims';
import { startTestApp, type TestApp } from './support/test-app';
import { body835, envelope835, remittance835, type Clp } from './support/x12-835';

let t: TestApp;
let clinic: ClinicWithStaff;
/** A paid in full, B partly paid, C denied. */
let claimA: any;
let claimB: any;
let claimC: any;
let billA: any;
let billB: any;
let billC: any;

const UNKNOWN_CLAIM = 'CLM-2099-999999';
const TABLES = [
  'remittances',
  'remittance_claims',
  'bill_payments',
  'bill_adjustments',
  'claim_events',
] as const;

beforeAll(async () => {
  t = await startTestApp();
  clinic = await new Given(t).clinicWithStaff('Remittance Clinic');
  const given = await givenSubmittedClaims(t, ['RECONSTRUCTIVE', 'HYBRID', 'RECONSTRUCTIVE'], {
    clinic,
  });
  [claimA, claimB, claimC] = given.claims;
  [billA, billB, billC] = given.bills;
}, 120_000);
afterAll(() => t.close());

const billing = () => clinic.as('BILLING');

function postText(x12: string, query = '') {
  return billing().post(`/remittances${query}`, x12, { 'content-type': 'text/plain' });
}

async function rowCounts(): Promise<Record<(typeof TABLES)[number], number>> {
  const counts = Object.fromEntries(TABLES.map((table) => [table, 0])) as Record<
    (typeof TABLES)[number],
    number
  >;
  for (const table of TABLES) counts[table] = await countRows(t, table, clinic.clinicId);
  return counts;
}

async function bill(id: string) {
  const res = await billing().get(`/bills/${id}`);
  expect(res.status).toBe(200);
  return res.body;
}

async function claim(id: string) {
  const res = await billing().get(`/claims/${id}`);
  expect(res.status).toBe(200);
  return res.body;
}

/** Paid in full: 19357 4800 and L8600 650, as billed. */
const paidInFull = (): Clp => ({
  claimNumber: claimA.claimNumber,
  charge: '5450',
  paid: '5450',
  services: [
    { code: '19357', charge: '4800', paid: '4800' },
    { code: 'L8600', charge: '650', paid: '650' },
  ],
});

/** Partly paid: 15830 3000, CO-45 700 over the fee schedule, PR-1 500 deductible, PR-2 440 coinsurance. */
const partlyPaid = (): Clp => ({
  claimNumber: claimB.claimNumber,
  charge: '3000',
  paid: '1360',
  services: [
    {
      code: '15830',
      charge: '3000',
      paid: '1360',
      adjustments: [
        ['CO', '45', '700'],
        ['PR', '1', '500'],
        ['PR', '2', '440'],
      ],
    },
  ],
});

/** Denied, CO-50 (not medically necessary) on each line. */
const denied = (): Clp => ({
  claimNumber: claimC.claimNumber,
  status: '4',
  charge: '5450',
  paid: '0',
  services: [
    { code: '19357', charge: '4800', paid: '0', adjustments: [['CO', '50', '4800']] },
    { code: 'L8600', charge: '650', paid: '0', adjustments: [['CO', '50', '650']] },
  ],
});

const unknown = (): Clp => ({
  claimNumber: UNKNOWN_CLAIM,
  charge: '100',
  paid: '100',
  services: [{ code: '99213', charge: '100', paid: '100' }],
});

const TRACE = 'EFT-20261220-0001';
const mainFile = () =>
  remittance835({ trace: TRACE, claims: [paidInFull(), partlyPaid(), denied(), unknown()] });

describe('POST /remittances', () => {
  let first: any;

  it('previews the posting with the same plan and changes nothing', async () => {
    const before = await rowCounts();
    const billBBefore = await bill(billB.id);

    const res = await postText(mainFile(), '?preview=true');

    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      id: null,
      preview: true,
      traceNumber: TRACE,
      payerIdentifier: 'NWH01',
      paymentTotal: '6910.00',
      createdAt: null,
    });
    expect(
      res.body.claims.map((c: any) => [
        c.claimNumber,
        c.status,
        c.paid,
        c.adjusted,
        c.patientResponsibility,
      ]),
    ).toEqual([
      [claimA.claimNumber, 'PAID', '5450.00', '0.00', '0.00'],
      [claimB.claimNumber, 'PARTIALLY_PAID', '1360.00', '700.00', '940.00'],
      [claimC.claimNumber, 'DENIED', '0.00', '5450.00', '0.00'],
    ]);
    expect(res.body.unmatched).toMatchObject([
      { patientControlNumber: UNKNOWN_CLAIM, reason: 'NO_SUCH_CLAIM', paid: '100.00' },
    ]);
    expect(await rowCounts()).toEqual(before);
    expect((await claim(claimA.id)).status).toBe('SUBMITTED');
    expect(await bill(billB.id)).toEqual(billBBefore);
  });

  it('posts an 835 paying one claim in full, one in part and denying one, in one transaction', async () => {
    const before = await rowCounts();
    const billABefore = await bill(billA.id);
    const billBBefore = await bill(billB.id);
    const billCBefore = await bill(billC.id);

    const res = await postText(mainFile());

    expect(res.status).toBe(201);
    first = res.body;
    expect(first).toMatchObject({
      preview: false,
      traceNumber: TRACE,
      payerIdentifier: 'NWH01',
      payerName: 'NORTHWIND HEALTH',
      paymentTotal: '6910.00',
      paymentMethod: 'ACH',
      paymentDate: '2026-12-20',
    });
    expect(first.id).toEqual(expect.any(String));
    expect(first.claims.map((c: any) => [c.claimId, c.status])).toEqual([
      [claimA.id, 'PAID'],
      [claimB.id, 'PARTIALLY_PAID'],
      [claimC.id, 'DENIED'],
    ]);
    expect(first.unmatched).toHaveLength(1);

    // Paid in full: the claim PAID with CLP07; the bill's insurance paid by two REMITTANCE payments.
    const a = await claim(claimA.id);
    expect(a).toMatchObject({
      status: 'PAID',
      paid: '5450.00',
      adjusted: '0.00',
      patientResponsibility: '0.00',
      payerClaimControlNumber: `NWH-${claimA.claimNumber}`,
    });
    expect(a.lines.map((l: any) => l.paid)).toEqual(['4800.00', '650.00']);
    expect(a.history.at(-1)).toMatchObject({
      event: 'remit',
      fromStatus: 'SUBMITTED',
      toStatus: 'PAID',
      remittanceId: first.id,
    });
    const bA = await bill(billA.id);
    expect(bA.insurancePaid).toBe('5450.00');
    // The bill's FACILITY line (not on an 837P) is still the insurer's to settle.
    expect(bA.insuranceBalance).toBe((Number(billABefore.insuranceBalance) - 5450).toFixed(2));
    expect(bA.patientBalance).toBe(billABefore.patientBalance);
    const remittancePayments = bA.payments.filter((p: any) => p.source === 'REMITTANCE');
    expect(remittancePayments.map((p: any) => [p.payer, p.amount, p.method, p.reference])).toEqual([
      ['INSURANCE', '4800.00', 'BANK_TRANSFER', TRACE],
      ['INSURANCE', '650.00', 'BANK_TRANSFER', TRACE],
    ]);
    expect(remittancePayments[0]).toMatchObject({
      remittanceId: first.id,
      remittanceClaimId: expect.any(String),
    });

    // Partly paid: CO-45 written off, PR-1/PR-2 moved to the patient.
    const b = await claim(claimB.id);
    expect(b).toMatchObject({
      status: 'PARTIALLY_PAID',
      paid: '1360.00',
      adjusted: '700.00',
      patientResponsibility: '940.00',
    });
    expect(b.lines[0]).toMatchObject({
      paid: '1360.00',
      adjusted: '700.00',
      patientResponsibility: '940.00',
    });
    const bB = await bill(billB.id);
    expect(bB).toMatchObject({
      insurancePaid: '1360.00',
      insuranceAdjusted: '700.00',
      transferredToPatient: '940.00',
    });
    // The whole claimed charge is off the insurer's balance: only what the claim did not bill is left.
    const notClaimed = Number(billBBefore.insuranceTotal) - Number(claimB.totalCharge);
    expect(bB.insuranceBalance).toBe(notClaimed.toFixed(2));
    expect(bB.patientBalance).toBe((Number(billBBefore.patientBalance) + 940).toFixed(2));
    expect(
      bB.adjustments.map((x: any) => [x.kind, x.group, x.reason, x.amount, x.billLineNumber]),
    ).toEqual([
      ['WRITE_OFF', 'CO', '45', '700.00', b.lines[0].billLineNumber],
      ['TRANSFER_TO_PATIENT', 'PR', '1', '500.00', b.lines[0].billLineNumber],
      ['TRANSFER_TO_PATIENT', 'PR', '2', '440.00', b.lines[0].billLineNumber],
    ]);
    for (const x of bB.adjustments) {
      expect(x.remittanceId).toBe(first.id);
      expect(x.remittanceClaimId).toEqual(expect.any(String));
    }

    // Denied: the claim DENIED with its reason; the bill untouched.
    const c = await claim(claimC.id);
    expect(c.status).toBe('DENIED');
    expect(c.statusReason).toContain('CO-50');
    const bC = await bill(billC.id);
    expect(bC.insuranceBalance).toBe(billCBefore.insuranceBalance);
    expect(bC.patientBalance).toBe(billCBefore.patientBalance);
    expect(bC.payments).toEqual(billCBefore.payments);
    expect(bC.adjustments).toEqual([]);

    // Rows: one remittance, four CLPs (one unmatched), three payments, three adjustments, three events.
    expect(await rowCounts()).toEqual({
      remittances: before.remittances + 1,
      remittance_claims: before.remittance_claims + 4,
      bill_payments: before.bill_payments + 3,
      bill_adjustments: before.bill_adjustments + 3,
      claim_events: before.claim_events + 3,
    });
  });

  it('answers the same 835 again with 200 and the first remittance, posting nothing', async () => {
    const before = await rowCounts();

    const res = await postText(mainFile());

    expect(res.status).toBe(200);
    expect(res.body).toEqual(first);
    expect(await rowCounts()).toEqual(before);
  });

  it('previews an 835 already posted as the stored remittance', async () => {
    const before = await rowCounts();
    const res = await postText(mainFile(), '?preview=true');
    expect(res.status).toBe(200);
    expect(res.body).toEqual(first);
    expect(await rowCounts()).toEqual(before);
  });

  it('keeps an unknown CLP unmatched and stored, and answers it on GET', async () => {
    const res = await billing().get(`/remittances/${first.id}`);

    expect(res.status).toBe(200);
    expect(res.body).toEqual(first);
    expect(res.body.unmatched[0]).toMatchObject({
      patientControlNumber: UNKNOWN_CLAIM,
      reason: 'NO_SUCH_CLAIM',
      paid: '100.00',
      services: [{ procedureCode: '99213', claimLineNumber: null }],
    });
    expect(
      await countRows(
        t,
        'remittance_claims',
        clinic.clinicId,
        sql`patient_control_number = ${UNKNOWN_CLAIM} AND claim_id IS NULL`,
      ),
    ).toBe(1);

    const list = await billing().get('/remittances');
    expect(list.status).toBe(200);
    expect(list.body.data[0]).toMatchObject({
      id: first.id,
      traceNumber: TRACE,
      paymentTotal: '6910.00',
      claimCount: 3,
      unmatchedCount: 1,
    });
  });

  it('posts the same new 835 sent twice at once only once', async () => {
    const before = await rowCounts();
    const x12 = remittance835({
      trace: 'EFT-RACE-0001',
      claims: [{ ...unknown(), claimNumber: 'CLM-2099-888888' }],
    });

    const answers = await Promise.all([postText(x12), postText(x12)]);

    expect(answers.map((a) => a.status).sort()).toEqual([200, 201]);
    expect(answers[0]?.body.id).toBe(answers[1]?.body.id);
    expect(await rowCounts()).toEqual({
      ...before,
      remittances: before.remittances + 1,
      remittance_claims: before.remittance_claims + 1,
    });
  });

  it('works under an Idempotency-Key: a replay of the key, or another key for the same 835, posts nothing', async () => {
    const x12 = remittance835({
      trace: 'EFT-KEYED-0001',
      claims: [{ ...unknown(), claimNumber: 'CLM-2099-777777' }],
    });
    const keyed = (key: string) =>
      billing().post('/remittances', x12, { 'content-type': 'text/plain', 'idempotency-key': key });

    const created = await keyed('remit-key-1');
    expect(created.status).toBe(201);
    const before = await rowCounts();
    const replay = await keyed('remit-key-1');
    expect(replay.body.id).toBe(created.body.id);
    const other = await keyed('remit-key-2');
    expect(other.status).toBe(200);
    expect(other.body.id).toBe(created.body.id);
    expect(await rowCounts()).toEqual(before);
  });

  it('takes { x12 } in JSON, and refuses a CLP beyond its bill balance with 422 naming it, posting nothing', async () => {
    const before = await rowCounts();
    const left = Number((await bill(billB.id)).insuranceBalance);
    const more = (left + 100).toFixed(2);
    const x12 = remittance835({
      trace: 'EFT-20261221-0002',
      claims: [
        {
          claimNumber: claimB.claimNumber,
          charge: more,
          paid: more,
          services: [{ code: '15830', charge: more, paid: more }],
        },
      ],
    });

    const res = await billing().post('/remittances', { x12 });

    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({
      code: 'REMITTANCE_EXCEEDS_BALANCE',
      patientControlNumber: claimB.claimNumber,
      billId: billB.id,
    });
    expect(await rowCounts()).toEqual(before);
    expect((await claim(claimB.id)).status).toBe('PARTIALLY_PAID');

    const preview = await billing().post('/remittances?preview=true', { x12 });
    expect(preview.status).toBe(422);
    expect(preview.body.code).toBe('REMITTANCE_EXCEEDS_BALANCE');
  });

  describe('refuses a bad 835 with 400 INVALID_X12 naming the segment, posting nothing', () => {
    const claims = () => [
      {
        claimNumber: claimB.claimNumber,
        charge: '10',
        paid: '10',
        services: [{ code: '15830', charge: '10', paid: '10' }],
      },
    ];
    const cases: [string, () => string, string][] = [
      [
        'cut off before its trailers',
        () => {
          const whole = remittance835({ trace: 'BAD-1', claims: claims() });
          return whole.slice(0, whole.indexOf('SE*'));
        },
        'SE',
      ],
      [
        'a wrong SE01 count',
        () => envelope835(body835({ trace: 'BAD-2', claims: claims() }), 99),
        'SE',
      ],
      [
        'BPR02 not the sum of the CLP04s',
        () => remittance835({ trace: 'BAD-3', amount: '9999', claims: claims() }),
        'BPR',
      ],
      ['text that is not X12', () => 'this is not an 835 at all', 'ISA'],
    ];
    it.each(cases)('%s', async (_name, file, segment) => {
      const before = await rowCounts();

      const res = await postText(file());

      expect(res.status).toBe(400);
      expect(res.body.code).toBe('INVALID_X12');
      expect(res.body.errors.length).toBeGreaterThan(0);
      expect(res.body.errors[0]).toMatchObject({
        segment,
        segmentIndex: expect.any(Number),
        path: expect.any(String),
        message: expect.any(String),
      });
      expect(await rowCounts()).toEqual(before);
    });
  });

  it('is for BILLING and ADMIN: a NURSE is refused (403) and nothing is posted', async () => {
    const before = await rowCounts();
    const x12 = remittance835({ trace: 'EFT-NURSE', claims: [unknown()] });

    const post = await clinic
      .as('NURSE')
      .post('/remittances', x12, { 'content-type': 'text/plain' });
    expect(post.status).toBe(403);
    expect((await clinic.as('NURSE').get('/remittances')).status).toBe(403);
    expect((await clinic.as('NURSE').get(`/remittances/${first.id}`)).status).toBe(403);
    expect(await rowCounts()).toEqual(before);

    const admin = await clinic
      .as('ADMIN')
      .post('/remittances', x12, { 'content-type': 'text/plain' });
    expect(admin.status).toBe(201);
  });

  it("is the clinic's own: another clinic neither reads nor lists it, nor matches its claims", async () => {
    const other = await new Given(t).clinicWithStaff('Other Remittance Clinic');
    const read = await other.as('BILLING').get(`/remittances/${first.id}`);
    expect(read.status).toBe(404);
    expect(read.body.code).toBe('NOT_FOUND');
    const list = await other.as('BILLING').get('/remittances');
    expect(list.body.data.map((r: any) => r.id)).not.toContain(first.id);

    // The same file in the other clinic is its own remittance, and finds none of these claims.
    const posted = await other
      .as('BILLING')
      .post('/remittances', mainFile(), { 'content-type': 'text/plain' });
    expect(posted.status).toBe(201);
    expect(posted.body.id).not.toBe(first.id);
    expect(posted.body.claims).toEqual([]);
    expect(posted.body.unmatched.map((u: any) => u.reason)).toEqual([
      'NO_SUCH_CLAIM',
      'NO_SUCH_CLAIM',
      'NO_SUCH_CLAIM',
      'NO_SUCH_CLAIM',
    ]);
  });

  it('takes a text/plain 835 over the JSON limit of 1 MiB (8,000 CLPs), and keeps every CLP', async () => {
    const claims = Array.from({ length: 8000 }, (_, i) => ({
      claimNumber: `CLM-2098-${String(i).padStart(6, '0')}`,
      charge: '100',
      paid: '100',
      services: [{ code: '99213', charge: '100', paid: '100' }],
    }));
    const x12 = remittance835({ trace: 'EFT-LARGE-0001', claims });
    expect(x12.length).toBeGreaterThan(1024 * 1024);

    const started = performance.now();
    const res = await postText(x12);
    console.log(
      `an 835 of 8,000 CLPs (${(x12.length / 1024).toFixed(0)} KiB) posted in ${(performance.now() - started).toFixed(0)} ms`,
    );

    expect(res.status).toBe(201);
    expect(res.body.paymentTotal).toBe('800000.00');
    expect(res.body.unmatched).toHaveLength(8000);
    expect(
      await countRows(t, 'remittance_claims', clinic.clinicId, sql`remittance_id = ${res.body.id}`),
    ).toBe(8000);
  });

  it('takes text/plain on this route only: another route still answers 415', async () => {
    const res = await billing().post('/payers', '{"name":"X","payerId":"XX1"}', {
      'content-type': 'text/plain',
    });
    expect(res.status).toBe(415);
  });
});
