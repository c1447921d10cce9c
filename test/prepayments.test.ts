import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { TransactionRunner } from '../src/common/database/transaction-runner';
import { Given, type ClinicWithStaff } from './support/given';
import {
  caseBody,
  daysFromNow,
  expectStatus,
  operatingRoom,
  readyPlan,
  type ReadyPlan,
} from './support/given-theater';
import { startTestApp, type TestApp } from './support/test-app';

/**
 * Money before surgery (docs/billing.md "Money before surgery"): deposits against the accepted
 * quote and payment-plan payments are credited to the bill when the case is completed, to the
 * cent and once.
 */
let t: TestApp;
let clinic: ClinicWithStaff;
let other: ClinicWithStaff;
let room: any;
let caseCount = 0;

beforeAll(async () => {
  t = await startTestApp();
  const given = new Given(t);
  [clinic, other] = await Promise.all([
    given.clinicWithStaff('Deposit Clinic'),
    given.clinicWithStaff('Other Deposit Clinic'),
  ]);
  room = await operatingRoom(clinic);
});
afterAll(() => t.close());

const depositsUrl = (quoteId: string) => `/quotes/${quoteId}/prepayments`;

/** The seed's augmentation (patient portion 8000.00), approved and booked: it takes deposits. */
async function bookedPlan(): Promise<ReadyPlan & { caseId: string; quoteId: string }> {
  const ready = await readyPlan(clinic);
  caseCount += 1;
  const booked = expectStatus(
    'surgical case',
    await clinic
      .as('COORDINATOR')
      .post('/surgical-cases', caseBody(clinic, ready.plan, room, caseCount + 1)),
    201,
  );
  return { ...ready, caseId: booked.id, quoteId: ready.plan.currentQuoteId };
}

/** Starts a case booked for a later day, as a nurse does with a reason. */
function start(caseId: string) {
  return clinic.as('NURSE').post(`/surgical-cases/${caseId}/start`, {
    reason: 'Started ahead of its booked day in a test',
  });
}

async function complete(caseId: string): Promise<any> {
  expectStatus('start', await start(caseId), 200);
  return clinic.as('NURSE').post(`/surgical-cases/${caseId}/complete`, {});
}

async function deposit(quoteId: string, amount: string, reference?: string) {
  return clinic
    .as('BILLING')
    .post(depositsUrl(quoteId), { amount, method: 'CARD', ...(reference ? { reference } : {}) });
}

async function billPaymentsFor(prepaymentId: string): Promise<number> {
  const result = await t.app
    .get(TransactionRunner)
    .db.execute(
      sql`SELECT count(*)::int AS n FROM bill_payments WHERE clinic_id = ${clinic.clinicId} AND prepayment_id = ${prepaymentId}`,
    );
  return z.object({ rows: z.array(z.object({ n: z.number() })) }).parse(result).rows[0]!.n;
}

describe('deposits before surgery', () => {
  it('BILLING records a deposit against the accepted quote; COORDINATOR reads it', async () => {
    const p = await bookedPlan();
    const res = await deposit(p.quoteId, '1234.56', 'VISA-4242');
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      quoteId: p.quoteId,
      procedurePlanId: p.plan.id,
      depositsReceived: '1234.56',
      paymentPlanReceived: '0.00',
      billId: null,
      refundDue: '0.00',
      data: [{ amount: '1234.56', method: 'CARD', reference: 'VISA-4242' }],
    });
    const read = await clinic.as('COORDINATOR').get(depositsUrl(p.quoteId));
    expect(read.status).toBe(200);
    expect(read.body.depositsReceived).toBe('1234.56');
  });

  it('only BILLING (and ADMIN) take deposits; SURGEON and NURSE do not read them; another clinic gets 404', async () => {
    const p = await bookedPlan();
    const body = { amount: '10.00', method: 'CASH' };
    expect((await clinic.as('COORDINATOR').post(depositsUrl(p.quoteId), body)).status).toBe(403);
    expect((await clinic.as('SURGEON').post(depositsUrl(p.quoteId), body)).status).toBe(403);
    expect((await clinic.as('NURSE').get(depositsUrl(p.quoteId))).status).toBe(403);
    expect((await clinic.as('SURGEON').get(depositsUrl(p.quoteId))).status).toBe(403);
    expect((await other.as('BILLING').post(depositsUrl(p.quoteId), body)).status).toBe(404);
    expect((await other.as('BILLING').get(depositsUrl(p.quoteId))).status).toBe(404);
    expect((await clinic.as('ADMIN').post(depositsUrl(p.quoteId), body)).status).toBe(201);
  });

  it('refuses a deposit on a quote the patient has not accepted (409) and one above the patient portion (400)', async () => {
    const issued = await readyPlan(clinic, { stopBefore: 'approve' });
    const quoted = expectStatus(
      'plan',
      await clinic.as('COORDINATOR').get(`/procedure-plans/${issued.plan.id}`),
      200,
    );
    const refused = await deposit(quoted.currentQuoteId, '100.00');
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('INVALID_STATE_TRANSITION');

    const p = await bookedPlan();
    const tooMuch = await deposit(p.quoteId, '8000.01');
    expect(tooMuch.status).toBe(400);
    expect(tooMuch.body.errors).toEqual([
      expect.objectContaining({ path: 'amount', message: expect.stringContaining('8000.00') }),
    ]);
    expect((await clinic.as('BILLING').get(depositsUrl(p.quoteId))).body.data).toEqual([]);
    // With a payment plan financing 6000.00, at most 2000.00 is left for deposits.
    expectStatus(
      'payment plan',
      await clinic.as('COORDINATOR').post(`/quotes/${p.quoteId}/payment-plan`, {
        depositAmount: '2000.00',
        installmentCount: 3,
        frequency: 'MONTHLY',
        firstDueDate: daysFromNow(30),
      }),
      201,
    );
    expect((await deposit(p.quoteId, '2000.01')).status).toBe(400);
    expect((await deposit(p.quoteId, '2000.00')).status).toBe(201);
  });

  it('a cancelled plan shows what it received as a refund due, and takes no more deposits', async () => {
    const ready = await readyPlan(clinic);
    const quoteId = ready.plan.currentQuoteId;
    expect((await deposit(quoteId, '500.00')).status).toBe(201);
    expectStatus(
      'cancel',
      await clinic
        .as('COORDINATOR')
        .post(`/procedure-plans/${ready.plan.id}/cancel`, { reason: 'patient changed her mind' }),
      200,
    );
    const after = await clinic.as('BILLING').get(depositsUrl(quoteId));
    expect(after.body).toMatchObject({ depositsReceived: '500.00', refundDue: '500.00' });
    expect((await deposit(quoteId, '1.00')).status).toBe(409);
  });
});

describe('the bill credits money received before surgery', () => {
  it('credits the deposits and payment-plan payments to the cent, each once, and later plan payments too', async () => {
    const p = await bookedPlan();
    const plan = expectStatus(
      'payment plan',
      await clinic.as('COORDINATOR').post(`/quotes/${p.quoteId}/payment-plan`, {
        depositAmount: '2000.00',
        installmentCount: 3,
        frequency: 'MONTHLY',
        firstDueDate: daysFromNow(30),
      }),
      201,
    );
    const first = expectStatus('deposit', await deposit(p.quoteId, '1234.56', 'VISA-4242'), 201);
    expectStatus(
      'plan payment',
      await clinic
        .as('BILLING')
        .post(`/payment-plans/${plan.id}/payments`, { amount: '333.33', method: 'CASH' }),
      201,
    );

    const completed = expectStatus('complete', await complete(p.caseId), 200);
    const bill = expectStatus(
      'bill',
      await clinic.as('BILLING').get(`/bills/${completed.billId}`),
      200,
    );
    const today = new Date().toISOString().slice(0, 10);
    expect(bill).toMatchObject({
      total: '8000.00',
      patientPaid: '1567.89',
      patientBalance: '6432.11',
      balance: '6432.11',
      refundDue: '0.00',
      status: 'OPEN',
    });
    expect(bill.payments).toEqual([
      expect.objectContaining({
        payer: 'PATIENT',
        amount: '1234.56',
        method: 'CARD',
        source: 'DEPOSIT',
        reference: `Deposit received ${today} (VISA-4242)`,
      }),
      expect.objectContaining({
        amount: '333.33',
        source: 'PAYMENT_PLAN',
        reference: `Payment plan ${plan.paymentPlanNumber} payment received ${today}`,
      }),
    ]);
    expect(await billPaymentsFor(first.data[0].id)).toBe(1);

    // The deposit cannot be credited a second time: the database refuses it.
    await expect(
      t.app.get(TransactionRunner).db.execute(
        sql`INSERT INTO bill_payments (clinic_id, id, bill_id, payer, amount, method, received_at, recorded_by_id, prepayment_id)
            VALUES (${clinic.clinicId}, gen_random_uuid(), ${bill.id}, 'PATIENT', 1, 'CASH', now(), ${bill.payments[0].recordedById}, ${first.data[0].id})`,
      ),
    ).rejects.toThrow();

    // Billed: a deposit now belongs on the bill; a plan payment goes on the bill at once.
    expect((await deposit(p.quoteId, '1.00')).status).toBe(409);
    expectStatus(
      'plan payment after surgery',
      await clinic
        .as('BILLING')
        .post(`/payment-plans/${plan.id}/payments`, { amount: '100.00', method: 'CHECK' }),
      201,
    );
    const later = expectStatus('bill', await clinic.as('BILLING').get(`/bills/${bill.id}`), 200);
    expect(later).toMatchObject({
      patientPaid: '1667.89',
      balance: '6332.11',
      version: bill.version + 1,
    });
    expect(later.payments).toHaveLength(3);
    expect(later.payments[2]).toMatchObject({ amount: '100.00', source: 'PAYMENT_PLAN' });
    const summary = await clinic.as('COORDINATOR').get(depositsUrl(p.quoteId));
    expect(summary.body).toMatchObject({
      billId: bill.id,
      depositsReceived: '1234.56',
      paymentPlanReceived: '433.33',
    });
    // COORDINATOR (the front desk) reads the bill too, but records no payment on it.
    expect((await clinic.as('COORDINATOR').get(`/bills/${bill.id}`)).status).toBe(200);
    expect(
      (
        await clinic
          .as('COORDINATOR')
          .post(`/bills/${bill.id}/payments`, { amount: '1.00', payer: 'PATIENT', method: 'CASH' })
      ).status,
    ).toBe(403);
  });

  it('a deposit that covers the whole patient share leaves the bill PAID at once', async () => {
    const p = await bookedPlan();
    expectStatus('deposit', await deposit(p.quoteId, '8000.00'), 201);
    const completed = expectStatus('complete', await complete(p.caseId), 200);
    const bill = expectStatus(
      'bill',
      await clinic.as('BILLING').get(`/bills/${completed.billId}`),
      200,
    );
    expect(bill).toMatchObject({ status: 'PAID', patientPaid: '8000.00', balance: '0.00' });
    expect(bill.paidAt).not.toBeNull();
  });

  it('two deposits and the completion at once: every deposit taken is on the bill, none twice', async () => {
    const p = await bookedPlan();
    expectStatus('start', await start(p.caseId), 200);
    const [a, b, done] = await Promise.all([
      deposit(p.quoteId, '100.10'),
      deposit(p.quoteId, '200.20'),
      clinic.as('NURSE').post(`/surgical-cases/${p.caseId}/complete`, {}),
    ]);
    expect(done.status).toBe(200);
    for (const r of [a, b]) expect([201, 409]).toContain(r.status);
    const summary = expectStatus(
      'deposits',
      await clinic.as('BILLING').get(depositsUrl(p.quoteId)),
      200,
    );
    const bill = expectStatus(
      'bill',
      await clinic.as('BILLING').get(`/bills/${done.body.billId}`),
      200,
    );
    // Taken deposits (201) are exactly what the bill credits; refused ones (409) left nothing.
    const taken = [a, b].filter((r) => r.status === 201).length;
    expect(summary.data).toHaveLength(taken);
    expect(bill.patientPaid).toBe(summary.depositsReceived);
    expect(bill.payments.filter((x: any) => x.source === 'DEPOSIT')).toHaveLength(taken);
  });
});
