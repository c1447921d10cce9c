import { createHmac, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../src/common/auth/caller';
import type { ApiResponse } from './support/api';
import { addStaffMember, Given, type ClinicWithStaff } from './support/given';
import {
  accessOf,
  fillPath,
  mayCall,
  operationsOf,
  ROLE_TABLE,
  ROLES,
  routerRoutes,
  type Operation,
} from './support/security-routes';
import { startTestApp, TEST_JWT_SECRET, type TestApp } from './support/test-app';

let t: TestApp;
let clinic: ClinicWithStaff;
let operations: Operation[];

beforeAll(async () => {
  t = await startTestApp();
  clinic = await new Given(t).clinicWithStaff('Security Access Clinic');
  const doc = await t.api.get('/api/openapi.json');
  expect(doc.status).toBe(200);
  operations = operationsOf(doc.body);
});
afterAll(() => t.close());

/** Routes the router serves that are not API operations: Swagger UI and the document itself. */
const UNDOCUMENTED = /^(HEAD|OPTIONS) |^GET \/api\/docs(\/|$)|^GET \/api\/openapi\.(json|yaml)$/;

/** An operation called with a random UUID for each path parameter and `{}` as its body. */
function callBlind(op: Operation, headers: Record<string, string> = {}): Promise<ApiResponse> {
  const url = fillPath(op.url, () => randomUUID());
  const body = op.method === 'GET' || op.method === 'DELETE' ? undefined : {};
  return t.api.request(op.method, url, body, headers);
}

function asRole(role: Role): Record<string, string> {
  return { authorization: `Bearer ${clinic.staff[role].token}` };
}

function isProblem(res: ApiResponse, status: number, code: string): boolean {
  return (
    res.status === status &&
    String(res.headers['content-type']).startsWith('application/problem+json') &&
    res.body?.code === code
  );
}

describe('the route inventory', () => {
  it('documents in OpenAPI every route the router serves, and nothing it does not', () => {
    const served = routerRoutes(
      t.app.getHttpAdapter().getInstance().printRoutes({ commonPrefix: false }),
    ).filter((route) => !UNDOCUMENTED.test(route));
    const documented = operations.map((op) => `${op.method} ${op.url}`);

    expect([...new Set(served)].sort()).toEqual([...documented].sort());
    // The parse saw the whole tree: the docs routes are there, only filtered out above.
    expect(
      routerRoutes(t.app.getHttpAdapter().getInstance().printRoutes({ commonPrefix: false })),
    ).toContain('GET /api/docs');
  });

  it('has a role decision for every operation, and none for a route that is gone', () => {
    const keys = operations.map((op) => op.key);

    expect(keys.filter((key) => !(key in ROLE_TABLE))).toEqual([]);
    expect(Object.keys(ROLE_TABLE).filter((key) => !keys.includes(key))).toEqual([]);
  });
});

describe('authentication on every operation', () => {
  it('answers 401 UNAUTHENTICATED problem+json to every operation (and HEAD) without a token', async () => {
    const failures: string[] = [];
    for (const op of operations) {
      if (ROLE_TABLE[op.key] === 'PUBLIC' || ROLE_TABLE[op.key] === 'PATIENT_LINK') continue;
      const res = await callBlind(op);
      if (!isProblem(res, 401, 'UNAUTHENTICATED')) failures.push(`${op.key}: ${res.status}`);
      // Fastify answers HEAD with the GET handler, so behind the same guard.
      if (op.method !== 'GET') continue;
      const head = await t.app.inject({
        method: 'HEAD',
        url: fillPath(op.url, () => randomUUID()),
      });
      if (head.statusCode !== 401) failures.push(`HEAD ${op.key}: ${head.statusCode}`);
    }
    expect(failures).toEqual([]);
    expect(operations.filter((op) => ROLE_TABLE[op.key] !== 'PUBLIC').length).toBeGreaterThan(70);
  });

  it('answers 401 PATIENT_LINK_INVALID on every patient-portal operation without a link, or with any staff token', async () => {
    const failures: string[] = [];
    const portalOps = operations.filter((op) => ROLE_TABLE[op.key] === 'PATIENT_LINK');
    for (const op of portalOps) {
      for (const headers of [{}, ...ROLES.map((role) => asRole(role))]) {
        const res = await callBlind(op, headers);
        if (!isProblem(res, 401, 'PATIENT_LINK_INVALID')) failures.push(`${op.key}: ${res.status}`);
      }
    }
    expect(failures).toEqual([]);
    expect(portalOps.every((op) => op.url.startsWith('/api/v1/patient-portal'))).toBe(true);
    expect(portalOps.length).toBeGreaterThan(3);
  });

  it('serves only sign-in, health and the API docs without a token', async () => {
    const publicKeys = operations.filter((op) => ROLE_TABLE[op.key] === 'PUBLIC');
    expect(publicKeys.map((op) => op.key).sort()).toEqual([
      'GET /health/live',
      'GET /health/ready',
      'POST /auth/login',
      'POST /auth/session',
    ]);
    expect((await t.api.get('/health/live')).status).toBe(200);
    expect((await t.api.get('/health/ready')).status).toBe(200);
    expect((await t.api.post('/auth/login', {})).status).toBe(400);
    expect((await t.api.post('/auth/session', {})).status).toBe(400);
    expect((await t.api.get('/api/docs')).status).toBe(200);
    expect((await t.api.get('/api/openapi.json')).status).toBe(200);
  });
});

describe('roles on every operation (docs/roles.md)', () => {
  it('answers 403 FORBIDDEN to every role the table does not name', async () => {
    const failures: string[] = [];
    let checked = 0;
    for (const op of operations) {
      const access = accessOf(op.key);
      if (access === 'PATIENT_LINK') continue;
      for (const role of ROLES) {
        if (mayCall(access, role)) continue;
        checked += 1;
        const res = await callBlind(op, asRole(role));
        if (!isProblem(res, 403, 'FORBIDDEN')) failures.push(`${op.key} as ${role}: ${res.status}`);
      }
    }
    expect(failures).toEqual([]);
    expect(checked).toBeGreaterThan(100);
  });

  it('lets every role the table names past the guard (no 401, no 403)', async () => {
    const failures: string[] = [];
    for (const op of operations) {
      const access = accessOf(op.key);
      if (access === 'PUBLIC' || access === 'PATIENT_LINK') continue;
      for (const role of ROLES) {
        if (!mayCall(access, role)) continue;
        // Random ids and empty bodies: a 400 or 404 from behind the guard, never a change.
        const res = await callBlind(op, asRole(role));
        if (res.status === 401 || res.status === 403 || res.status >= 500)
          failures.push(`${op.key} as ${role}: ${res.status} ${res.body?.code}`);
      }
    }
    expect(failures).toEqual([]);
  });
});

describe('bearer tokens', () => {
  const base64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

  function token(
    claims: Record<string, unknown>,
    options: { alg?: string; secret?: string } = {},
  ): string {
    const alg = options.alg ?? 'HS256';
    const unsigned = `${base64url({ alg, typ: 'JWT' })}.${base64url(claims)}`;
    if (alg === 'none') return `${unsigned}.`;
    const hash = alg === 'HS512' ? 'sha512' : 'sha256';
    const signature = createHmac(hash, options.secret ?? TEST_JWT_SECRET)
      .update(unsigned)
      .digest('base64url');
    return `${unsigned}.${signature}`;
  }

  /** The claims of a real token of the clinic's NURSE, decoded. */
  function nurseClaims(): Record<string, unknown> {
    const payload = clinic.staff.NURSE.token.split('.')[1] ?? '';
    return JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  }

  const me = (authorization: string) => t.api.get('/auth/me', { authorization });

  it('accepts a token made here with the test secret (so the refusals below are about the flaw)', async () => {
    const res = await me(`Bearer ${token(nurseClaims())}`);

    expect(res.status).toBe(200);
    expect(res.body.id).toBe(clinic.staff.NURSE.id);
  });

  it.each([
    ['unsigned (alg none)', () => token(nurseClaims(), { alg: 'none' })],
    ['signed with another secret', () => token(nurseClaims(), { secret: 'x'.repeat(52) })],
    ['signed with HS512 and the right secret', () => token(nurseClaims(), { alg: 'HS512' })],
    [
      'expired',
      () => {
        const now = Math.floor(Date.now() / 1000);
        return token({ ...nurseClaims(), iat: now - 7200, exp: now - 60 });
      },
    ],
    [
      'a payload edited after signing (another user)',
      () => {
        const [header, , signature] = clinic.staff.NURSE.token.split('.');
        const edited = base64url({ ...nurseClaims(), sub: clinic.staff.ADMIN.id });
        return `${header}.${edited}.${signature}`;
      },
    ],
    ['without the claims Contour needs', () => token({ sub: clinic.staff.NURSE.id })],
    ['of a session generation that has passed', () => token({ ...nurseClaims(), gen: -1 })],
  ])('answers 401 to a token %s', async (_, make) => {
    const res = await me(`Bearer ${make()}`);

    expect(isProblem(res, 401, 'UNAUTHENTICATED')).toBe(true);
  });

  it.each([
    ['no scheme', () => clinic.staff.NURSE.token],
    ['the Basic scheme', () => `Basic ${Buffer.from('nurse:secret').toString('base64')}`],
    ['Bearer and nothing else', () => 'Bearer '],
    ['not a JWT', () => 'Bearer not-a-token'],
    ['two tokens', () => `Bearer ${clinic.staff.NURSE.token} ${clinic.staff.NURSE.token}`],
    ['garbage segments', () => 'Bearer aaaa.bbbb.cccc'],
  ])('answers 401 to an Authorization header with %s', async (_, make) => {
    const res = await me(make());

    expect(isProblem(res, 401, 'UNAUTHENTICATED')).toBe(true);
  });

  it("answers 401 to a deactivated user's still-unexpired token", async () => {
    const member = await addStaffMember(t, clinic, 'COORDINATOR');
    expect((await member.api.get('/auth/me')).status).toBe(200);
    const current = await clinic.as('ADMIN').get(`/users/${member.id}`);

    const off = await clinic
      .as('ADMIN')
      .patch(`/users/${member.id}`, { active: false }, { 'if-match': `"${current.body.version}"` });
    expect(off.status).toBe(200);

    const res = await member.api.get('/patients');
    expect(isProblem(res, 401, 'UNAUTHENTICATED')).toBe(true);
  });
});
