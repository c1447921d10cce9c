// The seed workflow's SQL round trips (issue 21 §4, docs/performance.md "Issue 21: the write
// path"): every statement the app sends to the PostgreSQL server goes through pg's
// `Client.prototype.query` (the pool's queries, BEGIN/COMMIT, a transaction's statements), so a
// counter over it sees each round trip the requests make. The workflow is the bench's (existing
// patient, consultation, requirements added one by one, quote, consent, FDA checklist, approval,
// allocation, readiness, booking, start, usage, completion, bill, payment, read-back).
import type { PGlite, Transaction } from '@electric-sql/pglite';
import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../src/common/database/database';
import { DATABASE } from '../src/common/database/database.tokens';
import { Given, type ClinicWithStaff } from './support/given';
import { at, expectStatus, operatingRoom } from './support/given-theater';
import {
  BREAST_AUG_CONSENT_TEMPLATE,
  FEE_19325,
  IMPLANT_300CC_ROUND,
  SUTURES,
} from './support/seed-catalog';
import { runSeedWorkflow } from './support/seed-workflow';
import { onPostgresServer, startTestApp, type TestApp } from './support/test-app';

/**
 * The whole workflow's round trips, measured on 2026-12-05 with this file (docs/performance.md
 * "Issue 21: the write path"): 278 before issue 21, 233 after its write-path changes, 202 with the
 * plan presenter's one statement and the guard's user memory too; the budget leaves ~10 % for a
 * change that must add one. Lower it when a change takes round trips away.
 */
const BUDGET = 222;

let t: TestApp;
let clinic: ClinicWithStaff;

let counting = false;
let count = 0;

/** Counts one statement (while a request is being counted); ROUND_TRIPS_SQL prints it. */
function counted(query: unknown): void {
  if (!counting) return;
  count++;
  if (process.env.ROUND_TRIPS_SQL) {
    const q = query as string | { text?: string };
    console.info(`  ${(typeof q === 'string' ? q : (q.text ?? '')).slice(0, 160)}`);
  }
}

/** A method of `target` that counts its calls, and the restore of the original. */
function countCalls(target: object, method: string): () => void {
  const original = Reflect.get(target, method) as (...args: unknown[]) => unknown;
  Object.defineProperty(target, method, {
    configurable: true,
    writable: true,
    value: function (this: unknown, ...args: unknown[]) {
      counted(args[0]);
      return Reflect.apply(original, this, args);
    },
  });
  return () =>
    Object.defineProperty(target, method, { configurable: true, writable: true, value: original });
}

/**
 * On PostgreSQL, every statement (the pool's, BEGIN, COMMIT) is a `pg` Client.query. On PGlite,
 * drizzle runs statements through the client's `query`, and a transaction through its
 * `transaction`, whose handle's `query` runs the statements (drizzle's SET TRANSACTION standing
 * for the server's BEGIN) and whose end is one more (COMMIT): the same count.
 */
function countStatements(database: Database): () => void {
  if (database.kind === 'postgres') return countCalls(Client.prototype, 'query');
  const client = (database.db as unknown as { $client: PGlite }).$client;
  const restoreQuery = countCalls(client, 'query');
  const original = client.transaction.bind(client);
  client.transaction = <T>(callback: (tx: Transaction) => Promise<T>) =>
    original(async (tx) => {
      countCalls(tx, 'query');
      countCalls(tx, 'exec');
      try {
        return await callback(tx);
      } finally {
        counted('COMMIT');
      }
    });
  return () => {
    restoreQuery();
    client.transaction = original;
  };
}

beforeAll(async () => {
  t = await startTestApp();
  clinic = await new Given(t).clinicWithStaff('Round Trips Clinic');
  const restore = countStatements(t.app.get<Database>(DATABASE));
  afterAll(restore);
});
afterAll(() => t.close());

describe(`the seed workflow's SQL round trips (${onPostgresServer ? 'PostgreSQL server' : 'PGlite'})`, () => {
  it(`stay within ${BUDGET} for the whole workflow, each request's counted`, async () => {
    const as = (role: 'ADMIN' | 'NURSE' | 'BILLING') => clinic.as(role);
    expectStatus('fee', await as('BILLING').request('PUT', '/fee-schedule/19325', FEE_19325), 200);
    const implant = expectStatus(
      'implant item',
      await as('NURSE').post('/inventory/items', IMPLANT_300CC_ROUND),
      201,
    );
    expectStatus(
      'implants',
      await as('NURSE').post(`/inventory/items/${implant.id}/batches`, {
        batchNumber: 'RT-1',
        expiresAt: '2099-01-01',
        serialNumbers: ['RT-SN-1', 'RT-SN-2', 'RT-SN-3', 'RT-SN-4'],
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
        expiresAt: '2099-01-01',
        quantity: 50,
      }),
      201,
    );
    expectStatus(
      'template',
      await as('ADMIN').post('/consent-templates', BREAST_AUG_CONSENT_TEMPLATE),
      201,
    );
    const room = await operatingRoom(clinic, 'OR RT');
    const patient = await new Given(t).patient(clinic);

    const perRequest: { step: string; statements: number }[] = [];
    const run = async (day: number) =>
      runSeedWorkflow(
        {
          async request(role, method, path, body) {
            count = 0;
            counting = true;
            const res = await clinic.as(role).request(method, path, body);
            counting = false;
            if (process.env.ROUND_TRIPS_SQL) console.info(`== ${count} ${method} ${path}`);
            perRequest.push({ step: `${method} ${path}`, statements: count });
            return res;
          },
        },
        {
          patient: { id: patient.id },
          consultation: {
            surgeonId: clinic.staff.SURGEON.id,
            consultationDate: new Date().toISOString(),
            reason: 'I want breast augmentation',
          },
          requirements: 'added',
          implants: {
            inventoryItemCode: IMPLANT_300CC_ROUND.code,
            quantity: 2,
            sizeRequirement: '300cc',
            shapeRequirement: 'Round',
          },
          sutures: { inventoryItemCode: SUTURES.code, quantity: 1 },
          booking: () => ({
            operatingRoomId: room.id,
            surgeonId: clinic.staff.SURGEON.id,
            scheduledStart: at(day, 8),
            scheduledEnd: at(day, 10),
          }),
        },
      );
    // The first run warms what a running server has warm (caches); the second is counted.
    await run(5);
    perRequest.length = 0;
    const second = await run(6);
    expect(second.paid).toMatchObject({ status: 'PAID' });

    const total = perRequest.reduce((sum, r) => sum + r.statements, 0);
    if (process.env.ROUND_TRIPS_PRINT)
      console.info(
        [...perRequest.map((r) => `${r.statements}\t${r.step}`), `${total}\ttotal`].join('\n'),
      );
    expect(perRequest.length).toBe(second.requests);
    expect(total).toBeLessThanOrEqual(BUDGET);
  });
});
