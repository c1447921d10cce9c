import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedClinic, Workload } from './support/clinic-workload';
import { brokenInvariants, missingAcknowledged, type Query } from './support/invariants';
import { kill, sleep, startServer, type RunningServer } from './support/server';

const KILLS = 10;
const WORKERS = 4;

let workDir: string;
let dataDir: string;
let server: RunningServer | undefined;

beforeAll(() => {
  workDir = mkdtempSync(join(tmpdir(), 'contour-faults-pglite-'));
  dataDir = join(workDir, 'pglite');
});

afterAll(async () => {
  if (server) await kill(server);
  rmSync(workDir, { recursive: true, force: true });
});

/**
 * Opens the folder in this process, the way src/common/database/database.ts does (same
 * extensions, default durability), runs `check`, and closes it cleanly. Only while no server runs.
 */
async function withFolder<T>(check: (query: Query) => Promise<T>): Promise<T> {
  const [{ btree_gist }, { pg_trgm }] = await Promise.all([
    import('@electric-sql/pglite/contrib/btree_gist'),
    import('@electric-sql/pglite/contrib/pg_trgm'),
  ]);
  // A SIGKILLed server leaves PGlite's postmaster.pid behind; its process is gone.
  rmSync(join(dataDir, 'postmaster.pid'), { force: true });
  const db = await PGlite.create(dataDir, { extensions: { btree_gist, pg_trgm } });
  try {
    return await check((text, params) => db.query(text, params));
  } finally {
    await db.close();
  }
}

describe('crash consistency on an embedded PGlite folder', () => {
  it(`reopens the folder and keeps every invariant and acknowledged write across ${KILLS} SIGKILLs`, async () => {
    const store = { pgliteDataDir: dataDir };
    server = await startServer(store);
    const clinic = await seedClinic(() => server!.baseUrl);
    const workload = new Workload(clinic);
    const reopen: number[] = [];
    try {
      workload.start(WORKERS);
      for (let kill_ = 1; kill_ <= KILLS; kill_++) {
        await sleep(1_000 + Math.random() * 2_500);
        await kill(server);
        workload.serverUp = false;
        // The kill leaves the lock file (and PGlite's postmaster.pid) behind. After odd kills the
        // server itself takes the lock over, recovers the crashed folder and serves on; after even
        // kills the check opens the crashed folder first (the same PGlite, the same options) and
        // the server takes over the stale lock afterwards. Every acknowledged write so far is
        // checked each time, so each odd kill's recovery is checked at the next even kill.
        expect(existsSync(`${dataDir}.lock`)).toBe(true);
        if (kill_ % 2 === 1) {
          server = await startServer(store);
          reopen.push(server.startupMs);
          workload.serverUp = true;
          continue;
        }
        const [broken, missing] = await withFolder(async (query) => [
          await brokenInvariants(query),
          await missingAcknowledged(query, workload.ledger),
        ]);
        expect(broken, `invariants after kill ${kill_}`).toEqual([]);
        expect(missing, `acks after kill ${kill_}`).toEqual([]);
        server = await startServer(store);
        workload.serverUp = true;
      }
      await sleep(2_000);
    } finally {
      await workload.stop();
    }
    expect(await kill(server, 'SIGTERM')).toBe(0);
    server = undefined;
    const counts = await withFolder(async (query) => {
      expect(await brokenInvariants(query)).toEqual([]);
      expect(await missingAcknowledged(query, workload.ledger)).toEqual([]);
      const { rows } = await query(
        `SELECT (SELECT count(*) FROM surgical_cases WHERE status = 'COMPLETED')::int AS completed,
                (SELECT count(*) FROM bill_payments)::int AS payments`,
      );
      return rows[0];
    });
    const { stats, ledger } = workload;
    console.info(
      `[faults] pglite crash: ${KILLS} kills, ${stats.requests} requests, ${stats.acknowledged} acknowledged ` +
        `(${ledger.count} writes tracked: ${ledger.patients.size} patients, ${ledger.plans.size} plans, ` +
        `${ledger.cases.size} cases, ${ledger.payments.length} payments), ${stats.pipelinesCompleted} ` +
        `workflows to payment, ${stats.networkErrors} cut by a kill, non-2xx ${JSON.stringify(stats.statuses)}, ` +
        `reopen after kill ${Math.min(...reopen)}-${Math.max(...reopen)} ms; in the folder ${JSON.stringify(counts)}`,
    );
    expect(stats.serverErrors).toEqual([]);
    expect(stats.pipelinesCompleted).toBeGreaterThan(0);
  });
});
