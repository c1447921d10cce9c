import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../src/common/auth/caller';
import {
  applyMutation,
  isRecord,
  BAD_IDS,
  badWholeBody,
  EVIL_STRINGS,
  mutationArbitrary,
  type Mutation,
  type RawBody,
} from './support/fuzz-mutations';
import {
  idArbitrary,
  idKindOf,
  validish,
  writeRoutesOf,
  type WriteMethod,
  type WriteRoute,
} from './support/fuzz-schema';
import { changedTables, fuzzWorld, RowFingerprint, type FuzzWorld } from './support/fuzz-state';
import { startTestApp, type TestApp } from './support/test-app';

/**
 * Property-based fuzzing of every POST, PUT and PATCH route (docs/fuzzing.md). `npm test` runs a
 * fixed seed and a bounded number of cases; `npm run test:fuzz` sets FUZZ_RUNS (and FUZZ_SEED).
 */
const SEED = Number(process.env.FUZZ_SEED ?? 20261128);
const RUNS = Number(process.env.FUZZ_RUNS ?? 300);
const FUZZ_TIMEOUT_MS = Number(process.env.FUZZ_TIMEOUT_MS ?? 240_000);
const ROLES: Role[] = ['ADMIN', 'SURGEON', 'NURSE', 'COORDINATOR', 'BILLING'];
// Requests come from a documentation address, so refused logins count against it alone.
const REMOTE_ADDRESS = '198.51.100.7';

interface FuzzRequest {
  route: WriteRoute;
  role: Role | 'NONE';
  params: string[];
  body: Record<string, unknown> | undefined;
  mutations: Mutation[];
  whole: RawBody | null;
}

interface Sent {
  method: string;
  url: string;
  role: string;
  payload: string | undefined;
  status: number;
  contentType: string;
  text: string;
}

let t: TestApp;
let world: FuzzWorld;
let routes: WriteRoute[];
const allowed = new Map<WriteRoute, Role[]>();
let fingerprint: RowFingerprint;

beforeAll(async () => {
  t = await startTestApp();
  world = await fuzzWorld(t);
  routes = writeRoutesOf((await t.api.get('/api/openapi.json')).body);
  fingerprint = await RowFingerprint.forClinics(t, [world.clinic.clinicId, world.other.clinicId]);
  // Which roles each route lets in: the guard answers 403 before the body is even parsed.
  for (const route of routes) {
    const roles: Role[] = [];
    for (const role of ROLES) {
      const url = route.path.replace(/\{[^}]+\}/g, '0192f0c4-5b0a-7cc1-8a11-0123456789ab');
      const res = await send(route.method, url, role, '{}', 'application/json');
      if (res.status !== 403) roles.push(role);
    }
    allowed.set(route, roles);
  }
}, 300_000);
afterAll(() => t?.close());

async function send(
  method: WriteMethod,
  url: string,
  role: Role | 'NONE',
  payload: string | undefined,
  contentType: string | undefined,
): Promise<Sent> {
  const headers: Record<string, string> = {};
  if (role !== 'NONE') headers.authorization = `Bearer ${world.clinic.staff[role].token}`;
  if (contentType) headers['content-type'] = contentType;
  const res = await t.app.inject({
    method,
    url: `/api/v1${url}`,
    headers,
    payload,
    remoteAddress: REMOTE_ADDRESS,
  });
  return {
    method,
    url,
    role,
    payload,
    status: res.statusCode,
    contentType: String(res.headers['content-type'] ?? ''),
    text: res.body,
  };
}

function paramArbitrary(route: WriteRoute, name: string): fc.Arbitrary<string> {
  const bad = fc.constantFrom(
    ...BAD_IDS.filter((s) => s !== ''),
    ...EVIL_STRINGS.filter((s) => s.length > 0),
  );
  if (name === 'cptCode') {
    return fc.oneof(
      { weight: 6, arbitrary: fc.constantFrom('19325', '19318', '15823', '0001T') },
      { weight: 2, arbitrary: fc.stringMatching(/^\d{4}[0-9FTU]$/) },
      { weight: 2, arbitrary: bad },
    );
  }
  return fc.oneof(
    { weight: 8, arbitrary: idArbitrary(world.pools, idKindOf(name, route.path)) },
    { weight: 1, arbitrary: bad },
  );
}

function requestArbitrary(): fc.Arbitrary<FuzzRequest> {
  const mutation = mutationArbitrary(world.pools.foreign);
  return fc.constantFrom(...routes).chain((route) => {
    const roles = allowed.get(route) ?? [];
    return fc.record({
      route: fc.constant(route),
      role: fc.oneof(
        {
          weight: 12,
          arbitrary: roles.length > 0 ? fc.constantFrom(...roles) : fc.constantFrom(...ROLES),
        },
        { weight: 1, arbitrary: fc.constantFrom<Role | 'NONE'>(...ROLES, 'NONE') },
      ),
      params: fc.tuple(...route.pathParams.map((p) => paramArbitrary(route, p))),
      body: route.body
        ? validish(route.body, world.pools, '', route.path).map((b) => (isRecord(b) ? b : {}))
        : fc.constant(undefined),
      mutations: fc.oneof(
        { weight: 1, arbitrary: fc.constant<Mutation[]>([]) },
        { weight: 3, arbitrary: fc.array(mutation, { minLength: 1, maxLength: 3 }) },
      ),
      whole: fc.oneof(
        { weight: 12, arbitrary: fc.constant(null) },
        { weight: 1, arbitrary: badWholeBody },
      ),
    });
  });
}

/** Percent-encodes a segment; a lone surrogate becomes the invalid UTF-8 it would be on the wire. */
function encodePathSegment(segment: string): string {
  try {
    return encodeURIComponent(segment);
  } catch {
    return '%ED%A0%80';
  }
}

function build(req: FuzzRequest): {
  url: string;
  payload: string | undefined;
  contentType: string | undefined;
} {
  let url = req.route.path;
  req.route.pathParams.forEach((name, i) => {
    url = url.replace(`{${name}}`, encodePathSegment(req.params[i] ?? ''));
  });
  if (req.whole) return { url, payload: req.whole.raw, contentType: req.whole.contentType };
  if (req.body === undefined) return { url, payload: undefined, contentType: undefined };
  const body = structuredClone(req.body);
  const schemaKeys = Object.keys(req.route.body?.properties ?? {});
  for (const m of req.mutations) applyMutation(body, schemaKeys, m);
  return { url, payload: JSON.stringify(body), contentType: 'application/json' };
}

function describeSent(s: Sent, changed: string[] = []): string {
  const payload =
    s.payload && s.payload.length > 600
      ? `${s.payload.slice(0, 600)}… (${s.payload.length} chars)`
      : s.payload;
  return [
    `${s.method} ${s.url} as ${s.role}`,
    `payload: ${payload}`,
    `→ ${s.status} ${s.contentType}`,
    s.text.slice(0, 600),
    changed.length > 0 ? `changed after a ${s.status}: ${changed.join(', ')}` : '',
  ].join('\n');
}

/** The contract every answer keeps: no 5xx; a 4xx is problem+json with a code and changes nothing. */
function checkAnswer(s: Sent, changed: string[]): void {
  if (s.status >= 500) throw new Error(`5xx:\n${describeSent(s)}`);
  if (s.status < 400) return;
  if (!s.contentType.startsWith('application/problem+json'))
    throw new Error(`4xx not problem+json:\n${describeSent(s)}`);
  const body: unknown = JSON.parse(s.text);
  const code = body !== null && typeof body === 'object' && 'code' in body ? body.code : undefined;
  const status =
    body !== null && typeof body === 'object' && 'status' in body ? body.status : undefined;
  if (typeof code !== 'string' || code.length === 0 || status !== s.status)
    throw new Error(`4xx without code/status:\n${describeSent(s)}`);
  if (changed.length > 0)
    throw new Error(`state changed after a 4xx:\n${describeSent(s, changed)}`);
}

describe('fuzzing every write route with generated and mutated input', () => {
  it('enumerates every POST, PUT and PATCH route of the OpenAPI document', () => {
    expect(routes.length).toBeGreaterThanOrEqual(40);
    expect(routes.map((r) => `${r.method} ${r.path}`)).toEqual(
      expect.arrayContaining([
        'POST /procedure-plans',
        'PUT /fee-schedule/{cptCode}',
        'PATCH /surgical-cases/{id}',
        'POST /bills/{id}/payments',
      ]),
    );
  });

  it(
    'answers every generated request with no 5xx, a problem+json 4xx that changed nothing, or a success',
    async () => {
      const statuses = new Map<number, number>();
      let before = await fingerprint.take();
      await fc.assert(
        fc.asyncProperty(requestArbitrary(), async (req) => {
          const { url, payload, contentType } = build(req);
          const sent = await send(req.route.method, url, req.role, payload, contentType);
          statuses.set(sent.status, (statuses.get(sent.status) ?? 0) + 1);
          const after = await fingerprint.take();
          const changed = sent.status >= 400 ? changedTables(before, after) : [];
          before = after;
          checkAnswer(sent, changed);
        }),
        { seed: SEED, numRuns: RUNS, endOnFailure: true },
      );
      if (process.env.FUZZ_VERBOSE)
        console.log(
          [...statuses.entries()]
            .sort((a, b) => a[0] - b[0])
            .map(([s, n]) => `${s}: ${n}`)
            .join(', '),
        );
      // The valid-ish bodies reach the services, not only the validator.
      const successes = [...statuses.entries()]
        .filter(([s]) => s < 300)
        .reduce((n, [, c]) => n + c, 0);
      expect(successes).toBeGreaterThan(0);
    },
    FUZZ_TIMEOUT_MS,
  );

  it('answers the inputs fuzzing once broke with problem+json and no change', async () => {
    const before = await fingerprint.take();
    const found: [WriteMethod, string, string][] = [
      // A path parameter over Fastify's maxParamLength (100): was a plain-JSON 414.
      ['POST', `/bills/${'A'.repeat(500)}/void`, '{"reason":"x"}'],
      ['PATCH', `/patients/${'A'.repeat(101)}`, '{}'],
    ];
    for (const [method, url, payload] of found) {
      const sent = await send(method, url, 'ADMIN', payload, 'application/json');
      checkAnswer(sent, changedTables(before, await fingerprint.take()));
      expect(sent.status, describeSent(sent)).toBeGreaterThanOrEqual(400);
    }
  });

  it('refuses a body over 1 MiB on every write route with 413 and changes nothing', async () => {
    const payload = JSON.stringify({ name: 'x'.repeat(1024 * 1024 + 10) });
    const before = await fingerprint.take();
    for (const route of routes) {
      const url = route.path.replace(/\{[^}]+\}/g, world.pools.own.plan?.[0] ?? '19325');
      const sent = await send(route.method, url, 'ADMIN', payload, 'application/json');
      expect(sent.status, describeSent(sent)).toBe(413);
      checkAnswer(sent, changedTables(before, await fingerprint.take()));
      expect(JSON.parse(sent.text).code).toBe('PAYLOAD_TOO_LARGE');
    }
  });
});
