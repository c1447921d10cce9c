import { randomInt } from 'node:crypto';
import { eq } from 'drizzle-orm';
import jwt from 'jsonwebtoken';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TransactionRunner } from '../src/common/database/transaction-runner';
import { loginThrottle } from '../src/modules/auth/repositories/login-throttle.schema';
import {
  addStaffMember,
  Given,
  PASSWORD,
  uniqueEmail,
  type ClinicWithStaff,
} from './support/given';
import { startTestApp, TEST_JWT_SECRET, type TestApp } from './support/test-app';

let t: TestApp;
let given: Given;
let clinic: ClinicWithStaff;

beforeAll(async () => {
  t = await startTestApp();
  given = new Given(t);
  clinic = await given.clinicWithStaff('Auth Clinic');
});
afterAll(() => t.close());

/**
 * A client address of its own, so failed sign-ins counted by this test neither reach the
 * per-address limit shared by every test (and every run on a shared server) nor come from them.
 */
function freshIp(): string {
  return `10.${randomInt(256)}.${randomInt(256)}.${randomInt(1, 255)}`;
}

async function loginFrom(ip: string, body: unknown) {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    headers: { 'content-type': 'application/json' },
    payload: JSON.stringify(body),
    remoteAddress: ip,
  });
  return { status: res.statusCode, headers: res.headers, body: res.json() };
}

/** The failures stored for one throttle key (email+address or address), 0 when none. */
async function throttleFailures(key: string): Promise<number> {
  const [row] = await t.app
    .get(TransactionRunner)
    .db.select()
    .from(loginThrottle)
    .where(eq(loginThrottle.key, key));
  return row?.failures ?? 0;
}

function base64url(value: unknown): string {
  return Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');
}

function me(token: string) {
  return t.api.withToken(token).get('/auth/me');
}

function expectUnauthenticated(res: {
  status: number;
  headers: Record<string, unknown>;
  body: any;
}) {
  expect(res.status).toBe(401);
  expect(res.body.code).toBe('UNAUTHENTICATED');
  expect(res.headers['www-authenticate']).toBe('Bearer');
  expect(String(res.headers['content-type'])).toMatch(/^application\/problem\+json/);
}

describe('POST /auth/login', () => {
  it('answers a bearer token for the user and the user without any password hash', async () => {
    const nurse = clinic.staff.NURSE;
    const res = await t.api.post('/auth/login', { email: nurse.email, password: PASSWORD });

    expect(res.status).toBe(200);
    expect(Object.keys(res.body).sort()).toEqual(['accessToken', 'expiresIn', 'tokenType', 'user']);
    expect(res.body.tokenType).toBe('Bearer');
    expect(res.body.expiresIn).toBe(t.config.jwt.ttlSeconds);
    expect(res.body.user).toMatchObject({
      id: nurse.id,
      clinicId: clinic.clinicId,
      email: nurse.email,
      name: 'Test NURSE',
      role: 'NURSE',
      active: true,
    });
    expect(Object.keys(res.body.user).sort()).toEqual(
      [
        'active',
        'clinicId',
        'createdAt',
        'email',
        'id',
        'name',
        'npi',
        'role',
        'taxonomyCode',
        'updatedAt',
        'version',
      ].sort(),
    );
    expect(res.text).not.toMatch(/passwordHash|password|\$argon2/i);

    const claims = jwt.verify(res.body.accessToken, TEST_JWT_SECRET, { algorithms: ['HS256'] });
    expect(claims).toMatchObject({ sub: nurse.id, cid: clinic.clinicId });
    if (typeof claims === 'string') throw new Error('expected an object payload');
    expect((claims.exp ?? 0) - (claims.iat ?? 0)).toBe(t.config.jwt.ttlSeconds);

    const whoAmI = await me(res.body.accessToken);
    expect(whoAmI.status).toBe(200);
    expect(whoAmI.body.id).toBe(nurse.id);
  });

  it('accepts the email in any letter case and records the sign-in in the audit trail', async () => {
    const surgeon = clinic.staff.SURGEON;
    const res = await t.api.post('/auth/login', {
      email: `  ${surgeon.email.toUpperCase()} `,
      password: PASSWORD,
    });
    expect(res.status).toBe(200);
    expect(res.body.user.id).toBe(surgeon.id);

    const audit = await clinic
      .as('ADMIN')
      .get(`/audit-events?entityType=User&entityId=${surgeon.id}&action=auth.login`);
    expect(audit.status).toBe(200);
    expect(audit.body.data.length).toBeGreaterThanOrEqual(1);
    expect(audit.body.data[0]).toMatchObject({ action: 'auth.login', actorId: surgeon.id });
  });

  it('gives the same 401 for an unknown email, a wrong password and a deactivated account', async () => {
    const deactivated = await addStaffMember(t, clinic, 'COORDINATOR');
    const off = await clinic.as('ADMIN').patch(`/users/${deactivated.id}`, { active: false });
    expect(off.status).toBe(200);
    expect(off.body.active).toBe(false);

    const ip = freshIp();
    const answers = [
      await loginFrom(ip, { email: uniqueEmail('nobody'), password: PASSWORD }),
      await loginFrom(ip, { email: clinic.staff.BILLING.email, password: 'not-the-password' }),
      await loginFrom(ip, { email: deactivated.email, password: PASSWORD }),
    ];
    for (const res of answers) {
      expectUnauthenticated(res);
      expect(res.body.accessToken).toBeUndefined();
    }
    const shape = (res: (typeof answers)[number]) => ({
      status: res.body.status,
      code: res.body.code,
      title: res.body.title,
      type: res.body.type,
      detail: res.body.detail,
      keys: Object.keys(res.body).sort(),
    });
    expect(shape(answers[1]!)).toEqual(shape(answers[0]!));
    expect(shape(answers[2]!)).toEqual(shape(answers[0]!));
  });

  it('refuses the sixth attempt for one email from one address even with the right password', async () => {
    const target = await addStaffMember(t, clinic, 'BILLING');
    const ip = freshIp();
    for (let attempt = 1; attempt <= 5; attempt++) {
      const res = await loginFrom(ip, { email: target.email, password: `wrong-${attempt}` });
      expect(res.status).toBe(401);
    }

    const sixth = await loginFrom(ip, { email: target.email, password: target.password });
    expect(sixth.status).toBe(429);
    expect(sixth.body.code).toBe('RATE_LIMITED');
    expect(sixth.body.accessToken).toBeUndefined();
    const retryAfter = Number(sixth.headers['retry-after']);
    expect(Number.isInteger(retryAfter)).toBe(true);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(15 * 60);

    // The limit is per email and address: another email from that address still signs in,
    // and so does this email from another address.
    const other = await loginFrom(ip, { email: clinic.staff.SURGEON.email, password: PASSWORD });
    expect(other.status).toBe(200);
    const elsewhere = await loginFrom(freshIp(), {
      email: target.email,
      password: target.password,
    });
    expect(elsewhere.status).toBe(200);
    // The email in another letter case is the same account, still refused from that address.
    const upper = await loginFrom(ip, { email: target.email.toUpperCase(), password: PASSWORD });
    expect(upper.status).toBe(429);
  });

  it('checks at most five of a burst of wrong passwords sent at once for one email and address', async () => {
    const target = await addStaffMember(t, clinic, 'NURSE');
    const ip = freshIp();
    const burst = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        loginFrom(ip, { email: target.email, password: `guess-number-${i}` }),
      ),
    );
    const statuses = burst.map((res) => res.status).sort();
    expect(statuses).toEqual([...Array<number>(5).fill(401), ...Array<number>(7).fill(429)]);

    const right = await loginFrom(ip, { email: target.email, password: target.password });
    expect(right.status).toBe(429);
    expect(await throttleFailures(`email-ip:${target.email}|${ip}`)).toBe(5);
  });

  it('counts failures, not successful sign-ins, against an address', async () => {
    const ip = freshIp();
    for (const role of ['SURGEON', 'COORDINATOR'] as const) {
      const ok = await loginFrom(ip, { email: clinic.staff[role].email, password: PASSWORD });
      expect(ok.status).toBe(200);
    }
    const bad = await loginFrom(ip, { email: uniqueEmail('stranger'), password: PASSWORD });
    expect(bad.status).toBe(401);
    expect(await throttleFailures(`ip:${ip}`)).toBe(1);
  });

  it('forgets earlier failures once the user signs in successfully', async () => {
    const target = await addStaffMember(t, clinic, 'SURGEON');
    const ip = freshIp();
    for (let attempt = 1; attempt <= 4; attempt++) {
      expect((await loginFrom(ip, { email: target.email, password: 'nope-nope' })).status).toBe(
        401,
      );
    }
    expect((await loginFrom(ip, { email: target.email, password: target.password })).status).toBe(
      200,
    );
    for (let attempt = 1; attempt <= 4; attempt++) {
      expect((await loginFrom(ip, { email: target.email, password: 'nope-nope' })).status).toBe(
        401,
      );
    }
    expect((await loginFrom(ip, { email: target.email, password: target.password })).status).toBe(
      200,
    );
  });

  it('rejects a body without a password, naming the field', async () => {
    const res = await t.api.post('/auth/login', { email: clinic.staff.NURSE.email });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    expect(res.body.errors.map((e: { path: string }) => e.path)).toEqual(['password']);
  });

  it('rejects a body with a field it does not know, naming the field', async () => {
    const res = await t.api.post('/auth/login', {
      email: clinic.staff.NURSE.email,
      password: PASSWORD,
      clinicId: clinic.clinicId,
    });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    expect(res.body.errors).toEqual([{ path: 'clinicId', message: 'Unknown field' }]);
    expect(res.body.accessToken).toBeUndefined();
  });
});

describe('bearer tokens', () => {
  const validClaims = () => ({ sub: clinic.staff.NURSE.id, cid: clinic.clinicId, gen: 1 });

  it('lets GET /auth/me answer the caller with a valid token', async () => {
    const res = await clinic.as('COORDINATOR').get('/auth/me');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      id: clinic.staff.COORDINATOR.id,
      clinicId: clinic.clinicId,
      email: clinic.staff.COORDINATOR.email,
      role: 'COORDINATOR',
      active: true,
    });
    expect(res.text).not.toMatch(/password/i);
  });

  it('accepts a token signed by hand with the service secret, so the refusals below are real', async () => {
    const token = jwt.sign(validClaims(), TEST_JWT_SECRET, { algorithm: 'HS256', expiresIn: 60 });
    const res = await me(token);
    expect(res.status).toBe(200);
    expect(res.body.id).toBe(clinic.staff.NURSE.id);
  });

  it('answers 401 with a Bearer challenge when no token is sent', async () => {
    const res = await t.api.get('/auth/me');
    expectUnauthenticated(res);
    expect(res.body.status).toBe(401);
  });

  it('answers 401 for a token that is not a JWT', async () => {
    expectUnauthenticated(await me('garbage'));
    expectUnauthenticated(await me('a.b.c'));
    const wrongScheme = await t.api.get('/auth/me', {
      authorization: `Basic ${clinic.staff.NURSE.token}`,
    });
    expectUnauthenticated(wrongScheme);
  });

  it('answers 401 for an unsigned token with alg "none"', async () => {
    const header = base64url({ alg: 'none', typ: 'JWT' });
    const now = Math.floor(Date.now() / 1000);
    const payload = base64url({ ...validClaims(), iat: now, exp: now + 3600 });
    expectUnauthenticated(await me(`${header}.${payload}.`));
  });

  it('answers 401 for a token signed with another secret', async () => {
    const token = jwt.sign(validClaims(), 'another-secret-that-is-also-long-enough-0123456789', {
      algorithm: 'HS256',
      expiresIn: 3600,
    });
    expectUnauthenticated(await me(token));
  });

  it('answers 401 for a token signed with the right secret but another algorithm', async () => {
    const token = jwt.sign(validClaims(), TEST_JWT_SECRET, { algorithm: 'HS512', expiresIn: 3600 });
    expectUnauthenticated(await me(token));
  });

  it('answers 401 for an expired token', async () => {
    const token = jwt.sign(validClaims(), TEST_JWT_SECRET, { algorithm: 'HS256', expiresIn: -10 });
    const res = await me(token);
    expectUnauthenticated(res);
    expect(res.body.detail).toMatch(/invalid or expired/);
  });

  it('answers 401 for a signed token whose claims are not a user and a clinic', async () => {
    const notIds = jwt.sign({ sub: 'admin', cid: 'any' }, TEST_JWT_SECRET, { expiresIn: 60 });
    expectUnauthenticated(await me(notIds));
    const otherClinic = jwt.sign(
      { sub: clinic.staff.NURSE.id, cid: '01890a5d-ac96-774b-bcce-b302099a8057' },
      TEST_JWT_SECRET,
      { expiresIn: 60 },
    );
    expectUnauthenticated(await me(otherClinic));
  });

  it('refuses the token of a user deactivated after it was issued, on the next request', async () => {
    const user = await addStaffMember(t, clinic, 'NURSE');
    expect((await user.api.get('/auth/me')).status).toBe(200);

    const off = await clinic.as('ADMIN').patch(`/users/${user.id}`, { active: false });
    expect(off.status).toBe(200);

    expectUnauthenticated(await user.api.get('/auth/me'));
    expectUnauthenticated(await user.api.get('/users'));
    const stored = await clinic.as('ADMIN').get(`/users/${user.id}`);
    expect(stored.body.active).toBe(false);
  });

  it('applies a role change at the next request of a token issued before it', async () => {
    const user = await addStaffMember(t, clinic, 'NURSE');
    // Guards run before body validation: an empty body is a 400 for a role that may create
    // patients and a 403 for one that may not, and nothing is written either way.
    expect((await user.api.post('/patients', {})).status).toBe(400);

    const changed = await clinic.as('ADMIN').patch(`/users/${user.id}`, { role: 'BILLING' });
    expect(changed.status).toBe(200);
    expect(changed.body.role).toBe('BILLING');

    const meNow = await user.api.get('/auth/me');
    expect(meNow.status).toBe(200);
    expect(meNow.body.role).toBe('BILLING');
    const refused = await user.api.post('/patients', {});
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('FORBIDDEN');
  });
});

describe('POST /auth/change-password', () => {
  it('answers 401 for a wrong current password and keeps the old password', async () => {
    const user = await addStaffMember(t, clinic, 'COORDINATOR');
    const res = await user.api.post('/auth/change-password', {
      currentPassword: 'not-my-password',
      newPassword: 'a-brand-new-password-42',
    });
    expect(res.status).toBe(401);
    expect(res.body.code).toBe('UNAUTHENTICATED');

    expect(
      (await loginFrom(freshIp(), { email: user.email, password: user.password })).status,
    ).toBe(200);
    expect(
      (await loginFrom(freshIp(), { email: user.email, password: 'a-brand-new-password-42' }))
        .status,
    ).toBe(401);
  });

  it('rejects a new password shorter than 12 characters, naming the field', async () => {
    const user = await addStaffMember(t, clinic, 'COORDINATOR');
    const res = await user.api.post('/auth/change-password', {
      currentPassword: user.password,
      newPassword: 'short-pw',
    });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    expect(res.body.errors.map((e: { path: string }) => e.path)).toEqual(['newPassword']);

    expect(
      (await loginFrom(freshIp(), { email: user.email, password: user.password })).status,
    ).toBe(200);
  });

  it('replaces the password: the old one no longer signs in and the new one does', async () => {
    const user = await addStaffMember(t, clinic, 'SURGEON');
    const newPassword = 'a-brand-new-password-42';
    const res = await user.api.post('/auth/change-password', {
      currentPassword: user.password,
      newPassword,
    });
    expect(res.status).toBe(200);
    expect(res.body.user).toMatchObject({ id: user.id, version: 2 });
    expect(res.text).not.toContain(newPassword);
    expect(res.text).not.toMatch(/password/i);

    const old = await loginFrom(freshIp(), { email: user.email, password: user.password });
    expectUnauthenticated(old);
    const fresh = await loginFrom(freshIp(), { email: user.email, password: newPassword });
    expect(fresh.status).toBe(200);
    expect(fresh.body.user.id).toBe(user.id);

    // Every session signed in with the old password ends; the answer's token is the new session.
    expectUnauthenticated(await user.api.get('/auth/me'));
    const next = await t.api.withToken(res.body.accessToken).get('/auth/me');
    expect(next.status).toBe(200);

    const audit = await clinic
      .as('ADMIN')
      .get(`/audit-events?entityType=User&entityId=${user.id}&action=user.change-password`);
    expect(audit.body.data).toHaveLength(1);
    expect(audit.body.data[0]).toMatchObject({ actorId: user.id, changedFields: ['password'] });
    expect(audit.text).not.toContain(newPassword);
  });

  it("ends the user's sessions when an admin resets the password", async () => {
    const user = await addStaffMember(t, clinic, 'NURSE');
    expect((await user.api.get('/auth/me')).status).toBe(200);
    const reset = await clinic
      .as('ADMIN')
      .patch(`/users/${user.id}`, { password: 'reset-by-the-admin-1' });
    expect(reset.status).toBe(200);
    expectUnauthenticated(await user.api.get('/auth/me'));
    const fresh = await loginFrom(freshIp(), {
      email: user.email,
      password: 'reset-by-the-admin-1',
    });
    expect(fresh.status).toBe(200);
  });

  it('refuses a token whose session generation is not the current one', async () => {
    const stale = jwt.sign(
      { sub: clinic.staff.NURSE.id, cid: clinic.clinicId, gen: 99 },
      TEST_JWT_SECRET,
      {
        algorithm: 'HS256',
        expiresIn: 60,
      },
    );
    expectUnauthenticated(await me(stale));
  });
});
