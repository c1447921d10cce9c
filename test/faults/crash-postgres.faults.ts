import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedClinic, Workload } from './support/clinic-workload';
import { brokenInvariants, missingAcknowledged, type Query } from './support/invariants';
import { scratchDatabase, type ScratchDatabase } from './support/postgres';
import { kill, sleep, startServer, type RunningServer } from './support/server';

const KILLS = 12;
const WORKERS = 8;

let database: ScratchDatabase;
let server: RunningServer | undefined;

beforeAll(async () => {
  database = await scratchDatabase();
});

afterAll(async () => {
  if (server) await kill(server);
  await database?.drop();
});

describe('crash consistency on PostgreSQL', () => {
  it(`keeps every invariant and every acknowledged write across ${KILLS} SIGKILLs under load`, async () => {
    const store = { databaseUrl: database.url };
    server = await startServer(store);
    const clinic = await seedClinic(() => server!.baseUrl);
    const workload = new Workload(clinic);
    const client = new Client({ connectionString: database.url });
    await client.connect();
    const query: Query = (text, params) => client.query(text, params);
    const startups: number[] = [];
    try {
      workload.start(WORKERS);
      for (let kill_ = 1; kill_ <= KILLS; kill_++) {
        // Let the load run a random while, so the kill lands in a random request's transaction.
        await sleep(1_500 + Math.random() * 2_500);
        await kill(server);
        workload.serverUp = false;
        expect(await brokenInvariants(query), `invariants after kill ${kill_}`).toEqual([]);
        expect(
          await missingAcknowledged(query, workload.ledger),
          `acks after kill ${kill_}`,
        ).toEqual([]);
        server = await startServer(store);
        startups.push(server.startupMs);
        workload.serverUp = true;
      }
      await sleep(2_000);
    } finally {
      await workload.stop();
    }
    expect(await brokenInvariants(query)).toEqual([]);
    expect(await missingAcknowledged(query, workload.ledger)).toEqual([]);
    const { rows } = await query(
      `SELECT (SELECT count(*) FROM surgical_cases WHERE status = 'COMPLETED')::int AS completed,
              (SELECT count(*) FROM bill_payments)::int AS payments,
              (SELECT count(*) FROM inventory_allocations)::int AS allocations`,
    );
    await client.end();
    const { stats, ledger } = workload;
    console.info(
      `[faults] postgres crash: ${KILLS} kills, ${stats.requests} requests, ${stats.acknowledged} acknowledged ` +
        `(${ledger.count} writes tracked: ${ledger.patients.size} patients, ${ledger.plans.size} plans, ` +
        `${ledger.allocations.length} implant allocations, ${ledger.cases.size} cases, ` +
        `${ledger.payments.length} payments), ${stats.pipelinesCompleted} workflows to payment, ` +
        `${stats.networkErrors} cut by a kill, non-2xx ${JSON.stringify(stats.statuses)}, ` +
        `restart ${Math.min(...startups)}-${Math.max(...startups)} ms; in the database ${JSON.stringify(rows[0])}`,
    );
    expect(stats.serverErrors).toEqual([]);
    expect(stats.pipelinesCompleted).toBeGreaterThan(0);
    expect(ledger.payments.length).toBeGreaterThan(0);
  });
});
