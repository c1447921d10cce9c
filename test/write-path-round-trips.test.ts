// The seed workflow's SQL round trips (issue 21 §4, docs/performance.md "Issue 21: the write
// path"): every statement the app sends to the PostgreSQL server goes through pg's
// `Client.prototype.query` (the pool's queries, BEGIN/COMMIT, a transaction's statements), so a
// counter over it sees each round trip the requests make. The workflow is the bench's (existing
// patient, consultation, requirements added one by one, quote, consent, FDA checklist, approval,
// allocation, readiness, booking, start, usage, completion, bill, payment, read-back).
import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
 * "Issue 21: the write path"): 278 before issue 21, 234 after its write-path changes; the budget
 * leaves ~10 % for a change that must add one. Lower it when a change takes round trips away.
 */
const BUDGET = 257;

let t: TestApp;
let clinic: ClinicWithStaff;

let counting = false;
let count = 0;

beforeAll(async () => {
  if (!onPostgresServer) return;
  t = await startTestApp();
  clinic = await new Given(t).clinicWithStaff('Round Trips Clinic');
  const original = Object.getOwnPropertyDescriptor(Client.prototype, 'query')?.value as (
    ...args: unknown[]
  ) => unknown;
  Object.defineProperty(Client.prototype, 'query', {
    configurable: true,
    writable: true,
    value: function (this: Client, ...args: unknown[]) {
      if (counting) {
        count++;
        if (process.env.ROUND_TRIPS_SQL) {
          const q = args[0] as string | { text?: string };
          console.info(`  ${(typeof q === 'string' ? q : (q.text ?? '')).slice(0, 160)}`);
        }
      }
      return Reflect.apply(original, this, args);
    },
  });
  afterAll(() =>
    Object.defineProperty(Client.prototype, 'query', {
      configurable: true,
      writable: true,
      value: original,
    }),
  );
});
afterAll(() => t?.close());

describe.runIf(onPostgresServer)("the seed workflow's SQL round trips (PostgreSQL server)", () => {
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
