import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectStatus, Http } from './support/http';
import { scratchDatabase, type ScratchDatabase } from './support/postgres';
import { ADMIN, kill, median, rssMb, startServer, type RunningServer } from './support/server';

const CONNECTIONS = 200;
const DURATION_MS = 60_000;
const WARM_UP_S = 10;

let database: ScratchDatabase;
let server: RunningServer | undefined;

beforeAll(async () => {
  database = await scratchDatabase();
});

afterAll(async () => {
  if (server) await kill(server);
  await database?.drop();
});

function planBody(patientId: string): Record<string, unknown> {
  return {
    patientId,
    procedureName: 'Breast Augmentation',
    procedureType: 'COSMETIC',
    primaryCPTCode: '19325',
    cptCodes: ['19325'],
  };
}

describe('load held on PostgreSQL', () => {
  it(`serves ${CONNECTIONS} concurrent clients for ${DURATION_MS / 1000} s with no 5xx and flat memory`, async () => {
    server = await startServer({ databaseUrl: database.url });
    const pid = server.child.pid!;
    const anon = new Http(() => server!.baseUrl);
    const token = expectStatus(
      'login',
      await anon.post('/auth/login', { email: ADMIN.email, password: ADMIN.password }),
      200,
    ).accessToken;
    const admin = anon.withToken(token);
    expectStatus(
      'fee schedule',
      await admin.put('/fee-schedule/19325', {
        description: 'Breast augmentation with implant',
        surgeonFee: '7000.00',
        facilityFee: '200.00',
      }),
      200,
    );
    const patients: string[] = [];
    const plans: string[] = [];
    for (let i = 0; i < 40; i++) {
      const patient = expectStatus(
        'patient',
        await admin.post('/patients', {
          firstName: 'Maria',
          lastName: `Lopez-${i}`,
          dateOfBirth: '1990-03-14',
          sexAtBirth: 'FEMALE',
        }),
        201,
      );
      patients.push(patient.id);
      plans.push(
        expectStatus('plan', await admin.post('/procedure-plans', planBody(patient.id)), 201).id,
      );
    }

    const statuses: Record<string, number> = {};
    const serverErrors: string[] = [];
    const latencies: number[] = [];
    let networkErrors = 0;
    const pick = <T>(xs: T[]): T => xs[Math.floor(Math.random() * xs.length)]!;
    const send = async (
      what: string,
      request: () => Promise<{ status: number; text: string; body: any }>,
    ) => {
      const started = performance.now();
      try {
        const res = await request();
        latencies.push(performance.now() - started);
        statuses[res.status] = (statuses[res.status] ?? 0) + 1;
        if (res.status >= 500)
          serverErrors.push(`${what}: ${res.status} ${res.text.slice(0, 200)}`);
        return res;
      } catch (error) {
        networkErrors++;
        serverErrors.push(`${what}: ${String(error)}`);
        return undefined;
      }
    };
    // Mixed traffic: plan reads (with requirements and consent), patient search, new plans and
    // their quotes, in proportion 4 : 3 : 1.5 : 1.5.
    const deadline = Date.now() + DURATION_MS;
    const client = async () => {
      while (Date.now() < deadline) {
        const roll = Math.random();
        if (roll < 0.4) await send('GET plan', () => admin.get(`/procedure-plans/${pick(plans)}`));
        else if (roll < 0.7)
          await send('search patients', () => admin.get('/patients?search=Lopez'));
        else {
          const created = await send('POST plan', () =>
            admin.post('/procedure-plans', planBody(pick(patients))),
          );
          if (created?.status === 201) {
            await send('POST quote', () =>
              admin.post(`/procedure-plans/${created.body.id}/quote`, {}),
            );
          }
        }
      }
    };
    const rss: number[] = [];
    const sampler = setInterval(() => rss.push(rssMb(pid)), 1_000);
    try {
      await Promise.all(Array.from({ length: CONNECTIONS }, () => client()));
    } finally {
      clearInterval(sampler);
    }

    const steady = rss.slice(WARM_UP_S);
    const quarter = Math.floor(steady.length / 4);
    const first = median(steady.slice(0, quarter));
    const last = median(steady.slice(-quarter));
    const total = latencies.length;
    const sorted = [...latencies].sort((a, b) => a - b);
    console.info(
      `[faults] load: ${CONNECTIONS} clients, ${DURATION_MS / 1000} s, ${total} answers ` +
        `(${Math.round(total / (DURATION_MS / 1000))}/s), statuses ${JSON.stringify(statuses)}, ` +
        `${networkErrors} network errors, p50 ${Math.round(sorted[Math.floor(total * 0.5)] ?? 0)} ms, ` +
        `p99 ${Math.round(sorted[Math.floor(total * 0.99)] ?? 0)} ms; RSS MB start ${rss[0]?.toFixed(0)}, ` +
        `min ${Math.min(...rss).toFixed(0)}, max ${Math.max(...rss).toFixed(0)}, first-quarter median ` +
        `${first.toFixed(0)}, last-quarter median ${last.toFixed(0)} (${rss.length} samples)`,
    );
    expect(serverErrors.slice(0, 10)).toEqual([]);
    expect(networkErrors).toBe(0);
    expect(server.child.exitCode).toBeNull();
    expect(rss.length).toBeGreaterThanOrEqual(DURATION_MS / 1000 - 2);
    expect(last, 'no memory growth after warm-up').toBeLessThanOrEqual(first * 1.2);
  });
});
