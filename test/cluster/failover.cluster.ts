import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { daysFromNow, seedClinic } from '../faults/support/clinic-workload';
import { expectStatus, Http } from '../faults/support/http';
import { brokenInvariants, missingAcknowledged, type Query } from '../faults/support/invariants';
import { ADMIN } from '../faults/support/server';
import {
  cluster,
  members,
  patroni,
  pids,
  PUBLIC_URL,
  READ_URL,
  sleep,
  waitUntil,
  WRITE_URL,
} from './support/cluster';
import { longestWriteGap, RetryingWorkload } from './support/retrying-workload';

// issue 21 §2 (docs/deployment.md "Measured"): the seed's workflow through the load balancer with
// 32 clients for at least 90 s while the Patroni leader (its PostgreSQL and its Patroni) is
// SIGKILLed and comes back as a replica, a Contour instance is SIGKILLed and restarted, and
// PgBouncer restarts; then every acknowledged write and every invariant is checked on the new
// leader. Run by `npm run test:cluster` (root or sudo: it installs Debian's packages when missing).

const CLIENTS = 32;
const MIN_RUN_MS = 95_000;

const log = (message: string): void => console.info(`[cluster] ${message}`);

/** Each query's rows: a number used twice within a clinic. */
const DUPLICATE_NUMBERS = {
  'plan numbers': `SELECT clinic_id, plan_number, count(*) FROM procedure_plans
                   GROUP BY 1, 2 HAVING count(*) > 1`,
  'bill numbers': `SELECT clinic_id, bill_number, count(*) FROM bills
                   GROUP BY 1, 2 HAVING count(*) > 1`,
};

let db: Client | undefined;

beforeAll(async () => {
  // A cluster of its own, from nothing: the first start below is what is being checked.
  await cluster('destroy');
  log(await cluster('up'));
});

afterAll(async () => {
  await db?.end().catch(() => undefined);
  if (process.env.CONTOUR_CLUSTER_KEEP !== '1') await cluster('destroy');
});

async function leaderConnection(): Promise<Query> {
  await db?.end().catch(() => undefined);
  db = new Client({ connectionString: WRITE_URL });
  // Its server may die under it (the leader kill): the next query reports it.
  db.on('error', () => undefined);
  await db.connect();
  const client = db;
  return (text, params) => client.query(text, params);
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Network errors counted by the last event before each (and its cause's code). */
function networkErrorsByPhase(
  errors: { at: number; cause: string }[],
  timeline: Record<string, number>,
): Record<string, number> {
  const events = Object.entries(timeline).sort((a, b) => a[1] - b[1]);
  const counts: Record<string, number> = {};
  for (const { at, cause } of errors) {
    const phase = events.filter(([, t]) => t <= at).at(-1)?.[0] ?? 'before any';
    counts[`${phase} ${cause}`] = (counts[`${phase} ${cause}`] ?? 0) + 1;
  }
  return counts;
}

async function leaderIndex(): Promise<number | undefined> {
  for (const node of (await pids()).nodes) {
    if ((await patroni(node.rest, '/primary')) === 200) return node.index;
  }
  return undefined;
}

describe('Contour on a Patroni cluster', () => {
  it('migrated and bootstrapped once when the instances started together; tokens work on every instance', async () => {
    const query = await leaderConnection();
    const journal = JSON.parse(
      readFileSync(resolve(__dirname, '../../drizzle/meta/_journal.json'), 'utf8'),
    ) as { entries: unknown[] };
    const { rows } = await query(
      `SELECT (SELECT count(*) FROM drizzle.__drizzle_migrations)::int AS applied,
              (SELECT count(DISTINCT hash) FROM drizzle.__drizzle_migrations)::int AS distinct_applied,
              (SELECT count(*) FROM clinics)::int AS clinics,
              (SELECT count(*) FROM users)::int AS users`,
    );
    expect(rows[0]).toEqual({
      applied: journal.entries.length,
      distinct_applied: journal.entries.length,
      clinics: 1,
      users: 1,
    });
    const { instances } = await pids();
    expect(instances.length).toBeGreaterThanOrEqual(2);
    const [first, second] = instances.map((i) => new Http(() => `http://127.0.0.1:${i.port}`));
    const login = expectStatus(
      'login on instance 1',
      await first!.post('/auth/login', { email: ADMIN.email, password: ADMIN.password }),
      200,
    );
    const users = expectStatus(
      'users on instance 2',
      await second!.withToken(login.accessToken as string).get('/users'),
      200,
    );
    expect(users.data).toEqual([expect.objectContaining({ email: ADMIN.email })]);
    await db?.end();
    db = undefined;
  });

  it('the read port is the synchronous standby, and it reads a write as soon as it is acknowledged', async () => {
    // synchronous_commit = remote_apply: the standby has applied a commit before it is acknowledged.
    const write = new Client({ connectionString: WRITE_URL });
    const read = new Client({ connectionString: READ_URL });
    for (const c of [write, read]) c.on('error', () => undefined);
    await write.connect();
    await read.connect();
    try {
      const recovery = async (c: Client) =>
        (await c.query<{ r: boolean }>('SELECT pg_is_in_recovery() AS r')).rows[0]?.r;
      expect(await recovery(write)).toBe(false);
      expect(await recovery(read)).toBe(true);
      await write.query('CREATE TABLE IF NOT EXISTS cluster_probe (n int PRIMARY KEY)');
      const unseen: number[] = [];
      for (let n = 1; n <= 200; n++) {
        await write.query('INSERT INTO cluster_probe (n) VALUES ($1)', [n]);
        const { rows } = await read.query('SELECT 1 FROM cluster_probe WHERE n = $1', [n]);
        if (rows.length !== 1) unseen.push(n);
      }
      expect(unseen, 'rows the standby did not show right after their commit').toEqual([]);
      await write.query('DROP TABLE cluster_probe');
    } finally {
      await write.end();
      await read.end();
    }
  });

  it("runs reports on the standby (DATABASE_READ_URL), and a report shows the user's own write at once", async () => {
    const anon = new Http(() => PUBLIC_URL);
    const token = async (email: string, password: string): Promise<string> =>
      expectStatus('login', await anon.post('/auth/login', { email, password }), 200)
        .accessToken as string;
    const admin = anon.withToken(await token(ADMIN.email, ADMIN.password));
    const staff = async (role: 'SURGEON' | 'COORDINATOR') => {
      const email = `replica-${role.toLowerCase()}@cluster.example`;
      const password = 'replica-staff-password';
      const user = expectStatus(
        `user ${role}`,
        await admin.post('/users', { email, name: `Replica ${role}`, role, password }),
        201,
      );
      return { id: user.id as string, http: anon.withToken(await token(email, password)) };
    };
    const surgeon = await staff('SURGEON');
    const coordinator = await staff('COORDINATOR');
    const range = `from=${daysFromNow(-1)}&to=${daysFromNow(1)}`;
    const held = async (): Promise<number> =>
      expectStatus(
        'conversion report',
        await coordinator.http.get(`/reports/conversion?${range}`),
        200,
      ).summary.consultations as number;
    const patient = expectStatus(
      'patient',
      await coordinator.http.post('/patients', {
        firstName: 'Rita',
        lastName: 'Replica',
        dateOfBirth: '1988-05-02',
        sexAtBirth: 'FEMALE',
      }),
      201,
    );
    // Round robin: the writes and the reports go to every instance in turn.
    for (let n = 1; n <= 10; n++) {
      const before = await held();
      expectStatus(
        'consultation',
        await surgeon.http.post('/consultations', {
          patientId: patient.id,
          surgeonId: surgeon.id,
          consultationDate: new Date().toISOString(),
          reason: `Replica read ${n}`,
        }),
        201,
      );
      expect(await held(), `report right after consultation ${n}`).toBe(before + 1);
    }
  });

  it(`keeps every acknowledged write through a leader kill, an instance kill and a PgBouncer restart (${CLIENTS} clients)`, async () => {
    const clinic = await seedClinic(() => PUBLIC_URL, 200);
    const workload = new RetryingWorkload(clinic);
    const began = Date.now();
    workload.start(CLIENTS);
    const timeline: Record<string, number> = {};
    try {
      await sleep(15_000);

      // 1. The leader: its postmaster and its Patroni, SIGKILL, as a machine losing power.
      const before = await pids();
      const leader = await leaderIndex();
      expect(leader, 'a leader before the kill').toBeDefined();
      const old = before.nodes.find((n) => n.index === leader)!;
      const others = before.nodes.filter((n) => n.index !== leader);
      // The synchronous standby is promoted (with three nodes, whichever that is).
      let survivor = others[0]!;
      timeline.leaderKilled = Date.now();
      process.kill(old.postmaster, 'SIGKILL');
      process.kill(old.patroni, 'SIGKILL');
      log(
        `SIGKILLed the leader ${old.name} (postmaster ${old.postmaster}, Patroni ${old.patroni})`,
      );
      await waitUntil('the standby promoted', 90, async () => {
        for (const node of others) {
          if ((await patroni(node.rest, '/primary')) === 200) {
            survivor = node;
            return true;
          }
        }
        return false;
      });
      timeline.promoted = Date.now();
      log(`${survivor.name} is the leader after ${timeline.promoted - timeline.leaderKilled} ms`);

      // The old leader's Patroni again: it rewinds (or re-clones) and follows the new leader.
      await cluster('start-node', String(old.index));
      await waitUntil('the old leader back as a replica', 120, async () =>
        (await members(survivor.rest)).some(
          (m) =>
            m.name === old.name &&
            /replica|standby/.test(m.role) &&
            /running|streaming/.test(m.state),
        ),
      );
      timeline.rejoined = Date.now();
      log(`${old.name} follows again after ${timeline.rejoined - timeline.leaderKilled} ms`);

      // 2. A Contour instance, SIGKILL, then started again.
      await sleep(5_000);
      const instance = (await pids()).instances[0]!;
      expect(alive(instance.pid), `${instance.name} alive before its kill`).toBe(true);
      timeline.instanceKilled = Date.now();
      process.kill(instance.pid, 'SIGKILL');
      log(`SIGKILLed Contour ${instance.name} (${instance.pid})`);
      await sleep(3_000);
      await cluster('start-contour', String(instance.index));
      await waitUntil('the instance ready again', 90, async () => {
        const res = await fetch(`http://127.0.0.1:${instance.port}/health/ready`).catch(() => null);
        return res?.status === 200;
      });
      timeline.instanceBack = Date.now();

      // 3. PgBouncer: stopped and started (every pooled server connection goes).
      await sleep(5_000);
      timeline.bouncerStopped = Date.now();
      await cluster('stop-pgbouncer');
      await cluster('start-pgbouncer');
      timeline.bouncerBack = Date.now();
      log('restarted PgBouncer');

      const left = MIN_RUN_MS - (Date.now() - began);
      if (left > 0) await sleep(left);
    } finally {
      await workload.stop();
    }
    const ended = Date.now();
    // No instance died on its own (an unhandled error): each pid is alive, the restarted one too.
    const dead = (await pids()).instances.filter((i) => !alive(i.pid)).map((i) => i.name);

    const query = await leaderConnection();
    const broken = await brokenInvariants(query);
    const missing = await missingAcknowledged(query, workload.ledger);
    const duplicates: string[] = [];
    for (const [what, text] of Object.entries(DUPLICATE_NUMBERS)) {
      const { rows } = await query(text);
      if (rows.length > 0) duplicates.push(`${what}: ${JSON.stringify(rows.slice(0, 5))}`);
    }
    const { rows: counts } = await query(
      `SELECT (SELECT count(*) FROM procedure_plans)::int AS plans,
              (SELECT count(*) FROM surgical_cases WHERE status = 'COMPLETED')::int AS completed,
              (SELECT count(*) FROM bill_payments)::int AS payments`,
    );

    const { stats, retry, ledger } = workload;
    // The first write sent after the kill that was acknowledged (one in flight may finish just after).
    const firstWriteAfterKill = retry.writes
      .filter((w) => w.sent > timeline.leaderKilled!)
      .map((w) => w.acked)
      .sort((a, b) => a - b)[0];
    const gap = longestWriteGap(retry.writeAcks, began, ended);
    log(
      [
        `${CLIENTS} clients for ${Math.round((ended - began) / 1000)} s: ${stats.requests} requests ` +
          `(${retry.attempts} attempts with retries), ${stats.acknowledged} acknowledged, ` +
          `${stats.pipelinesCompleted} workflows to payment`,
        `answers by status: ${JSON.stringify(retry.byStatus)}; network errors ${retry.networkErrors}`,
        `writes tracked: ${ledger.count} (${ledger.patients.size} patients, ${ledger.plans.size} plans, ` +
          `${ledger.cases.size} cases, ${ledger.payments.length} payments); in the database ${JSON.stringify(counts[0])}`,
        `failover: leader kill -> new leader ${timeline.promoted - timeline.leaderKilled} ms, ` +
          `-> first acknowledged write ${firstWriteAfterKill ? firstWriteAfterKill - timeline.leaderKilled : 'none'} ms, ` +
          `-> old leader following ${timeline.rejoined - timeline.leaderKilled} ms`,
        `Contour instance kill -> ready again ${timeline.instanceBack - timeline.instanceKilled} ms; ` +
          `PgBouncer restart ${timeline.bouncerBack - timeline.bouncerStopped} ms`,
        `longest window with no acknowledged write: ${gap} ms`,
        `network errors by the event before them: ${JSON.stringify(networkErrorsByPhase(retry.networkErrorLog, timeline))}`,
      ].join('\n[cluster] '),
    );

    // Every check at once, so one run names every kind of failure.
    expect({
      'Contour instances that died on their own': dead,
      '5xx answers other than 503': stats.serverErrors,
      '503s without code UNAVAILABLE and Retry-After': retry.bad503,
      "requests unanswered within the client's timeout": retry.hangs,
      'broken invariants': broken,
      'acknowledged writes missing': missing,
      'duplicate numbers': duplicates,
    }).toEqual({
      'Contour instances that died on their own': [],
      '5xx answers other than 503': [],
      '503s without code UNAVAILABLE and Retry-After': [],
      "requests unanswered within the client's timeout": [],
      'broken invariants': [],
      'acknowledged writes missing': [],
      'duplicate numbers': [],
    });
    expect(stats.pipelinesCompleted).toBeGreaterThan(0);
    expect(firstWriteAfterKill).toBeDefined();
    expect(gap, 'longest window with no acknowledged write').toBeLessThan(30_000);
  });
});
