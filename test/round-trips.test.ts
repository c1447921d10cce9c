// How many SQL round trips a plan read costs (issue 21, docs/performance.md "Issue 21: round
// trips"): GET /procedure-plans/:id in at most four, the auth check and the audit row included, and
// a page of plans in as many statements whatever its size. Counted on the real driver under the
// app: every statement drizzle sends goes through its session's logger (the NoopLogger here), and
// a transaction is two more (BEGIN and COMMIT, which PGlite sends itself, unlogged).
import { NoopLogger } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../src/common/database/database';
import { DATABASE } from '../src/common/database/database.tokens';
import { Given, type ClinicWithStaff } from './support/given';
import {
  at,
  daysFromNow,
  expectStatus,
  operatingRoom,
  seedTransport,
} from './support/given-theater';
import {
  BREAST_AUG_CONSENT_TEMPLATE,
  FEE_19325,
  IMPLANT_300CC_ROUND,
  SUTURES,
} from './support/seed-catalog';
import { runSeedWorkflow, type Json } from './support/seed-workflow';
import { startTestApp, type TestApp } from './support/test-app';

const TRANSACTION_CONTROL = /^\s*(begin|commit|rollback)\b/i;

let t: TestApp;
let clinic: ClinicWithStaff;
let recording: string[] | undefined;
let transactions = 0;
const originalLogQuery = Object.getOwnPropertyDescriptor(NoopLogger.prototype, 'logQuery');
let restoreTransaction: (() => void) | undefined;

beforeAll(async () => {
  t = await startTestApp();
  clinic = await new Given(t).clinicWithStaff('Round Trips Clinic');
  Object.defineProperty(NoopLogger.prototype, 'logQuery', {
    configurable: true,
    writable: true,
    value(query: string) {
      // BEGIN/COMMIT are counted per transaction below, whichever driver sends them.
      if (!TRANSACTION_CONTROL.test(query)) recording?.push(query);
    },
  });
  const { db } = t.app.get<Database>(DATABASE);
  const transaction = db.transaction.bind(db);
  db.transaction = ((...args: Parameters<typeof transaction>) => {
    if (recording) transactions++;
    return transaction(...args);
  }) as typeof db.transaction;
  restoreTransaction = () => delete (db as Partial<typeof db>).transaction;
});
afterAll(async () => {
  if (originalLogQuery) Object.defineProperty(NoopLogger.prototype, 'logQuery', originalLogQuery);
  restoreTransaction?.();
  await t.close();
});
afterEach(() => {
  recording = undefined;
});

/** The statements `request` ran, and its round trips (statements + BEGIN and COMMIT of each transaction). */
async function counted<T>(
  request: () => Promise<T>,
): Promise<{ result: T; statements: string[]; roundTrips: number }> {
  recording = [];
  transactions = 0;
  try {
    const result = await request();
    return { result, statements: recording, roundTrips: recording.length + 2 * transactions };
  } finally {
    recording = undefined;
  }
}

const as = (role: 'ADMIN' | 'SURGEON' | 'NURSE' | 'COORDINATOR' | 'BILLING') => clinic.as(role);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A scheduled seed plan: requirements with reserved serials, a signed consent, a quote, a case. */
async function scheduledPlan(lastName: string, day: number): Promise<Json> {
  const room = await operatingRoom(clinic, `OR ${lastName}`);
  const run = await runSeedWorkflow(seedTransport(clinic), {
    patient: {
      create: { firstName: 'Ana', lastName, dateOfBirth: '1988-06-01', sexAtBirth: 'FEMALE' },
    },
    requirements: 'added',
    implants: { inventoryItemCode: 'breast-implant-300cc-round', quantity: 2 },
    sutures: { inventoryItemCode: 'surgical-sutures', quantity: 1 },
    booking: () => ({
      operatingRoomId: room.id,
      surgeonId: clinic.staff.SURGEON.id,
      scheduledStart: at(day, 8),
      scheduledEnd: at(day, 10),
    }),
    until: 'SCHEDULED',
  });
  expect(run.case?.id).toEqual(expect.any(String));
  return { ...run.created, caseId: run.case?.id, quoteId: run.quote?.id };
}

describe('GET /procedure-plans/:id', () => {
  let plan: Json;

  beforeAll(async () => {
    expectStatus('fee', await as('BILLING').request('PUT', '/fee-schedule/19325', FEE_19325), 200);
    const implant = expectStatus(
      'implant',
      await as('NURSE').post('/inventory/items', IMPLANT_300CC_ROUND),
      201,
    );
    expectStatus(
      'implants',
      await as('NURSE').post(`/inventory/items/${implant.id}/batches`, {
        batchNumber: 'RT-1',
        expiresAt: daysFromNow(400),
        serialNumbers: ['RT-SN-3', 'RT-SN-1', 'RT-SN-2', 'RT-SN-4'],
      }),
      201,
    );
    const sutures = expectStatus(
      'sutures',
      await as('NURSE').post('/inventory/items', SUTURES),
      201,
    );
    expectStatus(
      'sutures stock',
      await as('NURSE').post(`/inventory/items/${sutures.id}/batches`, {
        batchNumber: 'RT-SUT',
        expiresAt: daysFromNow(700),
        quantity: 20,
      }),
      201,
    );
    expectStatus(
      'consent template',
      await as('ADMIN').post('/consent-templates', BREAST_AUG_CONSENT_TEMPLATE),
      201,
    );
    plan = await scheduledPlan('Roundtrip', 6);
  });

  it('is at most four round trips with the user check not recently read: the user, the plan with all it shows, the audit row', async () => {
    // Past the auth guard's one-second memory of the caller (recent-users.ts): the check is SQL.
    await sleep(1_100);
    const { result, statements, roundTrips } = await counted(() =>
      as('COORDINATOR').get(`/procedure-plans/${plan.id}`),
    );
    const body = expectStatus('plan', result, 200);
    expect(roundTrips, statements.join('\n---\n')).toBeLessThanOrEqual(4);
    expect(transactions).toBe(0);
    expect(statements.filter((s) => /^\s*insert into "audit_events"/i.test(s))).toHaveLength(1);
    // What the one statement read: every part of the answer.
    expect(body).toMatchObject({
      id: plan.id,
      status: 'SCHEDULED',
      consent: { id: plan.consent.id, status: 'SIGNED', templateCode: 'BREAST_AUG_CONSENT_V2' },
      currentQuoteId: plan.quoteId,
      surgicalCaseId: plan.caseId,
    });
    expect(body.inventoryRequirements).toHaveLength(2);
    const implants = body.inventoryRequirements.find(
      (r: Json) => r.inventoryItemCode === 'breast-implant-300cc-round',
    );
    expect(implants).toMatchObject({ quantity: 2, isPreAllocated: true });
    expect(implants.serialNumbers).toEqual(['RT-SN-1', 'RT-SN-2']);
    const suture = body.inventoryRequirements.find(
      (r: Json) => r.inventoryItemCode === 'surgical-sutures',
    );
    expect(suture).toMatchObject({ quantity: 1, serialNumbers: [] });
  });

  it('is fewer still while the caller was checked within the second, and every read is audited', async () => {
    const audit = async () =>
      expectStatus(
        'audit',
        await as('ADMIN').get(
          `/audit-events?entityType=ProcedurePlan&entityId=${plan.id}&action=procedure-plan.read&limit=100`,
        ),
        200,
      );
    const before = (await audit()).data.length;
    await as('COORDINATOR').get(`/procedure-plans/${plan.id}`);
    const { result, roundTrips } = await counted(() =>
      as('COORDINATOR').get(`/procedure-plans/${plan.id}`),
    );
    expectStatus('plan', result, 200);
    expect(roundTrips).toBeLessThanOrEqual(3);
    expect((await audit()).data.length).toBe(before + 2);
  });

  it('is one statement and no audit row for a plan of another clinic (404)', async () => {
    const other = await new Given(t).clinicWithStaff('Round Trips Other Clinic');
    const { result, statements } = await counted(() =>
      other.as('COORDINATOR').get(`/procedure-plans/${plan.id}`),
    );
    expectStatus('plan', result, 404);
    expect(statements.filter((s) => /audit_events/i.test(s))).toEqual([]);
  });

  it('a page of plans costs as many statements with one plan as with several', async () => {
    await scheduledPlan('Roundtrip Two', 7);
    const page = (limit: number) =>
      counted(() => as('COORDINATOR').get(`/procedure-plans?status=SCHEDULED&limit=${limit}`));
    await page(1); // the caller is checked once; the two pages below compare alike
    const one = await page(1);
    const two = await page(2);
    expect(expectStatus('one', one.result, 200).data).toHaveLength(1);
    expect(expectStatus('two', two.result, 200).data).toHaveLength(2);
    expect(two.roundTrips).toBe(one.roundTrips);
  });
});
