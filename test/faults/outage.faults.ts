import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Http, expectStatus } from './support/http';
import {
  scratchDatabase,
  startPostgres,
  stopPostgres,
  type ScratchDatabase,
} from './support/postgres';
import { ADMIN, kill, sleep, startServer, type RunningServer } from './support/server';

// The outage stays short: the PostgreSQL server is shared with other runs.
const OUTAGE_MS = 4_000;
// The pg Pool gives up connecting after 5 s (connectionTimeoutMillis); an answer must come soon after.
const ANSWER_WITHIN_MS = 7_000;

interface Sample {
  phase: 'before' | 'outage' | 'recovering' | 'after';
  route: string;
  status: number | 'network-error';
  code?: string;
  retryAfter: string | null;
  ms: number;
}

let database: ScratchDatabase;
let server: RunningServer | undefined;

beforeAll(async () => {
  database = await scratchDatabase();
});

afterAll(async () => {
  if (server) await kill(server);
  await database?.drop();
});

describe('a PostgreSQL outage under load', () => {
  it('answers 503 UNAVAILABLE with Retry-After while the database is down, then recovers in place', async () => {
    server = await startServer({ databaseUrl: database.url });
    const anon = new Http(() => server!.baseUrl);
    const login = expectStatus(
      'login',
      await anon.post('/auth/login', { email: ADMIN.email, password: ADMIN.password }),
      200,
    );
    const admin = anon.withToken(login.accessToken);
    const samples: Sample[] = [];
    let phase: Sample['phase'] = 'before';
    let running = true;
    const timed = async (
      route: string,
      send: () => Promise<{ status: number; body: any; headers: Headers }>,
    ) => {
      const at = phase;
      const started = Date.now();
      try {
        const res = await send();
        samples.push({
          phase: at,
          route,
          status: res.status,
          code: res.body?.code,
          retryAfter: res.headers.get('retry-after'),
          ms: Date.now() - started,
        });
      } catch {
        samples.push({
          phase: at,
          route,
          status: 'network-error',
          retryAfter: null,
          ms: Date.now() - started,
        });
      }
    };
    // Light load: two clients, each a patient registration then a search, back to back.
    const client = async (n: number) => {
      for (let i = 0; running; i++) {
        await timed('POST /patients', () =>
          admin.post('/patients', {
            firstName: 'Ana',
            lastName: `Outage-${n}-${i}`,
            dateOfBirth: '1988-07-01',
            sexAtBirth: 'FEMALE',
          }),
        );
        await timed('GET /patients?search=', () => admin.get('/patients?search=Outage'));
        await sleep(50);
      }
    };
    const clients = [client(1), client(2)];
    await sleep(2_000);

    let downAt = 0;
    let upAt = 0;
    let recoveredAt = 0;
    try {
      stopPostgres();
      downAt = Date.now();
      phase = 'outage';
      await timed('GET /health/ready', () => anon.get('/health/ready'));
      await sleep(OUTAGE_MS);
    } finally {
      await startPostgres();
      upAt = Date.now();
      phase = 'recovering';
    }
    // The outage ends for the clients at the first answer after PostgreSQL is back: wait for
    // readiness and a write to succeed in the same process.
    while (Date.now() - upAt < 60_000) {
      const ready = await anon.get('/health/ready').catch(() => undefined);
      if (ready?.status === 200) {
        const write = await admin.post('/patients', {
          firstName: 'Ana',
          lastName: 'Recovered',
          dateOfBirth: '1988-07-01',
          sexAtBirth: 'FEMALE',
        });
        if (write.status === 201) {
          recoveredAt = Date.now();
          break;
        }
      }
      await sleep(100);
    }
    phase = 'after';
    await sleep(2_000);
    running = false;
    await Promise.all(clients);

    const outage = samples.filter((s) => s.phase === 'outage');
    const after = samples.filter((s) => s.phase === 'after');
    const during = outage.filter((s) => s.status === 503);
    const recovering = samples.filter((s) => s.phase === 'recovering');
    console.info(
      `[faults] outage: PostgreSQL down ${upAt - downAt} ms; ${outage.length} requests during it ` +
        `(${during.length} answered 503, slowest ${Math.max(...outage.map((s) => s.ms))} ms); ` +
        `recovered ${recoveredAt - upAt} ms after pg_isready (${recovering.length} requests meanwhile: ` +
        `${JSON.stringify(countBy(recovering.map((s) => String(s.status))))}); ${after.length} requests after, ` +
        `statuses ${JSON.stringify(countBy(after.map((s) => String(s.status))))}`,
    );
    expect(recoveredAt, 'the same process serves again').toBeGreaterThan(0);
    expect(server.child.exitCode, 'the process stayed up').toBeNull();
    expect(
      samples
        .filter((s) => s.phase === 'before')
        .every((s) => s.status === 200 || s.status === 201),
    ).toBe(true);
    // Every request sent while PostgreSQL was down answers 503 UNAVAILABLE with Retry-After,
    // promptly, and none is dropped.
    expect(outage.length).toBeGreaterThan(0);
    for (const s of outage) {
      expect(s.ms, `${s.route} answered in time`).toBeLessThan(ANSWER_WITHIN_MS);
      expect(s, s.route).toMatchObject({ status: 503, code: 'UNAVAILABLE' });
      expect(Number(s.retryAfter), `${s.route} Retry-After`).toBeGreaterThan(0);
    }
    expect(after.length).toBeGreaterThan(0);
    expect(after.filter((s) => s.status !== 200 && s.status !== 201)).toEqual([]);
  });
});

function countBy(values: string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const v of values) counts[v] = (counts[v] ?? 0) + 1;
  return counts;
}
