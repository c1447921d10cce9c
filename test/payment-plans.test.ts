import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { TransactionRunner } from '../src/common/database/transaction-runner';
import { Money } from '../src/common/money';
import {
  dueDateOf,
  installmentSchedule,
} from '../src/modules/payment-plan/services/installment-schedule';
import type { ApiResponse } from './support/api';
import { Given, type ClinicWithStaff } from './support/given';
import { startTestApp, type TestApp } from './support/test-app';

let t: TestApp;
let given: Given;
let clinic: ClinicWithStaff;
let other: ClinicWithStaff;

beforeAll(async () => {
  t = await startTestApp();
  given = new Given(t);
  [clinic, other] = await Promise.all([
    given.clinicWithStaff('Payment Plans Clinic'),
    given.clinicWithStaff('Other Payment Plans Clinic'),
  ]);
});
afterAll(() => t.close());

function isLeap(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** The first year after this one that is (or is not) a leap year: always within the next five. */
function nextYear(leap: boolean): number {
  let year = new Date().getUTCFullYear() + 1;
  while (isLeap(year) !== leap) year++;
  return year;
}

function isoDateInDays(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

function fieldPaths(res: ApiResponse): string[] {
  return (res.body.errors ?? []).map((e: { path: string }) => e.path);
}

/** The seed's quote is 8000.00, all patient-paid: a 7000.00 deposit leaves 1000.00 to finance. */
function planBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    depositAmount: '7000.00',
    installmentCount: 3,
    frequency: 'MONTHLY',
    firstDueDate: `${nextYear(false)}-01-31`,
    ...overrides,
  };
}

async function paymentPlanFor(
  c: ClinicWithStaff,
  overrides: Record<string, unknown> = {},
): Promise<any> {
  const { quote } = await given.acceptedQuote(c);
  const res = await c.as('BILLING').post(`/quotes/${quote.id}/payment-plan`, planBody(overrides));
  if (res.status !== 201) throw new Error(`payment plan: ${res.status} ${res.text}`);
  return res.body;
}

/** What the database holds for one payment plan (what the API might not show). */
async function stored(planId: string) {
  const result = await t.app.get(TransactionRunner).db.execute(sql`
    SELECT
      (SELECT count(*)::int FROM payment_plan_payments WHERE payment_plan_id = ${planId}) AS payments,
      (SELECT coalesce(sum(paid_amount), 0)::text FROM payment_plan_installments
        WHERE payment_plan_id = ${planId}) AS paid,
      (SELECT count(*)::int FROM payment_plan_installments
        WHERE payment_plan_id = ${planId} AND paid_amount > amount) AS overpaid,
      (SELECT version FROM payment_plans WHERE id = ${planId}) AS version`);
  const row = z
    .object({
      rows: z.tuple([
        z.object({
          payments: z.number(),
          paid: z.string(),
          overpaid: z.number(),
          version: z.number(),
        }),
      ]),
    })
    .parse(result).rows[0];
  return { ...row, paid: Money.fromDecimal(row.paid).toDecimal() };
}

async function paymentPlanCount(quoteId: string): Promise<number> {
  const result = await t.app
    .get(TransactionRunner)
    .db.execute(sql`SELECT count(*)::int AS n FROM payment_plans WHERE quote_id = ${quoteId}`);
  return z.object({ rows: z.tuple([z.object({ n: z.number() })]) }).parse(result).rows[0].n;
}

async function auditOf(entityId: string): Promise<{ action: string; changedFields: string[] }[]> {
  const result = await t.app.get(TransactionRunner).db.execute(sql`
    SELECT action, changed_fields AS "changedFields" FROM audit_events
    WHERE entity_type = 'PaymentPlan' AND entity_id = ${entityId} ORDER BY id`);
  return z
    .object({ rows: z.array(z.object({ action: z.string(), changedFields: z.array(z.string()) })) })
    .parse(result).rows;
}

describe('installment schedule', () => {
  it.each([
    ['2027-01-31', 'MONTHLY', ['2027-01-31', '2027-02-28', '2027-03-31', '2027-04-30']],
    ['2028-01-31', 'MONTHLY', ['2028-01-31', '2028-02-29', '2028-03-31', '2028-04-30']],
    ['2027-08-31', 'MONTHLY', ['2027-08-31', '2027-09-30', '2027-10-31', '2027-11-30']],
    ['2027-11-30', 'MONTHLY', ['2027-11-30', '2027-12-30', '2028-01-30', '2028-02-29']],
    ['2027-12-15', 'MONTHLY', ['2027-12-15', '2028-01-15', '2028-02-15', '2028-03-15']],
    ['2027-12-28', 'WEEKLY', ['2027-12-28', '2028-01-04', '2028-01-11', '2028-01-18']],
    ['2028-02-20', 'BIWEEKLY', ['2028-02-20', '2028-03-05', '2028-03-19', '2028-04-02']],
  ] as const)('from %s %s falls due on %j', (first, frequency, expected) => {
    expect(expected.map((_, k) => dueDateOf(first, frequency, k))).toEqual(expected);
  });

  it.each([
    ['1000.00', 3, ['333.33', '333.33', '333.34']],
    ['100.00', 6, ['16.66', '16.66', '16.66', '16.66', '16.66', '16.70']],
    ['0.05', 5, ['0.01', '0.01', '0.01', '0.01', '0.01']],
    ['7.00', 1, ['7.00']],
  ] as const)('splits %s into %i installments that add up to the cent', (total, count, parts) => {
    const schedule = installmentSchedule(Money.fromDecimal(total), count, 'MONTHLY', '2027-01-31');
    expect(schedule.map((s) => s.amount.toDecimal())).toEqual(parts);
    expect(Money.sum(schedule.map((s) => s.amount)).toDecimal()).toBe(total);
  });
});

describe('POST /quotes/:id/payment-plan', () => {
  it('finances 1000.00 in three monthly installments of 333.33, 333.33 and 333.34', async () => {
    const { quote, patient } = await given.acceptedQuote(clinic);
    expect(quote).toMatchObject({
      status: 'ACCEPTED',
      total: '8000.00',
      patientPortion: '8000.00',
    });
    const year = nextYear(false);

    const res = await clinic
      .as('BILLING')
      .post(`/quotes/${quote.id}/payment-plan`, planBody({ firstDueDate: `${year}-01-31` }));

    expect(res.status).toBe(201);
    expect(res.headers.etag).toBe('"1"');
    expect(res.body).toMatchObject({
      quoteId: quote.id,
      patientId: patient.id,
      depositAmount: '7000.00',
      financedAmount: '1000.00',
      installmentCount: 3,
      frequency: 'MONTHLY',
      firstDueDate: `${year}-01-31`,
      status: 'ACTIVE',
      installments: [
        {
          number: 1,
          dueDate: `${year}-01-31`,
          amount: '333.33',
          paidAmount: '0.00',
          status: 'PENDING',
        },
        {
          number: 2,
          dueDate: `${year}-02-28`,
          amount: '333.33',
          paidAmount: '0.00',
          status: 'PENDING',
        },
        {
          number: 3,
          dueDate: `${year}-03-31`,
          amount: '333.34',
          paidAmount: '0.00',
          status: 'PENDING',
        },
      ],
      payments: [],
      balance: '1000.00',
      createdById: clinic.staff.BILLING.id,
      version: 1,
    });
    expect(res.body.paymentPlanNumber).toMatch(/^PP-\d{4}-\d{3,}$/);

    const read = await clinic.as('COORDINATOR').get(`/payment-plans/${res.body.id}`);
    expect(read.status).toBe(200);
    expect(read.body).toEqual(res.body);
    expect(await auditOf(res.body.id)).toEqual([
      {
        action: 'payment-plan.create',
        changedFields: expect.arrayContaining(['depositAmount', 'financedAmount', 'installments']),
      },
      { action: 'payment-plan.read', changedFields: [] },
    ]);
  });

  it('puts February 29 between January 31 and March 31 in a leap year', async () => {
    const year = nextYear(true);
    const plan = await paymentPlanFor(clinic, {
      firstDueDate: `${year}-01-31`,
      installmentCount: 4,
    });
    expect(plan.installments.map((i: { dueDate: string }) => i.dueDate)).toEqual([
      `${year}-01-31`,
      `${year}-02-29`,
      `${year}-03-31`,
      `${year}-04-30`,
    ]);
    expect(plan.installments.map((i: { amount: string }) => i.amount)).toEqual([
      '250.00',
      '250.00',
      '250.00',
      '250.00',
    ]);
  });

  it('spaces weekly installments seven days apart and biweekly ones fourteen', async () => {
    const year = nextYear(false);
    const weekly = await paymentPlanFor(clinic, {
      frequency: 'WEEKLY',
      firstDueDate: `${year}-02-21`,
    });
    expect(weekly.installments.map((i: { dueDate: string }) => i.dueDate)).toEqual([
      `${year}-02-21`,
      `${year}-02-28`,
      `${year}-03-07`,
    ]);
    const biweekly = await paymentPlanFor(clinic, {
      frequency: 'BIWEEKLY',
      firstDueDate: `${year}-12-20`,
    });
    expect(biweekly.installments.map((i: { dueDate: string }) => i.dueDate)).toEqual([
      `${year}-12-20`,
      `${year + 1}-01-03`,
      `${year + 1}-01-17`,
    ]);
  });

  it('accepts a first due date of today and a number as the deposit', async () => {
    const plan = await paymentPlanFor(clinic, {
      firstDueDate: isoDateInDays(0),
      depositAmount: 7500.5,
      installmentCount: 1,
    });
    expect(plan).toMatchObject({ depositAmount: '7500.50', financedAmount: '499.50' });
    expect(plan.installments).toHaveLength(1);
  });

  it('refuses a deposit larger than the patient portion, naming depositAmount, and writes nothing', async () => {
    const { quote } = await given.acceptedQuote(clinic);
    const res = await clinic
      .as('BILLING')
      .post(`/quotes/${quote.id}/payment-plan`, planBody({ depositAmount: '8000.01' }));
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    expect(fieldPaths(res)).toEqual(['depositAmount']);
    expect(await paymentPlanCount(quote.id)).toBe(0);
  });

  it('refuses a deposit that leaves nothing to finance', async () => {
    const { quote } = await given.acceptedQuote(clinic);
    const res = await clinic
      .as('BILLING')
      .post(`/quotes/${quote.id}/payment-plan`, planBody({ depositAmount: '8000.00' }));
    expect(res.status).toBe(400);
    expect(fieldPaths(res)).toEqual(['depositAmount']);
    expect(await paymentPlanCount(quote.id)).toBe(0);
  });

  it('refuses a first due date in the past, malformed dates and counts outside 1 to 60', async () => {
    const { quote } = await given.acceptedQuote(clinic);
    const url = `/quotes/${quote.id}/payment-plan`;
    const cases: [Record<string, unknown>, string][] = [
      [{ firstDueDate: isoDateInDays(-1) }, 'firstDueDate'],
      [{ firstDueDate: `${nextYear(false)}-02-30` }, 'firstDueDate'],
      [{ installmentCount: 0 }, 'installmentCount'],
      [{ installmentCount: 61 }, 'installmentCount'],
      [{ installmentCount: 2.5 }, 'installmentCount'],
      [{ frequency: 'DAILY' }, 'frequency'],
      [{ depositAmount: '-1.00' }, 'depositAmount'],
      [{ depositAmount: '10.001' }, 'depositAmount'],
      [{ financedAmount: '1.00' }, ''],
    ];
    for (const [override, path] of cases) {
      const res = await clinic.as('BILLING').post(url, planBody(override));
      expect(res.status, JSON.stringify(override)).toBe(400);
      if (path) expect(fieldPaths(res), JSON.stringify(override)).toEqual([path]);
    }
    expect(await paymentPlanCount(quote.id)).toBe(0);
  });

  it('answers 409 INVALID_STATE_TRANSITION for a quote that is not accepted', async () => {
    const { quote } = await given.acceptedQuote(clinic, { approve: false });
    expect(quote.status).toBe('ISSUED');
    const res = await clinic.as('BILLING').post(`/quotes/${quote.id}/payment-plan`, planBody());
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('INVALID_STATE_TRANSITION');
    expect(await paymentPlanCount(quote.id)).toBe(0);
  });

  it('answers 409 DUPLICATE for a second payment plan on the same quote', async () => {
    const { quote } = await given.acceptedQuote(clinic);
    const url = `/quotes/${quote.id}/payment-plan`;
    expect((await clinic.as('BILLING').post(url, planBody())).status).toBe(201);
    const again = await clinic.as('COORDINATOR').post(url, planBody({ installmentCount: 6 }));
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('DUPLICATE');
    expect(await paymentPlanCount(quote.id)).toBe(1);
  });

  it('lets BILLING, COORDINATOR and ADMIN create one and refuses SURGEON and NURSE', async () => {
    for (const role of ['SURGEON', 'NURSE'] as const) {
      const { quote } = await given.acceptedQuote(clinic);
      const res = await clinic.as(role).post(`/quotes/${quote.id}/payment-plan`, planBody());
      expect(res.status, role).toBe(403);
      expect(await paymentPlanCount(quote.id)).toBe(0);
    }
    for (const role of ['COORDINATOR', 'ADMIN'] as const) {
      const { quote } = await given.acceptedQuote(clinic);
      const res = await clinic.as(role).post(`/quotes/${quote.id}/payment-plan`, planBody());
      expect(res.status, role).toBe(201);
    }
  });

  it("answers 404 for another clinic's quote and for an unknown one", async () => {
    const { quote } = await given.acceptedQuote(clinic);
    const res = await other.as('BILLING').post(`/quotes/${quote.id}/payment-plan`, planBody());
    expect(res.status).toBe(404);
    expect(res.body.code).toBe('NOT_FOUND');
    expect(await paymentPlanCount(quote.id)).toBe(0);
    const unknown = await clinic
      .as('BILLING')
      .post(`/quotes/${randomUUID()}/payment-plan`, planBody());
    expect(unknown.status).toBe(404);
  });
});

describe('POST /payment-plans/:id/payments', () => {
  it('applies a payment spanning two installments to the oldest first', async () => {
    const plan = await paymentPlanFor(clinic);

    const res = await clinic.as('BILLING').post(`/payment-plans/${plan.id}/payments`, {
      amount: '400.00',
      method: 'CARD',
      reference: 'auth 8812',
    });

    expect(res.status).toBe(201);
    expect(res.headers.etag).toBe('"2"');
    expect(res.body).toMatchObject({
      id: plan.id,
      status: 'ACTIVE',
      balance: '600.00',
      version: 2,
      installments: [
        { number: 1, amount: '333.33', paidAmount: '333.33', status: 'PAID' },
        { number: 2, amount: '333.33', paidAmount: '66.67', status: 'PARTIALLY_PAID' },
        { number: 3, amount: '333.34', paidAmount: '0.00', status: 'PENDING' },
      ],
      payments: [
        {
          amount: '400.00',
          method: 'CARD',
          reference: 'auth 8812',
          recordedById: clinic.staff.BILLING.id,
        },
      ],
    });
    expect(await stored(plan.id)).toEqual({ payments: 1, paid: '400.00', overpaid: 0, version: 2 });

    const next = await clinic
      .as('BILLING')
      .post(`/payment-plans/${plan.id}/payments`, { amount: 300, method: 'CASH' });
    expect(next.status).toBe(201);
    expect(next.body.balance).toBe('300.00');
    expect(next.body.installments.map((i: { paidAmount: string }) => i.paidAmount)).toEqual([
      '333.33',
      '333.33',
      '33.34',
    ]);
    expect(next.body.payments).toHaveLength(2);
    expect((await auditOf(plan.id)).map((e) => e.action)).toEqual([
      'payment-plan.create',
      'payment-plan.record-payment',
      'payment-plan.record-payment',
    ]);
  });

  it('completes the plan when the balance is paid and then takes no more payments', async () => {
    const plan = await paymentPlanFor(clinic);
    const url = `/payment-plans/${plan.id}/payments`;

    const res = await clinic
      .as('BILLING')
      .post(url, { amount: '1000.00', method: 'BANK_TRANSFER' });

    expect(res.status).toBe(201);
    expect(res.body.status).toBe('COMPLETED');
    expect(res.body.balance).toBe('0.00');
    expect(res.body.installments.every((i: { status: string }) => i.status === 'PAID')).toBe(true);
    const more = await clinic.as('BILLING').post(url, { amount: '0.01', method: 'CASH' });
    expect(more.status).toBe(409);
    expect(more.body.code).toBe('INVALID_STATE_TRANSITION');
  });

  it('refuses an overpayment with 400 naming amount and writes nothing', async () => {
    const plan = await paymentPlanFor(clinic);
    const url = `/payment-plans/${plan.id}/payments`;
    await clinic.as('BILLING').post(url, { amount: '100.00', method: 'CASH' });
    const before = await stored(plan.id);

    const res = await clinic.as('BILLING').post(url, { amount: '900.01', method: 'CASH' });

    expect(res.status).toBe(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    expect(fieldPaths(res)).toEqual(['amount']);
    expect(res.body.errors[0].message).toMatch(/900\.00/);
    expect(await stored(plan.id)).toEqual(before);
  });

  it('refuses a zero, negative or over-precise amount and an unknown method', async () => {
    const plan = await paymentPlanFor(clinic);
    const url = `/payment-plans/${plan.id}/payments`;
    for (const [body, path] of [
      [{ amount: '0.00', method: 'CASH' }, 'amount'],
      [{ amount: '-5.00', method: 'CASH' }, 'amount'],
      [{ amount: '5.001', method: 'CASH' }, 'amount'],
      [{ amount: '5.00', method: 'BITCOIN' }, 'method'],
    ] as const) {
      const res = await clinic.as('BILLING').post(url, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(fieldPaths(res)).toEqual([path]);
    }
    expect(await stored(plan.id)).toMatchObject({ payments: 0, paid: '0.00', version: 1 });
  });

  it('never lets concurrent payments together pay more than the balance', async () => {
    const plan = await paymentPlanFor(clinic);
    const url = `/payment-plans/${plan.id}/payments`;

    const [a, b] = await Promise.all([
      clinic.as('BILLING').post(url, { amount: '600.00', method: 'CARD' }),
      clinic.as('BILLING').post(url, { amount: '600.00', method: 'CASH' }),
    ]);

    expect([a.status, b.status].sort()).toEqual([201, 400]);
    expect(await stored(plan.id)).toEqual({ payments: 1, paid: '600.00', overpaid: 0, version: 2 });

    // Five more at once, 150.00 each, against the 400.00 left: exactly two fit.
    const results = await Promise.all(
      Array.from({ length: 5 }, () =>
        clinic.as('BILLING').post(url, { amount: '150.00', method: 'CARD' }),
      ),
    );
    expect(results.filter((r) => r.status === 201)).toHaveLength(2);
    expect(results.filter((r) => r.status === 400)).toHaveLength(3);
    const after = await stored(plan.id);
    expect(after).toEqual({ payments: 3, paid: '900.00', overpaid: 0, version: 4 });
    const read = await clinic.as('BILLING').get(`/payment-plans/${plan.id}`);
    expect(read.body.balance).toBe('100.00');
    expect(read.body.payments).toHaveLength(3);
  });

  it('records a payment once when it is retried with the same Idempotency-Key', async () => {
    const plan = await paymentPlanFor(clinic);
    const url = `/payment-plans/${plan.id}/payments`;
    const headers = { 'idempotency-key': `payment-${randomUUID()}` };
    const body = { amount: '100.00', method: 'CARD' };

    const first = await clinic.as('BILLING').post(url, body, headers);
    const retry = await clinic.as('BILLING').post(url, body, headers);

    expect(first.status).toBe(201);
    expect(retry.status).toBe(201);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.body).toEqual(first.body);
    expect(await stored(plan.id)).toMatchObject({ payments: 1, paid: '100.00', version: 2 });
  });

  it('lets only BILLING and ADMIN record payments', async () => {
    const plan = await paymentPlanFor(clinic);
    const url = `/payment-plans/${plan.id}/payments`;
    for (const role of ['COORDINATOR', 'SURGEON', 'NURSE'] as const) {
      const res = await clinic.as(role).post(url, { amount: '1.00', method: 'CASH' });
      expect(res.status, role).toBe(403);
    }
    expect((await clinic.as('ADMIN').post(url, { amount: '1.00', method: 'CASH' })).status).toBe(
      201,
    );
    expect(await stored(plan.id)).toMatchObject({ payments: 1, paid: '1.00' });
  });

  it("answers 404 for another clinic's payment plan and changes nothing", async () => {
    const plan = await paymentPlanFor(clinic);
    const pay = await other
      .as('BILLING')
      .post(`/payment-plans/${plan.id}/payments`, { amount: '1.00', method: 'CASH' });
    expect(pay.status).toBe(404);
    expect((await other.as('BILLING').get(`/payment-plans/${plan.id}`)).status).toBe(404);
    expect(await stored(plan.id)).toMatchObject({ payments: 0, version: 1 });
  });
});

describe('GET /payment-plans', () => {
  it('lists the payment plans of a quote or a patient, newest first, a page at a time', async () => {
    const listClinic = await given.clinicWithStaff('Payment Plan List Clinic');
    const first = await paymentPlanFor(listClinic);
    const second = await paymentPlanFor(listClinic, { installmentCount: 2 });

    const all = await listClinic.as('COORDINATOR').get('/payment-plans');
    expect(all.status).toBe(200);
    expect(all.body.data.map((p: { id: string }) => p.id)).toEqual([second.id, first.id]);
    expect(all.body.data[0]).toEqual(second);

    const byQuote = await listClinic.as('BILLING').get(`/payment-plans?quoteId=${first.quoteId}`);
    expect(byQuote.body.data.map((p: { id: string }) => p.id)).toEqual([first.id]);
    const byPatient = await listClinic
      .as('BILLING')
      .get(`/payment-plans?patientId=${second.patientId}`);
    expect(byPatient.body.data.map((p: { id: string }) => p.id)).toEqual([second.id]);

    const page1 = await listClinic.as('BILLING').get('/payment-plans?limit=1');
    expect(page1.body.data.map((p: { id: string }) => p.id)).toEqual([second.id]);
    expect(page1.body.nextCursor).toEqual(expect.any(String));
    const page2 = await listClinic
      .as('BILLING')
      .get(`/payment-plans?limit=1&cursor=${page1.body.nextCursor}`);
    expect(page2.body).toEqual({ data: [first], nextCursor: null });

    expect((await other.as('BILLING').get(`/payment-plans?quoteId=${first.quoteId}`)).body).toEqual(
      { data: [], nextCursor: null },
    );
    expect((await auditOf(first.id)).map((e) => e.action)).toContain('payment-plan.list');
  });

  it('is refused to SURGEON and NURSE', async () => {
    const plan = await paymentPlanFor(clinic);
    for (const role of ['SURGEON', 'NURSE'] as const) {
      expect((await clinic.as(role).get('/payment-plans')).status, role).toBe(403);
      expect((await clinic.as(role).get(`/payment-plans/${plan.id}`)).status, role).toBe(403);
    }
  });
});
