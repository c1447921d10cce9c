import { randomInt } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TransactionRunner } from '../src/common/database/transaction-runner';
import { webSessions } from '../src/modules/auth/repositories/web-session.schema';
import {
  addStaffMember,
  Given,
  patientBody,
  PASSWORD,
  type ClinicWithStaff,
} from './support/given';
import { startTestApp, type TestApp } from './support/test-app';
import { setCookieLines, WebSessionClient, type WebResponse } from './support/web-session';

/** Web sessions (docs/security.md "Web sessions"): cookies, CSRF, idle timeout, sign-out. */

const IDLE_SECONDS = 3;
let t: TestApp;
let clinic: ClinicWithStaff;

beforeAll(async () => {
  // A short idle timeout to see it run out; TRUST_PROXY so X-Forwarded-Proto can say HTTPS.
  t = await startTestApp({
    env: { SESSION_IDLE_TIMEOUT_MINUTES: String(IDLE_SECONDS / 60), TRUST_PROXY: 'true' },
  });
  clinic = await new Given(t).clinicWithStaff('Session Clinic');
}, 180_000);
afterAll(() => t.close());

type Res = WebResponse;

class Browser extends WebSessionClient {
  constructor() {
    super(t);
  }

  override signIn(email: string, password = PASSWORD, headers: Record<string, string> = {}) {
    return super.signIn(email, password, headers);
  }
}

function setCookies(headers: Res['headers']): string[] {
  return setCookieLines(headers);
}

function freshIp(): string {
  return `10.${randomInt(256)}.${randomInt(256)}.${randomInt(1, 255)}`;
}

function cookieLine(res: Res, name: string): string {
  const line = setCookies(res.headers).find((l) => l.startsWith(`${name}=`));
  expect(line, `Set-Cookie ${name}`).toBeDefined();
  return line!;
}

function expectProblem(res: Res, status: number, code: string): void {
  expect(res.status).toBe(status);
  expect(String(res.headers['content-type'])).toMatch(/^application\/problem\+json/);
  expect(res.body.code).toBe(code);
}

async function signedIn(email = clinic.staff.COORDINATOR.email): Promise<Browser> {
  const browser = new Browser();
  const res = await browser.signIn(email);
  expect(res.status).toBe(200);
  return browser;
}

describe('POST /auth/session', () => {
  it('sets an httpOnly, SameSite=Strict session cookie and answers no token', async () => {
    const browser = new Browser();
    const res = await browser.signIn(clinic.staff.NURSE.email);

    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      user: expect.objectContaining({ email: clinic.staff.NURSE.email, role: 'NURSE' }),
      idleTimeoutSeconds: IDLE_SECONDS,
    });
    expect(JSON.stringify(res.body)).not.toMatch(/accessToken|eyJ/);
    const session = cookieLine(res, 'contour_session');
    expect(session).toMatch(/; HttpOnly/);
    expect(session).toMatch(/; SameSite=Strict/);
    expect(session).toMatch(/; Path=\/api(;|$)/);
    expect(session).not.toMatch(/; Secure/);
    expect(session).not.toMatch(/Max-Age|Expires/i);
    // The CSRF cookie is for the page's scripts: not httpOnly, but Strict too.
    const csrf = cookieLine(res, 'contour_csrf');
    expect(csrf).not.toMatch(/HttpOnly/);
    expect(csrf).toMatch(/; SameSite=Strict/);
    expect(csrf).toMatch(/; Path=\/(;|$)/);

    const me = await browser.send('GET', '/auth/me');
    expect(me.status).toBe(200);
    expect(me.body.email).toBe(clinic.staff.NURSE.email);
  });

  it('marks the cookies Secure when the request came over HTTPS (a trusted proxy says so)', async () => {
    const res = await new Browser().signIn(clinic.staff.NURSE.email, PASSWORD, {
      'x-forwarded-proto': 'https',
    });
    expect(res.status).toBe(200);
    expect(cookieLine(res, 'contour_session')).toMatch(/; Secure/);
    expect(cookieLine(res, 'contour_csrf')).toMatch(/; Secure/);
  });

  it('refuses a wrong password with 401 problem+json and sets no cookie', async () => {
    const res = await new Browser().signIn(clinic.staff.NURSE.email, 'not-the-password');
    expectProblem(res, 401, 'UNAUTHENTICATED');
    expect(setCookies(res.headers)).toEqual([]);
  });

  it('is rate limited with POST /auth/login: the same failures count', async () => {
    const ip = freshIp();
    const email = clinic.staff.BILLING.email;
    const attempt = (url: string) =>
      t.app.inject({
        method: 'POST',
        url,
        headers: { 'content-type': 'application/json' },
        payload: JSON.stringify({ email, password: 'wrong-password' }),
        remoteAddress: ip,
      });
    for (let i = 0; i < 5; i += 1) {
      expect(
        (await attempt(i % 2 ? '/api/v1/auth/login' : '/api/v1/auth/session')).statusCode,
      ).toBe(401);
    }
    const refused = await attempt('/api/v1/auth/session');
    expect(refused.statusCode).toBe(429);
    expect(refused.json().code).toBe('RATE_LIMITED');
  });
});

describe('CSRF', () => {
  it('refuses a write without the X-CSRF-Token header (403 CSRF_FAILED), and nothing changes', async () => {
    const browser = await signedIn();
    const before = await clinic.as('ADMIN').get('/patients?search=Csrfless');

    const res = await browser.send('POST', '/patients', {
      body: patientBody({ lastName: 'Csrfless' }),
      csrf: false,
    });
    expectProblem(res, 403, 'CSRF_FAILED');
    const wrong = await browser.send('POST', '/patients', {
      body: patientBody({ lastName: 'Csrfless' }),
      csrf: false,
      headers: { 'x-csrf-token': 'A'.repeat(43) },
    });
    expectProblem(wrong, 403, 'CSRF_FAILED');
    // Another session's token does not do either.
    const other = await signedIn();
    const foreign = await browser.send('POST', '/patients', {
      body: patientBody({ lastName: 'Csrfless' }),
      csrf: false,
      headers: { 'x-csrf-token': other.cookies.get('contour_csrf')! },
    });
    expectProblem(foreign, 403, 'CSRF_FAILED');

    const after = await clinic.as('ADMIN').get('/patients?search=Csrfless');
    expect(before.body.data).toEqual([]);
    expect(after.body.data).toEqual([]);
  });

  it('lets a write with the token through, and reads need none', async () => {
    const browser = await signedIn();
    const created = await browser.send('POST', '/patients', {
      body: patientBody({ lastName: 'Csrfok' }),
    });
    expect(created.status).toBe(201);
    const read = await browser.send('GET', `/patients/${created.body.id}`, { csrf: false });
    expect(read.status).toBe(200);
  });

  it('asks nothing of bearer clients: a token write needs no CSRF header', async () => {
    const res = await clinic.as('COORDINATOR').post('/patients', patientBody());
    expect(res.status).toBe(201);
  });

  it('a bearer token wins over a cookie sent with it', async () => {
    const browser = await signedIn(clinic.staff.NURSE.email);
    const res = await browser.send('GET', '/auth/me', {
      headers: { authorization: `Bearer ${clinic.staff.BILLING.token}` },
    });
    expect(res.body.email).toBe(clinic.staff.BILLING.email);
  });
});

describe('ending a session', () => {
  it('sign-out ends the session on the server: a copy of the cookie is dead', async () => {
    const browser = await signedIn();
    const copy = new Browser();
    copy.cookies = new Map(browser.cookies);

    const out = await browser.send('DELETE', '/auth/session');
    expect(out.status).toBe(204);
    expect(cookieLine(out, 'contour_session')).toMatch(/Max-Age=0/);
    expect(browser.cookies.size).toBe(0);

    const me = await copy.send('GET', '/auth/me');
    expectProblem(me, 401, 'UNAUTHENTICATED');
    const write = await copy.send('POST', '/patients', { body: patientBody() });
    expectProblem(write, 401, 'UNAUTHENTICATED');
  });

  it('sign-out needs the CSRF token too', async () => {
    const browser = await signedIn();
    expectProblem(
      await browser.send('DELETE', '/auth/session', { csrf: false }),
      403,
      'CSRF_FAILED',
    );
    expect((await browser.send('GET', '/auth/me')).status).toBe(200);
  });

  it(`ends after ${IDLE_SECONDS} s without a request, and each request restarts the clock`, async () => {
    const browser = await signedIn();
    // Requests every second keep it alive past the idle timeout.
    for (let i = 0; i < IDLE_SECONDS + 1; i += 1) {
      await sleep(1000);
      expect((await browser.send('GET', '/auth/session')).status).toBe(200);
    }
    await sleep(IDLE_SECONDS * 1000 + 500);
    const res = await browser.send('GET', '/auth/me');
    expectProblem(res, 401, 'UNAUTHENTICATED');
    expect(res.body.detail).toMatch(/session has ended/);
    expect(browser.cookies.size).toBe(0);
  });

  it("a password change ends the user's other sessions and keeps this one", async () => {
    const user = await addStaffMember(t, clinic, 'NURSE');
    const here = new Browser();
    expect((await here.signIn(user.email, user.password)).status).toBe(200);
    const elsewhere = new Browser();
    expect((await elsewhere.signIn(user.email, user.password)).status).toBe(200);

    const newPassword = 'a-brand-new-password-1';
    const wrong = await here.send('POST', '/auth/session/change-password', {
      body: { currentPassword: 'not-it', newPassword },
    });
    expectProblem(wrong, 401, 'UNAUTHENTICATED');
    const res = await here.send('POST', '/auth/session/change-password', {
      body: { currentPassword: user.password, newPassword },
    });
    expect(res.status).toBe(200);
    expect(JSON.stringify(res.body)).not.toMatch(/accessToken/);

    expect((await here.send('GET', '/auth/me')).status).toBe(200);
    expectProblem(await elsewhere.send('GET', '/auth/me'), 401, 'UNAUTHENTICATED');
    expectProblem(await user.api.get('/auth/me'), 401, 'UNAUTHENTICATED');
  });

  it("an admin's password reset ends the user's sessions", async () => {
    const user = await addStaffMember(t, clinic, 'BILLING');
    const reset = await signedIn(user.email);
    const res = await clinic
      .as('ADMIN')
      .patch(`/users/${user.id}`, { password: 'reset-by-the-admin-1' });
    expect(res.status).toBe(200);
    expectProblem(await reset.send('GET', '/auth/me'), 401, 'UNAUTHENTICATED');
  });

  it('a deactivation takes effect on the next request', async () => {
    const user = await addStaffMember(t, clinic, 'SURGEON');
    const browser = await signedIn(user.email);
    expect((await clinic.as('ADMIN').patch(`/users/${user.id}`, { active: false })).status).toBe(
      200,
    );
    expectProblem(await browser.send('GET', '/auth/me'), 401, 'UNAUTHENTICATED');
  });

  it('keeps only the hash of the session id', async () => {
    const browser = await signedIn(clinic.staff.SURGEON.email);
    const id = browser.cookies.get('contour_session')!;
    const rows = await t.app
      .get(TransactionRunner)
      .db.select()
      .from(webSessions)
      .where(eq(webSessions.userId, clinic.staff.SURGEON.id));
    expect(rows.length).toBeGreaterThan(0);
    expect(JSON.stringify(rows)).not.toContain(id);
  });
});

describe('the two kinds of password change', () => {
  it('a web session cannot get a token from POST /auth/change-password', async () => {
    const browser = await signedIn();
    const res = await browser.send('POST', '/auth/change-password', {
      body: { currentPassword: PASSWORD, newPassword: 'whatever-new-password-1' },
    });
    expectProblem(res, 401, 'UNAUTHENTICATED');
    expect((await browser.send('GET', '/auth/me')).status).toBe(200);
  });

  it('a bearer client is sent to POST /auth/change-password', async () => {
    const res = await clinic.as('SURGEON').post('/auth/session/change-password', {
      currentPassword: PASSWORD,
      newPassword: 'whatever-new-password-1',
    });
    expectProblem(res, 401, 'UNAUTHENTICATED');
    expect((await clinic.as('SURGEON').get('/auth/me')).status).toBe(200);
  });
});

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
