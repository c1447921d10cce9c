import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TransactionRunner } from '../src/common/database/transaction-runner';
import { clinics } from '../src/modules/clinic/repositories/clinic.schema';
import { appointmentReminders } from '../src/modules/reminder/repositories/reminder.schema';
import { reminderEmail, reminderIcs } from '../src/modules/reminder/services/reminder-message';
import { planReminders } from '../src/modules/reminder/services/reminder-plan';
import { Given, type ClinicWithStaff } from './support/given';
import { bookAppointment, bookVisit } from './support/given-reminders';
import { startSmtpServer, type TestSmtpServer } from './support/smtp';
import { startAppWithCapturedLog, type LoggedTestApp } from './support/security-log-capture';
import { startTestApp, type TestApp } from './support/test-app';

const HOUR = 3_600_000;

// ical.js is an ES module only: loaded once, before the tests.
let ICAL: typeof import('ical.js', { with: { 'resolution-mode': 'import' } }).default;
beforeAll(async () => {
  ICAL = (await import('ical.js')).default;
});
const ADDRESS = {
  line1: '12 Harbor Street',
  line2: 'Suite 4',
  city: 'Boston',
  state: 'MA',
  postalCode: '02110',
};

describe('planning reminders (pure)', () => {
  const now = new Date('2026-03-02T12:00:00Z');
  const plan = (hoursAhead: number) =>
    planReminders({
      start: new Date(now.getTime() + hoursAhead * HOUR),
      now,
      offsetsMinutes: [120, 2880],
      channels: ['EMAIL'],
    }).map((r) => ({ offset: r.offsetMinutes, status: r.status, dueAt: r.dueAt.toISOString() }));

  it('plans each offset at start − offset when both are ahead', () => {
    expect(plan(72)).toEqual([
      { offset: 2880, status: 'PENDING', dueAt: '2026-03-03T12:00:00.000Z' },
      { offset: 120, status: 'PENDING', dueAt: '2026-03-05T10:00:00.000Z' },
    ]);
  });

  it('sends the nearest passed offset at once when the visit is over an hour away', () => {
    expect(plan(20)).toEqual([
      { offset: 2880, status: 'PENDING', dueAt: now.toISOString() },
      { offset: 120, status: 'PENDING', dueAt: '2026-03-03T06:00:00.000Z' },
    ]);
    expect(plan(1.5)).toEqual([
      { offset: 2880, status: 'SKIPPED', dueAt: '2026-02-28T13:30:00.000Z' },
      { offset: 120, status: 'PENDING', dueAt: now.toISOString() },
    ]);
  });

  it('skips every passed offset when the visit is an hour away or less', () => {
    expect(plan(1).map((r) => r.status)).toEqual(['SKIPPED', 'SKIPPED']);
  });

  it('plans one reminder per offset and channel', () => {
    const planned = planReminders({
      start: new Date(now.getTime() + 72 * HOUR),
      now,
      offsetsMinutes: [120, 2880],
      channels: ['EMAIL', 'SMS'],
    });
    expect(planned.map((r) => `${r.channel}:${r.offsetMinutes}`)).toEqual([
      'EMAIL:2880',
      'EMAIL:120',
      'SMS:2880',
      'SMS:120',
    ]);
  });
});

describe('the reminder email and its .ics (pure)', () => {
  const facts = {
    appointmentId: '7d3c0f7e-4f3b-4d1e-9a53-0c7d2b1e5a11',
    sequence: 3,
    start: new Date('2026-07-14T14:30:00Z'),
    end: new Date('2026-07-14T15:15:00Z'),
    timeZone: 'America/New_York',
    clinic: { name: 'Harbor Aesthetics', address: ADDRESS, phone: '+1 617 555 0100' },
    providerName: 'Dr. Ada Stone',
    patientFirstName: 'Jane',
    whatToBring: 'Your photo ID and your list of medicines.',
  };

  it('says where and when in the clinic zone, never the visit type in the subject', () => {
    const mail = reminderEmail(facts);
    expect(mail.subject).toBe(
      'Your appointment at Harbor Aesthetics on Tuesday, July 14, 2026 at 10:30 AM EDT',
    );
    expect(mail.subject).not.toMatch(/pre-?op|consult|surgery|procedure|augment/i);
    expect(mail.text).toContain('12 Harbor Street, Suite 4, Boston, MA 02110');
    expect(mail.text).toContain('Dr. Ada Stone');
    expect(mail.text).toContain('Please bring: Your photo ID and your list of medicines.');
    expect(mail.text).toContain('call us at +1 617 555 0100');
    expect(mail.text).toContain('(America/New_York)');
  });

  it('writes an .ics that ical.js reads: stable UID, SEQUENCE, UTC times, address, no clinical words', () => {
    const event = new ICAL.Event(
      new ICAL.Component(ICAL.parse(reminderIcs(facts))).getFirstSubcomponent('vevent')!,
    );
    expect(event.uid).toBe(`${facts.appointmentId}@contour`);
    expect(event.sequence).toBe(3);
    expect(event.startDate.toJSDate().toISOString()).toBe('2026-07-14T14:30:00.000Z');
    expect(event.startDate.zone.tzid).toBe('UTC');
    expect(event.endDate.toJSDate().toISOString()).toBe('2026-07-14T15:15:00.000Z');
    expect(event.location).toBe('12 Harbor Street, Suite 4, Boston, MA 02110');
    expect(event.summary).toBe('Appointment at Harbor Aesthetics');
  });
});

describe('reminders through the queue, a real SMTP server and the SMS double', () => {
  let t: TestApp;
  let smtp: TestSmtpServer;
  let given: Given;
  let clinic: ClinicWithStaff;
  let other: ClinicWithStaff;

  beforeAll(async () => {
    smtp = await startSmtpServer();
    t = await startTestApp({
      env: {
        JOBS_WORKER: 'true',
        SMTP_URL: smtp.url,
        SMS_CHANNEL: 'log',
        JOBS_EXPIRE_SECONDS: '5',
      },
    });
    given = new Given(t);
    clinic = await given.clinicWithStaff('Harbor Aesthetics');
    other = await given.clinicWithStaff('Other Reminder Clinic');
    await t.app
      .get(TransactionRunner)
      .db.update(clinics)
      .set({ address: ADDRESS, phone: '+1 617 555 0100', timeZone: 'America/New_York' })
      .where(eq(clinics.id, clinic.clinicId));
  });
  afterAll(async () => {
    await t?.close();
    await smtp?.close();
  });

  const book = async (patientId: string, start: Date) =>
    (await bookVisit(clinic, patientId, start)).id;

  const remindersOf = async (id: string) =>
    (await clinic.as('NURSE').get(`/appointments/${id}/reminders`)).body as {
      status: string;
      offsetMinutes: number;
      dueAt: string;
      channel: string;
      lastError: string | null;
      attempts: number;
    }[];

  async function until<T>(read: () => Promise<T>, ok: (v: T) => boolean, ms = 20_000): Promise<T> {
    const deadline = Date.now() + ms;
    for (;;) {
      const value = await read();
      if (ok(value) || Date.now() > deadline) return value;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }

  it('booking plans one reminder per offset with its due time; reschedule replaces; cancel cancels', async () => {
    const patient = await given.patient(clinic, { email: 'plan@patient.example' });
    const start = new Date(Date.now() + 5 * 24 * HOUR);
    const id = await book(patient.id, start);
    const planned = await remindersOf(id);
    expect(planned.map((r) => [r.channel, r.offsetMinutes, r.status, r.dueAt])).toEqual([
      ['EMAIL', 2880, 'PENDING', new Date(start.getTime() - 48 * HOUR).toISOString()],
      ['SMS', 2880, 'PENDING', new Date(start.getTime() - 48 * HOUR).toISOString()],
      ['EMAIL', 120, 'PENDING', new Date(start.getTime() - 2 * HOUR).toISOString()],
      ['SMS', 120, 'PENDING', new Date(start.getTime() - 2 * HOUR).toISOString()],
    ]);

    const later = new Date(start.getTime() + 24 * HOUR);
    expect(
      (
        await clinic
          .as('COORDINATOR')
          .patch(
            `/appointments/${id}`,
            { start: later.toISOString(), reason: 'Patient asked for the next day' },
            { 'if-match': '"1"' },
          )
      ).status,
    ).toBe(200);
    const moved = await remindersOf(id);
    expect(moved.filter((r) => r.status === 'CANCELLED')).toHaveLength(4);
    expect(moved.filter((r) => r.status === 'PENDING').map((r) => r.dueAt)).toEqual([
      new Date(later.getTime() - 48 * HOUR).toISOString(),
      new Date(later.getTime() - 48 * HOUR).toISOString(),
      new Date(later.getTime() - 2 * HOUR).toISOString(),
      new Date(later.getTime() - 2 * HOUR).toISOString(),
    ]);

    expect(
      (
        await clinic
          .as('COORDINATOR')
          .post(`/appointments/${id}/cancel`, { reason: 'Feeling unwell' }, { 'if-match': '"2"' })
      ).status,
    ).toBe(200);
    expect((await remindersOf(id)).map((r) => r.status)).toEqual(Array(8).fill('CANCELLED'));
  });

  it('a rolled-back booking leaves neither reminders nor jobs', async () => {
    const patient = await given.patient(clinic, { email: 'rollback@patient.example' });
    const id = await bookAppointment(
      t.app,
      clinic,
      patient.id,
      new Date(Date.now() + 5 * 24 * HOUR),
      { rollback: true },
    );
    const db = t.app.get(TransactionRunner).db;
    const rows = await db
      .select()
      .from(appointmentReminders)
      .where(
        and(
          eq(appointmentReminders.clinicId, clinic.clinicId),
          eq(appointmentReminders.appointmentId, id),
        ),
      );
    expect(rows).toHaveLength(0);
    const jobs = await db.execute(
      sql`SELECT count(*)::int AS n FROM pgboss.job WHERE name = 'appointment-reminder' AND data->>'clinicId' = ${clinic.clinicId} AND singleton_key IN (SELECT id::text FROM appointment_reminders WHERE appointment_id = ${id})`,
    );
    expect((jobs as { rows: { n: number }[] }).rows[0]!.n).toBe(0);
    expect((await clinic.as('NURSE').get(`/appointments/${id}/reminders`)).status).toBe(404);
  });

  it('the worker mails the reminder due at once: subject without the visit type, local time, address, what to bring, .ics', async () => {
    const patient = await given.patient(clinic, {
      email: 'soon@patient.example',
      phone: '+1 617 555 0199',
    });
    // 20 hours ahead: the 48 h reminder has passed and goes at once; the 2 h one waits.
    const start = new Date(Math.ceil((Date.now() + 20 * HOUR) / 60_000) * 60_000);
    const id = await book(patient.id, start);
    const mail = await smtp.mailTo('soon@patient.example', 20_000);
    expect(mail.subject).toMatch(/^Your appointment at Harbor Aesthetics on /);
    expect(mail.subject).not.toMatch(/pre-?op|PRE_OP/i);
    const local = new Intl.DateTimeFormat('en-US', {
      timeZone: 'America/New_York',
      hour: 'numeric',
      minute: '2-digit',
    }).format(start);
    expect(mail.subject).toContain(local);
    expect(mail.text).toContain('12 Harbor Street, Suite 4, Boston, MA 02110');
    expect(mail.text).toContain('any test results you were asked for'); // PRE_OP's what to bring
    const ics = mail.attachments.find((a) => a.contentType.startsWith('text/calendar'));
    expect(ics).toBeDefined();
    const event = new ICAL.Event(
      new ICAL.Component(ICAL.parse(ics!.content.toString('utf8'))).getFirstSubcomponent('vevent')!,
    );
    expect(event.uid).toBe(`${id}@contour`);
    expect(event.startDate.toJSDate().toISOString()).toBe(start.toISOString());
    expect(event.summary).toBe('Appointment at Harbor Aesthetics');

    const after = await until(
      () => remindersOf(id),
      (rs) => rs.filter((r) => r.offsetMinutes === 2880).every((r) => r.status === 'SENT'),
    );
    expect(after.map((r) => [r.channel, r.offsetMinutes, r.status])).toEqual([
      ['EMAIL', 2880, 'SENT'],
      ['SMS', 2880, 'SENT'],
      ['EMAIL', 120, 'PENDING'],
      ['SMS', 120, 'PENDING'],
    ]);
    expect(smtp.received.filter((m) => m.subject === mail.subject)).toHaveLength(1);
  });

  it('no email address: the email reminder is SKIPPED with the reason; no phone: the SMS one too', async () => {
    const patient = await given.patient(clinic, {});
    const id = await book(patient.id, new Date(Date.now() + 22 * HOUR));
    const after = await until(
      () => remindersOf(id),
      (rs) => rs.filter((r) => r.offsetMinutes === 2880).every((r) => r.status === 'SKIPPED'),
    );
    expect(
      after.filter((r) => r.offsetMinutes === 2880).map((r) => [r.channel, r.status, r.lastError]),
    ).toEqual([
      ['EMAIL', 'SKIPPED', 'patient has no email'],
      ['SMS', 'SKIPPED', 'patient has no phone'],
    ]);
  });

  it("another clinic's staff cannot read an appointment's reminders (404)", async () => {
    const patient = await given.patient(clinic, {});
    const id = await book(patient.id, new Date(Date.now() + 8 * 24 * HOUR));
    expect((await other.as('NURSE').get(`/appointments/${id}/reminders`)).status).toBe(404);
    expect((await clinic.as('BILLING').get(`/appointments/${id}/reminders`)).status).toBe(403);
  });

  it('a mail server that refuses: the reminder goes back to PENDING with the reason, its job retried later', async () => {
    smtp.refuseAll(); // the last test of this server
    const patient = await given.patient(clinic, { email: 'refused@patient.example' });
    const id = await book(patient.id, new Date(Date.now() + 23 * HOUR));
    const after = await until(
      () => remindersOf(id),
      (rs) =>
        rs.some(
          (r) =>
            r.channel === 'EMAIL' &&
            r.offsetMinutes === 2880 &&
            r.attempts > 0 &&
            r.status !== 'SENDING',
        ),
    );
    expect(
      after
        .filter((r) => r.channel === 'EMAIL' && r.offsetMinutes === 2880)
        .map((r) => [r.status, r.attempts, r.lastError]),
    ).toEqual([['PENDING', 1, 'the channel refused it']]);
    expect(smtp.received.some((m) => m.subject?.includes('refused'))).toBe(false);
  });

  it('reminder settings: defaults 48 h and 2 h, ADMIN sets them, bad ones are refused', async () => {
    const read = await other.as('COORDINATOR').get('/reminder-settings');
    expect(read.status).toBe(200);
    expect(read.body).toEqual({
      offsetsMinutes: [2880, 120],
      email: { configured: true },
      sms: { provider: 'log' },
    });
    expect((await other.as('BILLING').get('/reminder-settings')).status).toBe(403);
    expect(
      (await other.as('COORDINATOR').put('/reminder-settings', { offsetsMinutes: [60] })).status,
    ).toBe(403);
    for (const offsetsMinutes of [
      [],
      [10],
      [60, 60],
      [1, 2, 3, 4, 5, 6].map((n) => n * 60),
      [20161],
    ]) {
      const refused = await other.as('ADMIN').put('/reminder-settings', { offsetsMinutes });
      expect(refused.status, JSON.stringify(offsetsMinutes)).toBe(400);
      expect(refused.body.code).toBeDefined();
    }
    const put = await other.as('ADMIN').put('/reminder-settings', { offsetsMinutes: [60, 1440] });
    expect(put.status).toBe(200);
    expect(put.body.offsetsMinutes).toEqual([1440, 60]);
    expect((await other.as('NURSE').get('/reminder-settings')).body.offsetsMinutes).toEqual([
      1440, 60,
    ]);
    // The first clinic still has the defaults.
    expect((await clinic.as('NURSE').get('/reminder-settings')).body.offsetsMinutes).toEqual([
      2880, 120,
    ]);
  });
});

describe('without SMTP_URL, with the SMS test double', () => {
  let t: LoggedTestApp;
  let clinic: ClinicWithStaff;
  let given: Given;

  beforeAll(async () => {
    t = await startAppWithCapturedLog('info', {
      JOBS_WORKER: 'true',
      SMS_CHANNEL: 'log',
      JOBS_EXPIRE_SECONDS: '5',
    });
    given = new Given(t);
    clinic = await given.clinicWithStaff('No Mail Clinic');
  });
  afterAll(() => t?.close());

  it('skips the email ("mail not configured", shown in the API) and logs the SMS by reminder id only', async () => {
    expect((await clinic.as('NURSE').get('/reminder-settings')).body.email).toEqual({
      configured: false,
    });
    const patient = await given.patient(clinic, {
      firstName: 'Philippa',
      lastName: 'Quarrington',
      email: 'philippa@patient.example',
      phone: '+1 617 555 0177',
    });
    const { id } = await bookVisit(clinic, patient.id, new Date(Date.now() + 20 * HOUR));
    const deadline = Date.now() + 20_000;
    let reminders: {
      id: string;
      channel: string;
      offsetMinutes: number;
      status: string;
      lastError: string | null;
    }[] = [];
    while (Date.now() < deadline) {
      reminders = (await clinic.as('NURSE').get(`/appointments/${id}/reminders`)).body;
      if (
        reminders
          .filter((r) => r.offsetMinutes === 2880)
          .every((r) => r.status !== 'PENDING' && r.status !== 'SENDING')
      )
        break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    const due = reminders.filter((r) => r.offsetMinutes === 2880);
    expect(due.map((r) => [r.channel, r.status, r.lastError])).toEqual([
      ['EMAIL', 'SKIPPED', 'mail not configured'],
      ['SMS', 'SENT', null],
    ]);
    const sms = due.find((r) => r.channel === 'SMS')!;
    const log = t.log();
    const line = log.split('\n').find((l) => l.includes('SMS reminder (logged, not sent)'));
    expect(line).toContain(sms.id);
    for (const secret of [
      'Philippa',
      'Quarrington',
      '617 555 0177',
      '6175550177',
      'philippa@patient.example',
    ])
      expect(log).not.toContain(secret);
  });
});
