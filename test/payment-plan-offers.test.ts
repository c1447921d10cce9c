import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { trustedClinicId, type PatientLinkActor } from '../src/common/auth/caller';
import { TransactionRunner } from '../src/common/database/transaction-runner';
import { Money } from '../src/common/money';
import { PaymentPlanOfferService } from '../src/modules/payment-plan';
import { installmentSchedule } from '../src/modules/payment-plan/services/installment-schedule';
import { Given, type AcceptedQuote, type ClinicWithStaff } from './support/given';
import { onPostgresServer, startTestApp, type TestApp } from './support/test-app';

let t: TestApp;
let given: Given;
let clinic: ClinicWithStaff;
let other: ClinicWithStaff;
let offers: PaymentPlanOfferService;
const where = onPostgresServer ? 'PostgreSQL server' : 'PGlite';

beforeAll(async () => {
  t = await startTestApp();
  given = new Given(t);
  [clinic, other] = await Promise.all([
    given.clinicWithStaff('Payment Plan Offers Clinic'),
    given.clinicWithStaff('Other Payment Plan Offers Clinic'),
  ]);
  offers = t.app.get(PaymentPlanOfferService);
}, 120_000);
afterAll(() => t.close());

function isoDateInDays(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

/** The seed's quote is 8000.00, all patient-paid. */
function terms(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    depositAmount: '1000.00',
    installmentCount: 3,
    frequency: 'MONTHLY',
    firstDueDate: isoDateInDays(40),
    ...overrides,
  };
}

function linkOf(q: AcceptedQuote, c: ClinicWithStaff = clinic): PatientLinkActor {
  const linkId = randomUUID();
  const clinicId = trustedClinicId(c.clinicId);
  return {
    linkId,
    clinicId,
    patientId: q.patient.id,
    procedurePlanId: q.plan.id,
    requestId: `req-${linkId}`,
    ipAddress: '203.0.113.7',
    userAgent: 'vitest',
    expiresAt: new Date(Date.now() + 3_600_000),
    audit: { clinicId, userId: linkId, requestId: `req-${linkId}` },
  };
}

async function offer(quoteId: string, body = terms(), c = clinic): Promise<any> {
  const res = await c.as('BILLING').post(`/quotes/${quoteId}/payment-plan-offers`, body);
  if (res.status !== 201) throw new Error(`offer: ${res.status} ${res.text}`);
  return res.body;
}

async function approve(q: AcceptedQuote): Promise<void> {
  const res = await clinic.as('COORDINATOR').post(`/procedure-plans/${q.plan.id}/approve`, {});
  if (res.status !== 200) throw new Error(`approve: ${res.status} ${res.text}`);
}

async function rows<T extends z.ZodTypeAny>(schema: T, query: ReturnType<typeof sql>) {
  const result = await t.app.get(TransactionRunner).db.execute(query);
  return z.object({ rows: z.array(schema) }).parse(result).rows as z.infer<T>[];
}

const planCount = async (quoteId: string) =>
  (
    await rows(
      z.object({ n: z.number() }),
      sql`SELECT count(*)::int AS n FROM payment_plans WHERE quote_id = ${quoteId}`,
    )
  )[0]!.n;

describe('offering payment plans (staff)', () => {
  it('offers terms for an ISSUED quote, with the installments a payment plan would have', async () => {
    const q = await given.acceptedQuote(clinic, { approve: false });
    expect(q.quote.status).toBe('ISSUED');
    const body = terms({ depositAmount: '1000.00', installmentCount: 3 });
    const created = await offer(q.quote.id, body);
    const expected = installmentSchedule(
      Money.fromDecimal('7000.00'),
      3,
      'MONTHLY',
      body.firstDueDate as string,
    ).map((i) => ({ number: i.number, dueDate: i.dueDate, amount: i.amount.toDecimal() }));
    expect(created).toMatchObject({
      quoteId: q.quote.id,
      depositAmount: '1000.00',
      financedAmount: '7000.00',
      installmentCount: 3,
      frequency: 'MONTHLY',
      status: 'OFFERED',
      installments: expected,
      createdById: clinic.staff.BILLING.id,
      chosenAt: null,
      paymentPlanId: null,
    });
    // 7000.00 in 3: the remainder cent on the last.
    expect(created.installments.map((i: { amount: string }) => i.amount)).toEqual([
      '2333.33',
      '2333.33',
      '2333.34',
    ]);
    const listed = await clinic.as('COORDINATOR').get(`/quotes/${q.quote.id}/payment-plan-offers`);
    expect(listed.status).toBe(200);
    expect(listed.body.data).toEqual([created]);
  });

  it('checks the terms as a payment plan does', async () => {
    const q = await given.acceptedQuote(clinic, { approve: false });
    const bad = async (overrides: Record<string, unknown>) =>
      clinic.as('BILLING').post(`/quotes/${q.quote.id}/payment-plan-offers`, terms(overrides));
    const tooBig = await bad({ depositAmount: '8000.01' });
    expect(tooBig.status).toBe(400);
    expect(tooBig.body.errors[0].path).toBe('depositAmount');
    const whole = await bad({ depositAmount: '8000.00' });
    expect(whole.status).toBe(400);
    expect(whole.body.errors[0].path).toBe('depositAmount');
    const past = await bad({ firstDueDate: isoDateInDays(-2) });
    expect(past.status).toBe(400);
    expect(past.body.errors[0].path).toBe('firstDueDate');
    const count = await bad({ installmentCount: 61 });
    expect(count.status).toBe(400);
    const extra = await bad({ note: 'x' });
    expect(extra.status).toBe(400);
    expect(
      (await clinic.as('BILLING').get(`/quotes/${q.quote.id}/payment-plan-offers`)).body.data,
    ).toEqual([]);
  });

  it('refuses an offer for a quote with a payment plan, and another clinic sees nothing', async () => {
    const q = await given.acceptedQuote(clinic);
    const created = await offer(q.quote.id);
    const plan = await clinic
      .as('BILLING')
      .post(`/quotes/${q.quote.id}/payment-plan`, terms({ installmentCount: 2 }));
    expect(plan.status).toBe(201);
    // The staff's own payment plan withdraws the open offers: a quote has one plan.
    const listed = await clinic.as('BILLING').get(`/quotes/${q.quote.id}/payment-plan-offers`);
    expect(listed.body.data).toMatchObject([{ id: created.id, status: 'WITHDRAWN' }]);
    const again = await clinic
      .as('BILLING')
      .post(`/quotes/${q.quote.id}/payment-plan-offers`, terms());
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('DUPLICATE');

    expect(
      (await other.as('BILLING').post(`/quotes/${q.quote.id}/payment-plan-offers`, terms())).status,
    ).toBe(404);
    expect(
      (await other.as('BILLING').get(`/quotes/${q.quote.id}/payment-plan-offers`)).status,
    ).toBe(404);
    expect(
      (await other.as('BILLING').post(`/payment-plan-offers/${created.id}/withdraw`, {})).status,
    ).toBe(404);
  });

  it('withdraws an open offer once', async () => {
    const q = await given.acceptedQuote(clinic, { approve: false });
    const created = await offer(q.quote.id);
    const res = await clinic
      .as('COORDINATOR')
      .post(`/payment-plan-offers/${created.id}/withdraw`, {});
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: created.id, status: 'WITHDRAWN' });
    expect(res.body.withdrawnAt).not.toBeNull();
    const again = await clinic
      .as('COORDINATOR')
      .post(`/payment-plan-offers/${created.id}/withdraw`, {});
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({
      code: 'INVALID_STATE_TRANSITION',
      currentStatus: 'WITHDRAWN',
    });
    expect(await offers.forPatient(linkOf(q))).toEqual({ offers: [], chosen: null });
    expect(
      await offers.paymentPlanStep(t.app.get(TransactionRunner).db, linkOf(q).clinicId, q.plan.id),
    ).toBe('NONE');
  });
});

describe('the patient chooses', () => {
  it('sees the open offers, chooses one after approving, and gets the same payment plan the staff would make', async () => {
    const q = await given.acceptedQuote(clinic, { approve: false });
    const a = await offer(q.quote.id, terms({ depositAmount: '2000.00', installmentCount: 6 }));
    const b = await offer(
      q.quote.id,
      terms({ depositAmount: '500.00', installmentCount: 4, frequency: 'BIWEEKLY' }),
    );
    const link = linkOf(q);
    const step = () =>
      offers.paymentPlanStep(t.app.get(TransactionRunner).db, link.clinicId, q.plan.id);
    expect(await step()).toBe('OFFERED');
    const seen = await offers.forPatient(link);
    expect(seen.chosen).toBeNull();
    expect(seen.offers).toEqual(
      [a, b].map((o) => ({
        id: o.id,
        depositAmount: o.depositAmount,
        installmentCount: o.installmentCount,
        frequency: o.frequency,
        firstDueDate: o.firstDueDate,
        installments: o.installments,
      })),
    );

    // Not approved yet: a plain 409, nothing made.
    await expect(offers.chooseAsPatient(link, b.id)).rejects.toMatchObject({
      status: 409,
      message: 'Approve your treatment plan first; then you can choose a payment plan',
    });
    expect(await planCount(q.quote.id)).toBe(0);

    await approve(q);
    const chosen = await offers.chooseAsPatient(link, b.id);
    expect(chosen.offers).toEqual([]);
    expect(chosen.chosen).toMatchObject({
      depositAmount: '500.00',
      balance: '7500.00',
      installments: b.installments.map((i: object) => ({
        ...i,
        paidAmount: '0.00',
        status: 'PENDING',
      })),
    });
    expect(chosen.chosen!.paymentPlanNumber).toMatch(/^PP-\d{4}-\d{3}$/);
    expect(await step()).toBe('CHOSEN');

    const listed = (await clinic.as('BILLING').get(`/quotes/${q.quote.id}/payment-plan-offers`))
      .body.data;
    const byId = new Map(listed.map((o: any) => [o.id, o]));
    expect(byId.get(a.id)).toMatchObject({ status: 'WITHDRAWN' });
    expect(byId.get(b.id)).toMatchObject({ status: 'CHOSEN' });
    const planId = (byId.get(b.id) as any).paymentPlanId as string;
    const plan = (await clinic.as('BILLING').get(`/payment-plans/${planId}`)).body;
    expect(plan).toMatchObject({
      quoteId: q.quote.id,
      createdById: null,
      createdByPatientLinkId: link.linkId,
      installments: chosen.chosen!.installments,
    });
    const [stored] = await rows(
      z.object({ linkId: z.string().nullable(), chosenAt: z.string().nullable() }),
      sql`SELECT chosen_by_patient_link_id::text AS "linkId", chosen_at::text AS "chosenAt"
          FROM payment_plan_offers WHERE id = ${b.id}`,
    );
    expect(stored).toMatchObject({ linkId: link.linkId, chosenAt: expect.any(String) });

    // Audited for the link, marked as the patient's.
    const events = await rows(
      z.object({ action: z.string(), entityId: z.string(), metadata: z.any() }),
      sql`SELECT action, entity_id::text AS "entityId", metadata FROM audit_events
          WHERE actor_id = ${link.linkId} ORDER BY id`,
    );
    expect(events).toEqual(
      expect.arrayContaining([
        { action: 'payment-plan-offer.read', entityId: a.id, metadata: { via: 'patient-link' } },
        { action: 'payment-plan.create', entityId: planId, metadata: { via: 'patient-link' } },
        {
          action: 'payment-plan-offer.choose',
          entityId: b.id,
          metadata: { via: 'patient-link' },
        },
        {
          action: 'payment-plan-offer.withdraw',
          entityId: a.id,
          metadata: expect.objectContaining({ via: 'patient-link', paymentPlanId: planId }),
        },
      ]),
    );

    // A second choice, of either offer, is refused and makes nothing.
    await expect(offers.chooseAsPatient(link, b.id)).rejects.toMatchObject({ status: 409 });
    await expect(offers.chooseAsPatient(link, a.id)).rejects.toMatchObject({ status: 409 });
    expect(await planCount(q.quote.id)).toBe(1);
    // And the patient now sees what is due.
    expect(await offers.forPatient(link)).toEqual(chosen);
  });

  it("cannot choose another plan's offer", async () => {
    const mine = await given.acceptedQuote(clinic);
    const theirs = await given.acceptedQuote(clinic);
    const theirOffer = await offer(theirs.quote.id);
    await expect(offers.chooseAsPatient(linkOf(mine), theirOffer.id)).rejects.toMatchObject({
      status: 404,
    });
    await expect(
      offers.chooseAsPatient(linkOf(theirs, other), theirOffer.id),
    ).rejects.toMatchObject({ status: 404 });
    expect(await planCount(theirs.quote.id)).toBe(0);
    expect((await offers.forPatient(linkOf(mine))).offers).toEqual([]);
  });

  it('a payment plan names its maker: a member of staff or a patient link, never both or neither', async () => {
    const q = await given.acceptedQuote(clinic);
    const made = await clinic.as('BILLING').post(`/quotes/${q.quote.id}/payment-plan`, terms());
    expect(made.status).toBe(201);
    const db = t.app.get(TransactionRunner).db;
    await expect(
      db.execute(
        sql`UPDATE payment_plans SET created_by_id = NULL WHERE id = ${made.body.id as string}`,
      ),
    ).rejects.toThrow();
    await expect(
      db.execute(
        sql`UPDATE payment_plans SET created_by_patient_link_id = ${randomUUID()} WHERE id = ${made.body.id as string}`,
      ),
    ).rejects.toThrow();
  });

  it(`makes exactly one payment plan of 6 choices sent at once (${where})`, async () => {
    const q = await given.acceptedQuote(clinic);
    const open = [];
    for (let i = 0; i < 3; i++)
      open.push(await offer(q.quote.id, terms({ installmentCount: i + 2 })));
    const link = linkOf(q);
    const results = await Promise.allSettled(
      [...open, ...open].map((o) => offers.chooseAsPatient(link, o.id)),
    );
    const won = results.filter((r) => r.status === 'fulfilled');
    const lost = results.filter((r) => r.status === 'rejected');
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(5);
    for (const r of lost) expect(r.reason).toMatchObject({ status: 409 });
    expect(await planCount(q.quote.id)).toBe(1);
    const statuses = await rows(
      z.object({ status: z.string(), n: z.number() }),
      sql`SELECT status::text, count(*)::int AS n FROM payment_plan_offers
          WHERE quote_id = ${q.quote.id} GROUP BY status ORDER BY status`,
    );
    expect(statuses).toEqual([
      { status: 'CHOSEN', n: 1 },
      { status: 'WITHDRAWN', n: 2 },
    ]);
  });
});
