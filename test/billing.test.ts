import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { Role } from '../src/common/auth/caller';
import { TransactionRunner } from '../src/common/database/transaction-runner';
import { countRows, Given, type ClinicWithStaff } from './support/given';
import {
  caseBody,
  daysFromNow,
  expectStatus,
  operatingRoom,
  readyPlan,
  type ReadyPlan,
} from './support/given-theater';
import { onPostgresServer, startTestApp, type TestApp } from './support/test-app';

let t: TestApp;
let clinic: ClinicWithStaff;
let other: ClinicWithStaff;
let room: any;
/** The seed's case, completed once and only read by the tests (never paid or voided). */
let seed: CompletedCase;
let caseCount = 0;

interface CompletedCase extends ReadyPlan {
  theCase: any;
  billId: string;
}

beforeAll(async () => {
  t = await startTestApp();
  const given = new Given(t);
  [clinic, other] = await Promise.all([
    given.clinicWithStaff('Billing Clinic'),
    given.clinicWithStaff('Other Billing Clinic'),
  ]);
  room = await operatingRoom(clinic);
  seed = await completedCase();
});
afterAll(() => t.close());

/**
 * The seed's breast augmentation as a completed case, over HTTP: a plan ready to schedule
 * (`readyPlan`: 19325 at 7000.00 + facility 200.00, two L8600 implants at 400.00 allocated,
 * sutures that are not billable), the case booked in a slot of its own, started, `during` run
 * (usage recording), then completed, which bills it.
 */
async function completedCase(
  during?: (caseId: string, ready: ReadyPlan) => Promise<void>,
): Promise<CompletedCase> {
  const ready = await readyPlan(clinic);
  caseCount += 1;
  const booked = expectStatus(
    'surgical case',
    await clinic
      .as('COORDINATOR')
      .post('/surgical-cases', caseBody(clinic, ready.plan, room, caseCount + 1)),
    201,
  );
  expectStatus(
    'start',
    await clinic.as('NURSE').post(`/surgical-cases/${booked.id}/start`, {
      reason: 'Started ahead of its booked day in a test',
    }),
    200,
  );
  await during?.(booked.id, ready);
  const theCase = expectStatus(
    'complete',
    await clinic.as('NURSE').post(`/surgical-cases/${booked.id}/complete`, {}),
    200,
  );
  return { ...ready, theCase, billId: theCase.billId };
}

const billUrl = (id: string) => `/bills/${id}`;
const paymentsUrl = (id: string) => `/bills/${id}/payments`;
const voidUrl = (id: string) => `/bills/${id}/void`;

async function readBill(id: string, c: ClinicWithStaff = clinic): Promise<any> {
  return expectStatus('read bill', await c.as('BILLING').get(billUrl(id)), 200);
}

async function auditActions(clinicId: string, entityId: string): Promise<string[]> {
  const result = await t.app
    .get(TransactionRunner)
    .db.execute(
      sql`SELECT action FROM audit_events WHERE clinic_id = ${clinicId} AND entity_id = ${entityId} ORDER BY id`,
    );
  return z
    .object({ rows: z.array(z.object({ action: z.string() })) })
    .parse(result)
    .rows.map((r) => r.action);
}

/** The PDF's raw bytes: the API helper decodes bodies as text, which would mangle them. */
async function downloadPdf(c: ClinicWithStaff, role: Role, billId: string) {
  const res = await t.app.inject({
    method: 'GET',
    url: `/api/v1/bills/${billId}/pdf`,
    headers: { authorization: `Bearer ${c.staff[role].token}` },
  });
  return { status: res.statusCode, headers: res.headers, bytes: res.rawPayload };
}

/** The text of an uncompressed pdfkit PDF: each `[<hex> kern <hex>] TJ` array joined into a line. */
function textOf(pdf: Buffer): string {
  return [...pdf.toString('latin1').matchAll(/\[([^\]]*)\]\s*TJ/g)]
    .map((m) =>
      [...(m[1] ?? '').matchAll(/<([0-9a-fA-F]*)>/g)]
        .map((h) => Buffer.from(h[1] ?? '', 'hex').toString('latin1'))
        .join(''),
    )
    .join('\n');
}

describe('completing a case bills it (docs/design.md §6)', () => {
  it("bills the seed's augmentation at 8000.00, all patient-paid, with the implants' serial numbers", async () => {
    expect(seed.theCase).toMatchObject({ status: 'COMPLETED', billId: expect.any(String) });
    const bill = await readBill(seed.billId);

    expect(bill).toMatchObject({
      id: seed.billId,
      billNumber: expect.stringMatching(/^BILL-\d{4}-\d{3,}$/),
      surgicalCaseId: seed.theCase.id,
      procedurePlanId: seed.plan.id,
      patientId: seed.patient.id,
      quoteId: seed.plan.currentQuoteId,
      status: 'OPEN',
      total: '8000.00',
      insuranceTotal: '0.00',
      patientTotal: '8000.00',
      insurancePaid: '0.00',
      patientPaid: '0.00',
      paid: '0.00',
      insuranceBalance: '0.00',
      patientBalance: '8000.00',
      balance: '8000.00',
      paidAt: null,
      voidedAt: null,
      voidReason: null,
      payments: [],
      version: 1,
    });
    expect(bill.lineItems).toEqual([
      {
        lineNumber: 1,
        kind: 'PROCEDURE',
        procedureCode: '19325',
        modifiers: [],
        description: 'Breast augmentation with implant',
        quantity: 1,
        unitPrice: '7000.00',
        amount: '7000.00',
        payer: 'PATIENT',
        inventoryItemId: null,
        serialNumbers: [],
      },
      {
        lineNumber: 2,
        kind: 'FACILITY',
        procedureCode: '19325',
        modifiers: [],
        description: 'Facility fee: Breast augmentation with implant',
        quantity: 1,
        unitPrice: '200.00',
        amount: '200.00',
        payer: 'PATIENT',
        inventoryItemId: null,
        serialNumbers: [],
      },
      {
        lineNumber: 3,
        kind: 'SUPPLY',
        procedureCode: 'L8600',
        modifiers: [],
        description: 'Silicone breast implant 300cc round',
        quantity: 2,
        unitPrice: '400.00',
        amount: '800.00',
        payer: 'PATIENT',
        inventoryItemId: seed.implantItem.id,
        serialNumbers: expect.arrayContaining(seed.serials),
      },
    ]);
    expect(bill.lineItems[2].serialNumbers).toHaveLength(2);
    expect(await auditActions(clinic.clinicId, seed.billId)).toContain('bill.create');
  });

  it('bills a supply used but not quoted at its catalog price, and never the sutures', async () => {
    const nurse = clinic.as('NURSE');
    const drain = expectStatus(
      'drain',
      await nurse.post('/inventory/items', {
        code: 'drain-10fr',
        name: 'Closed wound drain',
        category: 'CONSUMABLE',
        unitPrice: '35.50',
        isBillable: true,
        requiresSerialNumber: false,
      }),
      201,
    );
    expectStatus(
      'drain stock',
      await nurse.post(`/inventory/items/${drain.id}/batches`, {
        batchNumber: 'DRAIN-LOT',
        expiresAt: daysFromNow(400),
        quantity: 20,
      }),
      201,
    );

    const done = await completedCase(async (caseId, ready) => {
      for (const [itemId, quantity] of [
        [drain.id, 2],
        [ready.suturesItem.id, 3],
      ] as const)
        expectStatus(
          'usage',
          await nurse.post(`/surgical-cases/${caseId}/inventory-usage`, {
            inventoryItemId: itemId,
            quantity,
          }),
          201,
        );
    });

    const bill = await readBill(done.billId);
    expect(bill.lineItems.map((l: any) => [l.kind, l.procedureCode, l.quantity, l.amount])).toEqual(
      [
        ['PROCEDURE', '19325', 1, '7000.00'],
        ['FACILITY', '19325', 1, '200.00'],
        // Supplies in the order first used: the drain was recorded before completion consumed the implants.
        ['SUPPLY', 'drain-10fr', 2, '71.00'],
        ['SUPPLY', 'L8600', 2, '800.00'],
      ],
    );
    expect(bill).toMatchObject({ total: '8071.00', patientTotal: '8071.00' });
  });
});

describe('GET /bills/:id', () => {
  it('audits the read', async () => {
    await readBill(seed.billId);
    expect(await auditActions(clinic.clinicId, seed.billId)).toContain('bill.read');
  });

  it.each(['NURSE', 'SURGEON'] as const)('refuses %s with 403', async (role) => {
    const res = await clinic.as(role).get(billUrl(seed.billId));
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('FORBIDDEN');
  });

  it('is open to COORDINATOR, the front desk (docs/roles.md), who records no payment', async () => {
    const res = await clinic.as('COORDINATOR').get(billUrl(seed.billId));
    expect(res.status).toBe(200);
    expect(res.body.id).toBe(seed.billId);
  });

  it("answers 404 for another clinic's bill, on every route", async () => {
    const api = other.as('BILLING');
    expect((await api.get(billUrl(seed.billId))).status).toBe(404);
    expect(
      (
        await api.post(paymentsUrl(seed.billId), {
          amount: '1.00',
          payer: 'PATIENT',
          method: 'CASH',
        })
      ).status,
    ).toBe(404);
    expect((await other.as('ADMIN').post(voidUrl(seed.billId), { reason: 'x' })).status).toBe(404);
    expect((await downloadPdf(other, 'BILLING', seed.billId)).status).toBe(404);
    expect((await api.get(`/bills?surgicalCaseId=${seed.theCase.id}`)).body.data).toEqual([]);
    expect(await readBill(seed.billId)).toMatchObject({ status: 'OPEN', payments: [], version: 1 });
  });
});

describe('POST /bills/:id/payments', () => {
  let bill: CompletedCase;
  beforeAll(async () => {
    bill = await completedCase();
  });

  it('records a patient payment and lowers the patient balance (201 with the bill)', async () => {
    const res = await clinic.as('BILLING').post(paymentsUrl(bill.billId), {
      amount: '3000.00',
      payer: 'PATIENT',
      method: 'CARD',
      reference: 'VISA-4242',
    });

    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      status: 'OPEN',
      patientPaid: '3000.00',
      insurancePaid: '0.00',
      paid: '3000.00',
      patientBalance: '5000.00',
      balance: '5000.00',
      version: 2,
      payments: [
        {
          payer: 'PATIENT',
          amount: '3000.00',
          method: 'CARD',
          reference: 'VISA-4242',
          recordedById: clinic.staff.BILLING.id,
        },
      ],
    });
    expect(await auditActions(clinic.clinicId, bill.billId)).toContain('bill.record-payment');
  });

  it('refuses an insurance payment on an all-patient bill, naming amount and the 0.00 owed', async () => {
    const res = await clinic
      .as('BILLING')
      .post(paymentsUrl(bill.billId), { amount: 10, payer: 'INSURANCE', method: 'BANK_TRANSFER' });

    expect(res.status).toBe(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    expect(res.body.errors).toEqual([
      { path: 'amount', message: 'Must not exceed the insurance balance (0.00)' },
    ]);
  });

  it('refuses more than the patient owes and changes nothing', async () => {
    const before = await readBill(bill.billId);

    const res = await clinic
      .as('BILLING')
      .post(paymentsUrl(bill.billId), { amount: '5000.01', payer: 'PATIENT', method: 'CASH' });

    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([
      { path: 'amount', message: 'Must not exceed the patient balance (5000.00)' },
    ]);
    const after = await readBill(bill.billId);
    expect(after).toMatchObject({
      patientPaid: before.patientPaid,
      balance: before.balance,
      version: before.version,
      status: 'OPEN',
    });
    expect(after.payments).toHaveLength(before.payments.length);
  });

  it.each([
    [{ amount: '0.00', payer: 'PATIENT', method: 'CASH' }, 'amount'],
    [{ amount: '-5', payer: 'PATIENT', method: 'CASH' }, 'amount'],
    [{ amount: '1.005', payer: 'PATIENT', method: 'CASH' }, 'amount'],
    [{ amount: '1.00', payer: 'EMPLOYER', method: 'CASH' }, 'payer'],
    [{ amount: '1.00', payer: 'PATIENT', method: 'BITCOIN' }, 'method'],
    [{ amount: '1.00', payer: 'PATIENT', method: 'CASH', status: 'PAID' }, 'status'],
  ])('refuses %j with 400 naming %s', async (body, path) => {
    const res = await clinic.as('BILLING').post(paymentsUrl(bill.billId), body);
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    expect(res.body.errors.map((e: any) => e.path)).toContain(path);
  });

  it('marks the bill PAID when the last cent arrives, then refuses another payment with 409', async () => {
    const res = await clinic
      .as('BILLING')
      .post(paymentsUrl(bill.billId), { amount: 5000, payer: 'PATIENT', method: 'CHECK' });

    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      status: 'PAID',
      paid: '8000.00',
      balance: '0.00',
      patientBalance: '0.00',
      paidAt: expect.any(String),
    });
    expect(res.body.payments.map((p: any) => p.amount)).toEqual(['3000.00', '5000.00']);

    const again = await clinic
      .as('BILLING')
      .post(paymentsUrl(bill.billId), { amount: '1.00', payer: 'PATIENT', method: 'CASH' });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ code: 'INVALID_STATE_TRANSITION', currentStatus: 'PAID' });
    expect((await readBill(bill.billId)).payments).toHaveLength(2);
  });

  it('records a payment retried with the same Idempotency-Key once', async () => {
    const retried = await completedCase();
    const send = () =>
      clinic
        .as('BILLING')
        .post(
          paymentsUrl(retried.billId),
          { amount: '250.00', payer: 'PATIENT', method: 'CARD' },
          { 'idempotency-key': `bill-payment-${retried.billId}` },
        );

    const first = await send();
    const second = await send();

    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect(second.headers['idempotent-replayed']).toBe('true');
    expect(second.body).toEqual(first.body);
    expect(await readBill(retried.billId)).toMatchObject({ patientPaid: '250.00', version: 2 });
  });

  it.each(['NURSE', 'SURGEON', 'COORDINATOR'] as const)('refuses %s with 403', async (role) => {
    const res = await clinic
      .as(role)
      .post(paymentsUrl(seed.billId), { amount: '1.00', payer: 'PATIENT', method: 'CASH' });
    expect(res.status).toBe(403);
  });

  it(`takes exactly one of 6 full payments sent at once (${onPostgresServer ? 'PostgreSQL server' : 'PGlite'})`, async () => {
    const racing = await completedCase();
    const results = await Promise.all(
      Array.from({ length: 6 }, () =>
        clinic.as('BILLING').post(paymentsUrl(racing.billId), {
          amount: '8000.00',
          payer: 'PATIENT',
          method: 'CARD',
        }),
      ),
    );

    expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409, 409, 409, 409]);
    const bill = await readBill(racing.billId);
    expect(bill).toMatchObject({ status: 'PAID', paid: '8000.00', balance: '0.00' });
    expect(bill.payments).toHaveLength(1);
  });
});

describe('POST /bills/:id/void', () => {
  it('lets ADMIN void an OPEN bill with a reason; nothing is owed, and no payment is taken', async () => {
    const done = await completedCase();

    const res = await clinic
      .as('ADMIN')
      .post(voidUrl(done.billId), { reason: 'Billed to the wrong patient account' });

    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      status: 'VOID',
      voidReason: 'Billed to the wrong patient account',
      voidedAt: expect.any(String),
      total: '8000.00',
      balance: '0.00',
      patientBalance: '0.00',
      version: 2,
    });
    expect(await auditActions(clinic.clinicId, done.billId)).toContain('bill.void');
    const payment = await clinic
      .as('BILLING')
      .post(paymentsUrl(done.billId), { amount: '1.00', payer: 'PATIENT', method: 'CASH' });
    expect(payment.status).toBe(409);
    const again = await clinic.as('ADMIN').post(voidUrl(done.billId), { reason: 'twice' });
    expect(again.status).toBe(409);
  });

  it('refuses BILLING with 403 and leaves the bill OPEN', async () => {
    const res = await clinic.as('BILLING').post(voidUrl(seed.billId), { reason: 'Mistake' });

    expect(res.status).toBe(403);
    expect(await readBill(seed.billId)).toMatchObject({ status: 'OPEN', voidReason: null });
  });

  it('refuses to void a bill that has payments (409), and one without a reason (400)', async () => {
    const done = await completedCase();
    expectStatus(
      'payment',
      await clinic
        .as('BILLING')
        .post(paymentsUrl(done.billId), { amount: '100.00', payer: 'PATIENT', method: 'CASH' }),
      201,
    );

    const paid = await clinic.as('ADMIN').post(voidUrl(done.billId), { reason: 'Mistake' });
    expect(paid.status).toBe(409);
    expect(paid.body.code).toBe('INVALID_STATE_TRANSITION');

    const blank = await clinic.as('ADMIN').post(voidUrl(seed.billId), { reason: '  ' });
    expect(blank.status).toBe(400);
    expect(blank.body.errors[0].path).toBe('reason');
    expect((await readBill(done.billId)).status).toBe('OPEN');
  });
});

describe('GET /bills', () => {
  it('filters by case, patient and status, newest first, a page at a time', async () => {
    const api = clinic.as('BILLING');
    const byCase = await api.get(`/bills?surgicalCaseId=${seed.theCase.id}`);
    expect(byCase.status).toBe(200);
    expect(byCase.body.data.map((b: any) => b.id)).toEqual([seed.billId]);
    expect(byCase.body.data[0].lineItems).toHaveLength(3);

    const byPatient = await api.get(`/bills?patientId=${seed.patient.id}`);
    expect(byPatient.body.data.map((b: any) => b.id)).toEqual([seed.billId]);

    const open = await api.get('/bills?status=OPEN&limit=100');
    expect(open.body.data.every((b: any) => b.status === 'OPEN')).toBe(true);
    expect(open.body.data.map((b: any) => b.id)).toContain(seed.billId);

    const all = (await api.get('/bills?limit=100')).body.data.map((b: any) => b.id);
    expect(all).toEqual([...all].sort().reverse());
    const first = await api.get('/bills?limit=1');
    expect(first.body.data.map((b: any) => b.id)).toEqual([all[0]]);
    const second = await api.get(`/bills?limit=1&cursor=${first.body.nextCursor}`);
    expect(second.body.data.map((b: any) => b.id)).toEqual([all[1]]);

    expect(
      await countRows(t, 'audit_events', clinic.clinicId, sql`action = 'bill.list'`),
    ).toBeGreaterThan(0);
  });

  it('refuses a malformed filter with 400 and NURSE with 403', async () => {
    expect((await clinic.as('BILLING').get('/bills?status=LATE')).status).toBe(400);
    expect((await clinic.as('BILLING').get('/bills?patientId=42')).status).toBe(400);
    expect((await clinic.as('NURSE').get('/bills')).status).toBe(403);
  });
});

describe('GET /bills/:id/pdf', () => {
  it('renders the itemized statement with the bill number, patient, lines, serial numbers and balances', async () => {
    const bill = await readBill(seed.billId);

    const res = await downloadPdf(clinic, 'BILLING', seed.billId);

    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toBe(`inline; filename="${bill.billNumber}.pdf"`);
    expect(res.bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const text = textOf(res.bytes);
    for (const expected of [
      'Billing Clinic',
      bill.billNumber,
      `${seed.patient.firstName} ${seed.patient.lastName}`,
      seed.patient.mrn,
      seed.theCase.caseNumber,
      '19325',
      'L8600',
      ...seed.serials,
      '7,000.00',
      '8,000.00',
      'Balance due',
    ])
      expect(text).toContain(expected);
    expect(await auditActions(clinic.clinicId, seed.billId)).toContain('bill.read-pdf');
  });

  it("heads the statement with the clinic's address and phone and shows the patient's address", async () => {
    expectStatus(
      'clinic address',
      await clinic.as('ADMIN').patch('/clinic', {
        address: {
          line1: '200 Park Avenue',
          line2: 'Suite 1200',
          city: 'New York',
          state: 'NY',
          postalCode: '10166',
        },
        phone: '+1 212 555 0142',
      }),
      200,
    );
    expectStatus(
      'patient address',
      await clinic.as('COORDINATOR').patch(`/patients/${seed.patient.id}`, {
        address: { line1: '9 Orchard Lane', city: 'Hoboken', state: 'NJ', postalCode: '07030' },
      }),
      200,
    );

    const lines = textOf((await downloadPdf(clinic, 'BILLING', seed.billId)).bytes).split('\n');

    for (const expected of [
      '200 Park Avenue',
      'Suite 1200',
      'New York, NY 10166',
      'Phone +1 212 555 0142',
      '9 Orchard Lane',
      'Hoboken, NJ 07030',
    ])
      expect(lines).toContain(expected);
  });

  it('prints every code, serial number, amount and label of the lines whole, on one line each', async () => {
    const lines = textOf((await downloadPdf(clinic, 'BILLING', seed.billId)).bytes).split('\n');

    for (const whole of [
      'Procedure',
      'Facility',
      'Supply',
      '19325',
      'L8600',
      ...seed.serials,
      '7,000.00',
      '8,000.00',
      'Unit price',
      'Patient',
    ])
      expect(lines).toContain(whole);
  });

  it('is open to COORDINATOR, not to NURSE', async () => {
    expect((await downloadPdf(clinic, 'COORDINATOR', seed.billId)).status).toBe(200);
    expect((await downloadPdf(clinic, 'NURSE', seed.billId)).status).toBe(403);
  });
});
