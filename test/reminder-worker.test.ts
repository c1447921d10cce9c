import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { and, eq, inArray } from 'drizzle-orm';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TransactionRunner } from '../src/common/database/transaction-runner';
import { appointmentReminders } from '../src/modules/reminder/repositories/reminder.schema';
import { Given } from './support/given';
import { bookVisit } from './support/given-reminders';
import { ROOT, startServer, type ServerProcess } from './support/server-process';
import { onPostgresServer, startTestApp, type TestApp } from './support/test-app';

const HOUR = 3_600_000;
const N = 8;
/** Each message takes this long to be accepted: a kill lands while one is on the wire. */
const SMTP_DELAY_MS = 250;
/** A lost job is retried this long after it started (JOBS_EXPIRE_SECONDS, its minimum). */
const EXPIRE_SECONDS = 5;

/**
 * A real SMTP server that answers each message after a delay and counts only the messages it
 * accepted (250). `onMessage(n)` runs as the n-th message (from 1) arrives, before it is answered;
 * returning false refuses it (the test killed the sender: it never got its 250).
 */
async function slowSmtp(onMessage: (n: number) => boolean) {
  const accepted: string[] = [];
  let arriving = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, _session, callback) {
      simpleParser(stream)
        .then(async (mail) => {
          const to = [mail.to].flat()[0]?.value[0]?.address ?? '';
          if (!onMessage(++arriving)) return callback(new Error('451 sender gone'));
          await new Promise((resolve) => setTimeout(resolve, SMTP_DELAY_MS));
          accepted.push(to);
          callback();
        })
        .catch((error: Error) => callback(error));
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    accepted,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

async function waitFor(
  check: () => boolean,
  ms: number,
  what: () => string,
  server: ServerProcess,
): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline)
      throw new Error(`timed out waiting for ${what()}; the server said:\n${server.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function perRecipient(accepted: readonly string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const to of accepted) counts[to] = (counts[to] ?? 0) + 1;
  return counts;
}

const store = onPostgresServer ? 'PostgreSQL server' : 'PGlite';

describe(`the reminder worker across a SIGKILL (${store})`, () => {
  let workDir: string;
  const servers: ServerProcess[] = [];

  beforeAll(() => {
    execFileSync(process.execPath, ['scripts/build-server.mjs'], { cwd: ROOT, stdio: 'inherit' });
    workDir = mkdtempSync(join(tmpdir(), 'contour-reminders-'));
  }, 120_000);
  afterAll(() => {
    for (const s of servers) s.child.kill('SIGKILL');
    rmSync(workDir, { recursive: true, force: true });
  });

  /**
   * A database of its own with N appointments booked 20 to 28 hours ahead: each one's 48 h
   * reminder is due at once. On PGlite a folder (the app closes before a server opens it); on
   * PostgreSQL a scratch database, its app left open to read the outcome.
   */
  async function seeded(name: string): Promise<{
    env: Record<string, string>;
    emails: string[];
    reminderIds: string[];
    app: TestApp | undefined;
    reopen: () => Promise<TestApp>;
  }> {
    const dataDir = join(workDir, name);
    // A job's expiry is set when it is sent: the seeding app sends with the servers' setting.
    const expire = { JOBS_EXPIRE_SECONDS: String(EXPIRE_SECONDS) };
    const options = onPostgresServer
      ? { freshDatabase: true, env: expire }
      : { env: { PGLITE_DATA_DIR: dataDir, ...expire } };
    const t = await startTestApp(options);
    const given = new Given(t);
    const clinic = await given.clinicWithStaff(`Worker Clinic ${name}`);
    const emails: string[] = [];
    const appointmentIds: string[] = [];
    const now = Date.now();
    for (let i = 0; i < N; i++) {
      const email = `patient-${name}-${i}@worker.example`;
      const patient = await given.patient(clinic, { email });
      emails.push(email);
      appointmentIds.push(
        (await bookVisit(clinic, patient.id, new Date(now + (20 + i) * HOUR))).id,
      );
    }
    const reminders = await t.app
      .get(TransactionRunner)
      .db.select({ id: appointmentReminders.id, offset: appointmentReminders.offsetMinutes })
      .from(appointmentReminders)
      .where(
        and(
          eq(appointmentReminders.clinicId, clinic.clinicId),
          inArray(appointmentReminders.appointmentId, appointmentIds),
        ),
      );
    const reminderIds = reminders.filter((r) => r.offset === 2880).map((r) => r.id);
    const database = t.config.database;
    const env: Record<string, string> =
      database.kind === 'postgres' ? { DATABASE_URL: database.url } : { PGLITE_DATA_DIR: dataDir };
    if (!onPostgresServer) await t.close();
    return {
      env,
      emails,
      reminderIds,
      app: onPostgresServer ? t : undefined,
      reopen: () => startTestApp({ env: { PGLITE_DATA_DIR: dataDir } }),
    };
  }

  async function statuses(app: TestApp, ids: string[]): Promise<string[]> {
    const rows = await app.app
      .get(TransactionRunner)
      .db.select({ status: appointmentReminders.status })
      .from(appointmentReminders)
      .where(inArray(appointmentReminders.id, ids));
    return rows.map((r) => r.status);
  }

  const serverEnv = (env: Record<string, string>, smtpUrl: string) => ({
    ...env,
    SMTP_URL: smtpUrl,
    JOBS_WORKER: 'true',
    JOBS_EXPIRE_SECONDS: String(EXPIRE_SECONDS),
    SMS_CHANNEL: 'off',
  });

  it('killed mid-batch and started again: every reminder delivered exactly once', async () => {
    const seed = await seeded('kill');
    let killed: ServerProcess | undefined;
    const smtp = await slowSmtp((n) => {
      // The third message is on the wire: the sender dies before it hears 250.
      if (n === 3 && killed) {
        killed.child.kill('SIGKILL');
        return false;
      }
      return true;
    });
    try {
      killed = await startServer(serverEnv(seed.env, smtp.url));
      servers.push(killed);
      expect(await killed.exited).toBeNull(); // killed by the signal
      expect(smtp.accepted).toHaveLength(2);

      const restarted = await startServer(serverEnv(seed.env, smtp.url));
      servers.push(restarted);
      await waitFor(
        () => smtp.accepted.length >= N,
        45_000,
        () => `every reminder after the restart (${smtp.accepted.length} so far)`,
        restarted,
      );
      // Long enough for a duplicate to show: the lost job's expiry, maintenance and a poll.
      await new Promise((resolve) => setTimeout(resolve, (EXPIRE_SECONDS + 3) * 1000));
      expect(perRecipient(smtp.accepted)).toEqual(
        Object.fromEntries(seed.emails.map((e) => [e, 1])),
      );
      restarted.child.kill('SIGTERM');
      expect(await restarted.exited).toBe(0);

      const app = seed.app ?? (await seed.reopen());
      try {
        expect(await statuses(app, seed.reminderIds)).toEqual(Array(N).fill('SENT'));
      } finally {
        await app.close();
      }
    } finally {
      await smtp.close();
    }
  }, 120_000);

  // Two instances share one database on a PostgreSQL server only (a PGlite folder is one
  // process's): the suite's PostgreSQL run (.ci/run) holds this test; the PGlite run has none.
  if (onPostgresServer)
    it('two instances working one queue at once: each reminder delivered once', async () => {
      const seed = await seeded('two');
      const smtp = await slowSmtp(() => true);
      try {
        const [a, b] = await Promise.all([
          startServer(serverEnv(seed.env, smtp.url)),
          startServer(serverEnv(seed.env, smtp.url)),
        ]);
        servers.push(a, b);
        await waitFor(
          () => smtp.accepted.length >= N,
          45_000,
          () => 'every reminder',
          a,
        );
        await new Promise((resolve) => setTimeout(resolve, 3_000));
        expect(perRecipient(smtp.accepted)).toEqual(
          Object.fromEntries(seed.emails.map((e) => [e, 1])),
        );
        a.child.kill('SIGTERM');
        b.child.kill('SIGTERM');
        expect(await a.exited).toBe(0);
        expect(await b.exited).toBe(0);
        expect(await statuses(seed.app!, seed.reminderIds)).toEqual(Array(N).fill('SENT'));
      } finally {
        await seed.app?.close();
        await smtp.close();
      }
    }, 120_000);
});
