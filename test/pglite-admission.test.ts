import { randomBytes } from 'node:crypto';
import { request as httpRequest, type ClientRequest, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Given, type ClinicWithStaff } from './support/given';
import { startTestApp, type TestApp } from './support/test-app';

// The embedded database's admission queue (docs/reliability.md "Overload on the embedded
// database"), on a real listening server over PGlite (also when the suite runs on PostgreSQL: the
// queue is PGlite's), with one request served at a time, one more waiting, for at most WAIT_MS.
const WAIT_MS = 1_500;

let t: TestApp;
let base: string;
let clinic: ClinicWithStaff;

beforeAll(async () => {
  t = await startTestApp({
    env: {
      DATABASE_URL: '',
      PGLITE_MAX_ACTIVE_REQUESTS: '1',
      PGLITE_QUEUE_LENGTH: '1',
      PGLITE_QUEUE_WAIT_MS: String(WAIT_MS),
    },
  });
  clinic = await new Given(t).clinicWithStaff();
  await t.app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = t.app.getHttpServer().address() as AddressInfo;
  base = `http://127.0.0.1:${port}`;
}, 120_000);
afterAll(() => t.close());

const tag = randomBytes(4).toString('hex');

function patient(lastName: string) {
  return { firstName: 'Queue', lastName, dateOfBirth: '1980-02-03', sexAtBirth: 'FEMALE' };
}

function call(method: string, path: string, body?: unknown) {
  return fetch(`${base}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${clinic.staff.COORDINATOR.token}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

/**
 * A POST /patients whose body arrives in two halves: admitted on its headers, it holds the one
 * slot until `finish` sends the rest.
 */
function slowPost(lastName: string): { finish(): Promise<{ status: number; body: any }> } {
  const body = Buffer.from(JSON.stringify(patient(lastName)));
  const req: ClientRequest = httpRequest(`${base}/api/v1/patients`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${clinic.staff.COORDINATOR.token}`,
      'content-type': 'application/json',
      'content-length': String(body.length),
    },
  });
  const answered = new Promise<{ status: number; body: any }>((resolve, reject) => {
    req.on('response', (res: IncomingMessage) => {
      let text = '';
      res.on('data', (d: Buffer) => (text += d.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) }));
    });
    req.on('error', reject);
  });
  req.write(body.subarray(0, 10));
  return {
    finish() {
      req.end(body.subarray(10));
      return answered;
    },
  };
}

async function expectBusy(res: Response, why: RegExp): Promise<void> {
  expect(res.status).toBe(503);
  expect(res.headers.get('retry-after')).toBe('1');
  expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  const problem = (await res.json()) as { detail: string };
  expect(problem).toMatchObject({ status: 503, code: 'UNAVAILABLE' });
  expect(problem.detail).toMatch(why);
}

describe('the PGlite admission queue', () => {
  it('refuses what it cannot serve with 503 UNAVAILABLE and Retry-After, changes nothing, and serves normally after', async () => {
    const holder = slowPost(`Holder${tag}`);

    // Once the slot is held, a request waits its WAIT_MS in the queue and is refused. (Until the
    // holder's headers are read, a probe may still get the slot and be answered at once.)
    let waited: Response | undefined;
    for (let i = 0; i < 20 && !waited; i++) {
      const started = Date.now();
      const probe = await call('GET', `/api/v1/patients?search=Holder${tag}`);
      if (probe.status === 503) {
        expect(Date.now() - started).toBeGreaterThanOrEqual(WAIT_MS - 50);
        waited = probe;
      } else {
        expect(probe.status).toBe(200);
        await probe.arrayBuffer();
      }
    }
    if (!waited) throw new Error('the slow request never held the slot');
    await expectBusy(waited, /waited 1500 ms/);

    // One request waiting fills the queue: the next is refused at once, before it is read. (If
    // the write is read before the waiting request, it waits in its place: try again.)
    let refused: Response | undefined;
    let queued: Promise<Response> | undefined;
    for (let i = 0; i < 10 && !refused; i++) {
      queued = call('GET', `/api/v1/patients?search=Holder${tag}`);
      await new Promise((r) => setTimeout(r, 100));
      const started = Date.now();
      const write = await call('POST', '/api/v1/patients', patient(`Refused${tag}`));
      expect(write.status).toBe(503);
      if (Date.now() - started < WAIT_MS / 2) refused = write;
      else {
        await write.arrayBuffer();
        await (await queued).arrayBuffer();
      }
    }
    if (!refused || !queued) throw new Error('no request found the queue full');
    await expectBusy(refused, /1 requests already waiting/);

    // Health checks do not queue behind API work.
    expect((await fetch(`${base}/health/live`)).status).toBe(200);
    expect((await fetch(`${base}/health/ready`)).status).toBe(200);

    await expectBusy(await queued, /waited/);

    // The held request completes; the refused write left nothing behind; the server serves again.
    const created = await holder.finish();
    expect(created.status).toBe(201);
    const holderFound = await call('GET', `/api/v1/patients?search=Holder${tag}`);
    expect(holderFound.status).toBe(200);
    expect(((await holderFound.json()) as any).data.map((p: any) => p.id)).toEqual([
      created.body.id,
    ]);
    const refusedFound = await call('GET', `/api/v1/patients?search=Refused${tag}`);
    expect(refusedFound.status).toBe(200);
    expect(((await refusedFound.json()) as any).data).toEqual([]);
  }, 60_000);

  it('serves requests beyond the one slot in turn when the queue has room', async () => {
    const answers = await Promise.all([
      call('GET', `/api/v1/patients?search=Nobody${tag}`),
      call('GET', `/api/v1/patients?search=Nobody${tag}`),
    ]);
    expect(answers.map((r) => r.status)).toEqual([200, 200]);
  });
});
