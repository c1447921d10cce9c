import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TransactionRunner } from '../src/common/database/transaction-runner';
import type { ApiResponse } from './support/api';
import { Given, type ClinicWithStaff } from './support/given';
import { startSmtpServer, type TestSmtpServer } from './support/smtp';
import { onPostgresServer, startTestApp, type TestApp } from './support/test-app';

const PUBLIC_URL = 'https://clinic.example';
const DOB = '1988-06-21';

let t: TestApp;
let smtp: TestSmtpServer;
let given: Given;
let clinic: ClinicWithStaff;
let other: ClinicWithStaff;

beforeAll(async () => {
  smtp = await startSmtpServer();
  t = await startTestApp({ env: { SMTP_URL: smtp.url, PUBLIC_URL } });
  given = new Given(t);
  [clinic, other] = await Promise.all([
    given.clinicWithStaff('Patient Links Clinic'),
    given.clinicWithStaff('Other Patient Links Clinic'),
  ]);
});
afterAll(async () => {
  await t.close();
  await smtp.close();
});

/** A quoted (not approved) breast augmentation for a patient with this email. */
async function quotedPlan(of: ClinicWithStaff, email: string | null = uniqueEmail()) {
  const { plan, patient } = await given.acceptedQuote(of, {
    approve: false,
    patient: {
      dateOfBirth: DOB,
      firstName: 'Maya',
      lastName: 'Lindqvist',
      ...(email ? { email } : {}),
    },
  });
  return { plan, patient };
}

let mailCount = 0;
function uniqueEmail(): string {
  mailCount += 1;
  return `patient${mailCount}.${Date.now()}@mail.example`;
}

async function copyLink(of: ClinicWithStaff, planId: string, expiresInHours?: number) {
  const res = await of.as('COORDINATOR').post(`/procedure-plans/${planId}/patient-link`, {
    channel: 'COPY',
    ...(expiresInHours ? { expiresInHours } : {}),
  });
  expect(res.status, res.text).toBe(201);
  const token = tokenOf(res.body.url);
  return { id: res.body.id as string, token, url: res.body.url as string };
}

function tokenOf(url: string): string {
  const match = /\/p\/([A-Za-z0-9_-]{43})$/.exec(url);
  expect(match, url).not.toBeNull();
  return match![1]!;
}

function portal(token: string, dob: string | null = DOB) {
  const headers = (extra: Record<string, string> = {}) => ({
    authorization: `Bearer ${token}`,
    ...(dob === null ? {} : { 'x-patient-date-of-birth': dob }),
    ...extra,
  });
  return {
    verify: (dateOfBirth: string) =>
      t.api.post('/patient-portal/verify', { dateOfBirth }, { authorization: `Bearer ${token}` }),
    get: (path = '') => t.api.get(`/patient-portal${path}`, headers()),
    post: (path: string, body?: unknown) => t.api.post(`/patient-portal${path}`, body, headers()),
  };
}

/** The problem without what differs per request. */
function sameAnswer(res: ApiResponse) {
  const body = { ...res.body };
  delete body.instance;
  delete body.requestId;
  return { status: res.status, body };
}

async function links(of: ClinicWithStaff, planId: string) {
  const res = await of.as('SURGEON').get(`/procedure-plans/${planId}/patient-links`);
  expect(res.status, res.text).toBe(200);
  return res.body;
}

describe('POST /procedure-plans/:id/patient-link', () => {
  it('COPY: answers the url once; the list shows the link, never its token; audited', async () => {
    const { plan } = await quotedPlan(clinic);
    const res = await clinic
      .as('COORDINATOR')
      .post(`/procedure-plans/${plan.id}/patient-link`, { channel: 'COPY' });
    expect(res.status, res.text).toBe(201);
    expect(res.body.url).toMatch(/^https:\/\/clinic\.example\/p\/[A-Za-z0-9_-]{43}$/);
    const hours = (Date.parse(res.body.expiresAt) - Date.now()) / 3_600_000;
    expect(hours).toBeGreaterThan(71.9);
    expect(hours).toBeLessThanOrEqual(72);
    const listed = await links(clinic, plan.id);
    expect(listed.emailAvailable).toBe(true);
    expect(listed.data).toEqual([
      expect.objectContaining({
        id: res.body.id,
        channel: 'COPY',
        sentTo: null,
        status: 'ACTIVE',
        failedAttempts: 0,
        lastUsedAt: null,
      }),
    ]);
    expect(JSON.stringify(listed)).not.toContain(tokenOf(res.body.url));
    // Only the hash is stored.
    const stored = await t.app
      .get(TransactionRunner)
      .db.execute(sql`SELECT * FROM patient_links WHERE id = ${res.body.id}`);
    expect(JSON.stringify(stored)).not.toContain(tokenOf(res.body.url));
    const audit = await clinic
      .as('ADMIN')
      .get(`/audit-events?entityType=PatientLink&entityId=${res.body.id}`);
    expect(audit.body.data.map((e: { action: string }) => e.action)).toEqual([
      'patient-link.create',
    ]);
  });

  it('EMAIL: the patient receives the link through the SMTP server; the answer has no url', async () => {
    const email = uniqueEmail();
    const { plan } = await quotedPlan(clinic, email);
    const res = await clinic
      .as('SURGEON')
      .post(`/procedure-plans/${plan.id}/patient-link`, { channel: 'EMAIL', expiresInHours: 24 });
    expect(res.status, res.text).toBe(201);
    expect(res.body.url).toBeUndefined();
    const mail = await smtp.mailTo(email);
    expect(mail.subject).toContain('Patient Links Clinic');
    const url = /https:\/\/clinic\.example\/p\/[A-Za-z0-9_-]{43}/.exec(mail.text ?? '')?.[0];
    expect(url).toBeDefined();
    // The mail names no procedure and no patient detail.
    expect(mail.text).not.toContain('Breast');
    expect(mail.text).not.toContain('Lindqvist');
    const opened = await portal(tokenOf(url!)).verify(DOB);
    expect(opened.status, opened.text).toBe(200);
    expect(opened.body.plan.planNumber).toBe(plan.planNumber);
    const listed = await links(clinic, plan.id);
    expect(listed.data[0]).toMatchObject({ channel: 'EMAIL', sentTo: `p•••@mail.example` });
  });

  it('refuses EMAIL for a patient without an address, and a cancelled plan; creates nothing', async () => {
    const { plan } = await quotedPlan(clinic, null);
    const res = await clinic
      .as('COORDINATOR')
      .post(`/procedure-plans/${plan.id}/patient-link`, { channel: 'EMAIL' });
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('PATIENT_EMAIL_MISSING');
    const cancelled = await quotedPlan(clinic);
    expect(
      (
        await clinic
          .as('COORDINATOR')
          .post(`/procedure-plans/${cancelled.plan.id}/cancel`, { reason: 'changed mind' })
      ).status,
    ).toBe(200);
    const refused = await clinic
      .as('COORDINATOR')
      .post(`/procedure-plans/${cancelled.plan.id}/patient-link`, { channel: 'COPY' });
    expect(refused.status).toBe(409);
    expect((await links(clinic, plan.id)).data).toEqual([]);
    expect((await links(clinic, cancelled.plan.id)).data).toEqual([]);
  });

  it('validates the body: channel, expiresInHours 1–168', async () => {
    const { plan } = await quotedPlan(clinic);
    for (const body of [
      {},
      { channel: 'SMS' },
      { channel: 'COPY', expiresInHours: 0 },
      { channel: 'COPY', expiresInHours: 169 },
      { channel: 'COPY', expiresInHours: 1.5 },
      { channel: 'COPY', extra: true },
    ]) {
      const res = await clinic
        .as('COORDINATOR')
        .post(`/procedure-plans/${plan.id}/patient-link`, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
    }
    expect((await links(clinic, plan.id)).data).toEqual([]);
  });

  it('is for COORDINATOR and SURGEON (and ADMIN); another clinic’s plan is 404', async () => {
    const { plan } = await quotedPlan(clinic);
    for (const role of ['NURSE', 'BILLING'] as const) {
      const res = await clinic
        .as(role)
        .post(`/procedure-plans/${plan.id}/patient-link`, { channel: 'COPY' });
      expect(res.status, role).toBe(403);
    }
    const foreign = await other
      .as('COORDINATOR')
      .post(`/procedure-plans/${plan.id}/patient-link`, { channel: 'COPY' });
    expect(foreign.status).toBe(404);
    expect(
      (await other.as('COORDINATOR').get(`/procedure-plans/${plan.id}/patient-links`)).status,
    ).toBe(404);
  });
});

describe('a mail server that refuses the message', () => {
  it('answers 502 MAIL_NOT_SENT and leaves no link', async () => {
    const refusing = await startSmtpServer();
    refusing.refuseAll();
    const app = await startTestApp({ env: { SMTP_URL: refusing.url } });
    try {
      const g = new Given(app);
      const c = await g.clinicWithStaff('Refusing Mail Clinic');
      const { plan } = await g.acceptedQuote(c, {
        approve: false,
        patient: { email: 'someone@mail.example' },
      });
      const res = await c
        .as('COORDINATOR')
        .post(`/procedure-plans/${plan.id}/patient-link`, { channel: 'EMAIL' });
      expect(res.status).toBe(502);
      expect(res.body.code).toBe('MAIL_NOT_SENT');
      const listed = await c.as('COORDINATOR').get(`/procedure-plans/${plan.id}/patient-links`);
      expect(listed.body.data).toEqual([]);
    } finally {
      await app.close();
      await refusing.close();
    }
  });

  it('without SMTP_URL: EMAIL is 422 MAIL_NOT_CONFIGURED, COPY works', async () => {
    const app = await startTestApp();
    try {
      const g = new Given(app);
      const c = await g.clinicWithStaff('No Mail Clinic');
      const { plan } = await g.acceptedQuote(c, {
        approve: false,
        patient: { email: 'a@mail.example' },
      });
      const res = await c
        .as('COORDINATOR')
        .post(`/procedure-plans/${plan.id}/patient-link`, { channel: 'EMAIL' });
      expect(res.status).toBe(422);
      expect(res.body.code).toBe('MAIL_NOT_CONFIGURED');
      const listed = await c.as('COORDINATOR').get(`/procedure-plans/${plan.id}/patient-links`);
      expect(listed.body).toEqual({ data: [], emailAvailable: false });
      const copy = await c
        .as('COORDINATOR')
        .post(`/procedure-plans/${plan.id}/patient-link`, { channel: 'COPY' });
      expect(copy.status).toBe(201);
    } finally {
      await app.close();
    }
  });
});

describe('the patient portal: the link and the date of birth', () => {
  it('opens with the date of birth on record; shows only that plan; audited as the link', async () => {
    const { plan } = await quotedPlan(clinic);
    const link = await copyLink(clinic, plan.id);
    const res = await portal(link.token).verify(DOB);
    expect(res.status, res.text).toBe(200);
    expect(res.body).toMatchObject({
      clinic: { name: 'Patient Links Clinic' },
      patient: { firstName: 'Maya' },
      plan: { planNumber: plan.planNumber, procedureName: 'Breast Augmentation', status: 'QUOTED' },
      steps: { quote: 'AVAILABLE', consent: 'PENDING', approval: 'NOT_YET' },
    });
    const quote = await portal(link.token).get('/quote');
    expect(quote.status).toBe(200);
    expect(quote.body).toMatchObject({ status: 'ISSUED', patientPortion: expect.any(String) });
    expect(quote.body.lines.length).toBeGreaterThan(0);
    const pdf = await portal(link.token).get('/quote/pdf');
    expect(pdf.status).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const audit = await clinic.as('ADMIN').get(`/audit-events?actorId=${link.id}&limit=50`);
    expect(audit.status, audit.text).toBe(200);
    expect(audit.body.data.map((e: { action: string }) => e.action).sort()).toEqual(
      ['procedure-plan.read', 'quote.read', 'quote.read-pdf'].sort(),
    );
    const listed = await links(clinic, plan.id);
    expect(listed.data[0].lastUsedAt).not.toBeNull();
  });

  it('a plan A token never reads plan B: each link sees its own plan', async () => {
    const a = await quotedPlan(clinic);
    const b = await quotedPlan(clinic);
    const linkA = await copyLink(clinic, a.plan.id);
    const linkB = await copyLink(clinic, b.plan.id);
    expect((await portal(linkA.token).get()).body.plan.planNumber).toBe(a.plan.planNumber);
    expect((await portal(linkB.token).get()).body.plan.planNumber).toBe(b.plan.planNumber);
  });

  it('guessed, expired, revoked and cancelled-plan links get one and the same answer', async () => {
    const guessed = await portal('A'.repeat(43)).get();
    expect(guessed.status).toBe(401);
    expect(guessed.body.code).toBe('PATIENT_LINK_INVALID');

    const expiring = await quotedPlan(clinic);
    const expired = await copyLink(clinic, expiring.plan.id, 1);
    await t.app
      .get(TransactionRunner)
      .db.execute(
        sql`UPDATE patient_links SET expires_at = now() - interval '1 second' WHERE id = ${expired.id}`,
      );
    const revokedPlan = await quotedPlan(clinic);
    const revoked = await copyLink(clinic, revokedPlan.plan.id);
    const revoke = await clinic.as('COORDINATOR').post(`/patient-links/${revoked.id}/revoke`);
    expect(revoke.status).toBe(200);
    expect(revoke.body.status).toBe('REVOKED');
    const cancelledPlan = await quotedPlan(clinic);
    const cancelled = await copyLink(clinic, cancelledPlan.plan.id);
    expect((await portal(cancelled.token).get()).status).toBe(200);
    await clinic
      .as('COORDINATOR')
      .post(`/procedure-plans/${cancelledPlan.plan.id}/cancel`, { reason: 'not going ahead' });
    expect((await links(clinic, cancelledPlan.plan.id)).data[0].status).toBe('REVOKED');

    for (const token of [expired.token, revoked.token, cancelled.token, 'short', '']) {
      expect(sameAnswer(await portal(token).get())).toEqual(sameAnswer(guessed));
    }
    expect((await links(clinic, expiring.plan.id)).data[0].status).toBe('EXPIRED');
  });

  it('five wrong dates of birth lock the link; the right one then opens nothing', async () => {
    const { plan } = await quotedPlan(clinic);
    const link = await copyLink(clinic, plan.id);
    const left: number[] = [];
    for (let i = 0; i < 5; i++) {
      const res = await portal(link.token).verify('1990-01-01');
      expect(res.status).toBe(403);
      expect(res.body.code).toBe('PATIENT_LINK_DOB_MISMATCH');
      left.push(res.body.attemptsLeft);
    }
    expect(left).toEqual([4, 3, 2, 1, 0]);
    const after = await portal(link.token).verify(DOB);
    expect(after.status).toBe(401);
    expect(after.body.code).toBe('PATIENT_LINK_INVALID');
    expect((await links(clinic, plan.id)).data[0]).toMatchObject({
      status: 'LOCKED',
      failedAttempts: 5,
    });
    // A wrong date sent as a header counts the same; a missing or malformed one counts nothing.
    const second = await copyLink(clinic, plan.id);
    expect((await portal(second.token, '1990-01-01').get()).body.attemptsLeft).toBe(4);
    for (const dob of [null, '21/06/1988']) {
      const res = await portal(second.token, dob).get();
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
    }
    expect((await links(clinic, plan.id)).data[0].failedAttempts).toBe(1);
  });

  it(`the lock holds under parallel tries: 12 wrong dates at once count 5 (${onPostgresServer ? 'PostgreSQL server' : 'PGlite'})`, async () => {
    const { plan } = await quotedPlan(clinic);
    const link = await copyLink(clinic, plan.id);
    const answers = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        portal(link.token).verify(`1970-01-${String(i + 1).padStart(2, '0')}`),
      ),
    );
    const mismatches = answers.filter((r) => r.status === 403);
    expect(mismatches.map((r) => r.body.attemptsLeft).sort()).toEqual([0, 1, 2, 3, 4]);
    expect(answers.filter((r) => r.status === 401)).toHaveLength(7);
    expect((await portal(link.token).verify(DOB)).status).toBe(401);
    expect((await links(clinic, plan.id)).data[0].failedAttempts).toBe(5);
  });

  it('refuses staff tokens on the portal, and link tokens on staff routes', async () => {
    const { plan } = await quotedPlan(clinic);
    const link = await copyLink(clinic, plan.id);
    const staffToken = clinic.staff.COORDINATOR.token;
    const onPortal = await t.api.get('/patient-portal', {
      authorization: `Bearer ${staffToken}`,
      'x-patient-date-of-birth': DOB,
    });
    expect(onPortal.status).toBe(401);
    expect(onPortal.body.code).toBe('PATIENT_LINK_INVALID');
    const onStaff = await t.api.get(`/procedure-plans/${plan.id}`, {
      authorization: `Bearer ${link.token}`,
    });
    expect(onStaff.status).toBe(401);
    expect(onStaff.body.code).toBe('UNAUTHENTICATED');
  });
});
