import { count } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { loadConfig } from '../src/common/config/app-config';
import { TransactionRunner } from '../src/common/database/transaction-runner';
import { defaultClinicTimeZone } from '../src/common/time-zone';
import { clinics } from '../src/modules/clinic/repositories/clinic.schema';
import {
  BootstrapService,
  DEMO_ADMIN_EMAIL,
} from '../src/modules/clinic/services/bootstrap.service';
import { users } from '../src/modules/user/repositories/user.schema';
import { onPostgresServer, startTestApp, TEST_JWT_SECRET, type TestApp } from './support/test-app';

/** Rows in the whole database, across clinics: what a first start may create exactly once. */
async function countRows(t: TestApp): Promise<{ clinics: number; users: number }> {
  const db = t.app.get(TransactionRunner).db;
  const [c] = await db.select({ n: count() }).from(clinics);
  const [u] = await db.select({ n: count() }).from(users);
  return { clinics: c?.n ?? -1, users: u?.n ?? -1 };
}

async function signIn(t: TestApp, email: string, password: string) {
  return t.api.post('/auth/login', { email, password });
}

/** Captures what the app writes on stdout while `work` runs, without letting it through. */
async function capturingStdout<T>(work: () => Promise<T>): Promise<{ result: T; printed: string }> {
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
  try {
    const result = await work();
    return { result, printed: spy.mock.calls.map(([chunk]) => String(chunk)).join('') };
  } finally {
    spy.mockRestore();
  }
}

describe('first start with BOOTSTRAP_ADMIN_EMAIL and BOOTSTRAP_ADMIN_PASSWORD', () => {
  const email = 'Owner@Bootstrap.Example';
  const password = 'bootstrap-admin-password-1';
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({
      freshDatabase: true,
      env: {
        BOOTSTRAP_ADMIN_EMAIL: email,
        BOOTSTRAP_ADMIN_PASSWORD: password,
        BOOTSTRAP_CLINIC_NAME: 'Bootstrap Aesthetics',
        BOOTSTRAP_TIME_ZONE: 'America/Phoenix',
      },
    });
  });
  afterAll(() => t.close());

  it('creates that clinic and its ADMIN, who signs in and sees the clinic name', async () => {
    expect(await countRows(t)).toEqual({ clinics: 1, users: 1 });

    const res = await signIn(t, email, password);
    expect(res.status).toBe(200);
    expect(res.body.user).toMatchObject({
      email: 'owner@bootstrap.example',
      role: 'ADMIN',
      active: true,
    });
    const admin = t.api.withToken(res.body.accessToken);
    const clinic = await admin.get('/clinic');
    expect(clinic.status).toBe(200);
    expect(clinic.body).toMatchObject({
      id: res.body.user.clinicId,
      name: 'Bootstrap Aesthetics',
      timeZone: 'America/Phoenix',
    });

    const staff = await admin.get('/users');
    expect(staff.body.data.map((u: { id: string }) => u.id)).toEqual([res.body.user.id]);
    const audit = await admin.get(`/audit-events?entityType=Clinic&entityId=${clinic.body.id}`);
    expect(audit.body.data.map((e: { action: string }) => e.action)).toEqual(['clinic.create']);
    // Every plan needs a consent to sign: the clinic starts with its general surgical consent.
    const templates = await admin.get('/consent-templates');
    expect(templates.body.data).toEqual([
      expect.objectContaining({
        code: 'GENERAL_SURGICAL_CONSENT',
        version: 1,
        cptCodes: [],
        active: true,
        createdById: res.body.user.id,
      }),
    ]);
  });

  it('creates no second clinic or admin on a later start against the same database', async () => {
    const before = await countRows(t);
    const secondEmail = 'second-start@bootstrap.example';
    const secondPassword = 'second-start-password-2';

    if (onPostgresServer) {
      // A real restart: a second instance on the same database, configured for another admin.
      const database = t.config.database;
      if (database.kind !== 'postgres') throw new Error('expected a PostgreSQL database');
      const second = await startTestApp({
        env: {
          DATABASE_URL: database.url,
          BOOTSTRAP_ADMIN_EMAIL: secondEmail,
          BOOTSTRAP_ADMIN_PASSWORD: secondPassword,
          BOOTSTRAP_CLINIC_NAME: 'Second Start Clinic',
        },
      });
      try {
        expect(await countRows(second)).toEqual(before);
        expect((await signIn(second, secondEmail, secondPassword)).status).toBe(401);
        expect((await signIn(second, email, password)).status).toBe(200);
      } finally {
        await second.close();
      }
    }
    // In-memory PGlite cannot be shared between two apps: run the first-start hook again.
    await t.app.get(BootstrapService).onApplicationBootstrap();
    await Promise.all([
      t.app.get(BootstrapService).onApplicationBootstrap(),
      t.app.get(BootstrapService).onApplicationBootstrap(),
    ]);

    expect(await countRows(t)).toEqual({ clinics: 1, users: 1 });
    expect(before).toEqual({ clinics: 1, users: 1 });
    expect((await signIn(t, email, password)).status).toBe(200);
  });
});

describe('first start with neither bootstrap variable set', () => {
  let t: TestApp;
  let printed: string;

  beforeAll(async () => {
    const started = await capturingStdout(() =>
      startTestApp({
        freshDatabase: true,
        env: { BOOTSTRAP_ADMIN_EMAIL: '', BOOTSTRAP_ADMIN_PASSWORD: '' },
      }),
    );
    t = started.result;
    printed = started.printed;
  });
  afterAll(() => t.close());

  function printedPassword(): string {
    const match = /^\s*password:\s+(\S+)\s*$/m.exec(printed);
    if (!match?.[1]) throw new Error(`no password in the banner:\n${printed}`);
    return match[1];
  }

  it('creates a "Demo Clinic" whose admin signs in with the password printed on stdout', async () => {
    expect(printed).toContain(DEMO_ADMIN_EMAIL);
    expect(printed).toContain('Demo Clinic');
    const password = printedPassword();
    expect(password.length).toBeGreaterThanOrEqual(16);

    const res = await signIn(t, DEMO_ADMIN_EMAIL, password);
    expect(res.status).toBe(200);
    expect(res.body.user).toMatchObject({ email: DEMO_ADMIN_EMAIL, role: 'ADMIN' });

    const clinic = await t.api.withToken(res.body.accessToken).get('/clinic');
    expect(clinic.status).toBe(200);
    expect(clinic.body).toMatchObject({
      id: res.body.user.clinicId,
      name: 'Demo Clinic',
      timeZone: defaultClinicTimeZone(),
    });
    expect(await countRows(t)).toEqual({ clinics: 1, users: 1 });
  });

  it('prints the password only once and creates nothing on a later start', async () => {
    const again = await capturingStdout(() => t.app.get(BootstrapService).onApplicationBootstrap());
    expect(again.printed).not.toContain('password');
    expect(again.printed).not.toContain(printedPassword());
    expect(await countRows(t)).toEqual({ clinics: 1, users: 1 });
    expect((await signIn(t, DEMO_ADMIN_EMAIL, printedPassword())).status).toBe(200);
  });

  it('prints the banner exactly once on first start', () => {
    expect(printed.match(/password:/g)).toHaveLength(1);
  });

  it('sends the admin to the web app at the address the server listens on to change it', () => {
    const url = `http://${t.config.host}:${t.config.port}/`;
    expect(printed).toContain(`open ${url} and sign in, then choose "Change password" in the menu`);
    expect(printed).toContain('POST /api/v1/auth/change-password');
    expect(printed).not.toContain('PATCH /api/v1/users');
  });
});

describe('a bootstrap admin half configured', () => {
  const base = { NODE_ENV: 'test', JWT_SECRET: TEST_JWT_SECRET };

  it('refuses to start with only BOOTSTRAP_ADMIN_EMAIL set', () => {
    expect(() => loadConfig({ ...base, BOOTSTRAP_ADMIN_EMAIL: 'owner@clinic.example' })).toThrow(
      /BOOTSTRAP_ADMIN_EMAIL and BOOTSTRAP_ADMIN_PASSWORD/,
    );
    expect(() =>
      loadConfig({
        ...base,
        BOOTSTRAP_ADMIN_EMAIL: 'owner@clinic.example',
        BOOTSTRAP_ADMIN_PASSWORD: '',
      }),
    ).toThrow(/BOOTSTRAP_ADMIN_EMAIL and BOOTSTRAP_ADMIN_PASSWORD/);
  });

  it('refuses to start with only BOOTSTRAP_ADMIN_PASSWORD set', () => {
    expect(() => loadConfig({ ...base, BOOTSTRAP_ADMIN_PASSWORD: 'long-enough-password' })).toThrow(
      /BOOTSTRAP_ADMIN_EMAIL and BOOTSTRAP_ADMIN_PASSWORD/,
    );
  });

  it('accepts both or neither', () => {
    expect(loadConfig(base).bootstrap).toMatchObject({
      adminEmail: undefined,
      adminPassword: undefined,
      clinicName: 'Demo Clinic',
    });
    expect(
      loadConfig({
        ...base,
        BOOTSTRAP_ADMIN_EMAIL: 'Owner@Clinic.Example',
        BOOTSTRAP_ADMIN_PASSWORD: 'long-enough-password',
      }).bootstrap,
    ).toMatchObject({ adminEmail: 'owner@clinic.example', adminPassword: 'long-enough-password' });
  });
});
