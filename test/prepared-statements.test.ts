import { createServer, Socket, type AddressInfo, type Server } from 'node:net';
import { eq, sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import type { Database } from '../src/common/database/database';
import { DATABASE } from '../src/common/database/database.tokens';
import { preparedQuery, useNamedStatements } from '../src/common/database/prepared-query';
import { clinics } from '../src/modules/clinic/repositories/clinic.schema';
import { Given } from './support/given';
import { onPostgresServer, startTestApp } from './support/test-app';

// DATABASE_PREPARED_STATEMENTS=false (docs/scaling.md): behind PgBouncer 1.18 in transaction mode
// a named statement prepared on one server connection is missing on the next, so the app must
// send none. What it sends is read off the wire: a proxy between the app and PostgreSQL records
// the statement name of every Parse message (the frontend protocol's 'P': name, then SQL text).
// Only on a PostgreSQL server: PGlite has no wire protocol and no names.

/** A TCP proxy to the server in `target` that records the name of each Parse the client sends. */
async function parseRecorder(
  target: URL,
): Promise<{ url: string; names: string[]; close(): Promise<void> }> {
  const names: string[] = [];
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    const upstream = new Socket();
    sockets.add(client).add(upstream);
    upstream.connect(Number(target.port || 5432), target.hostname);
    let buffer = Buffer.alloc(0);
    let started = false;
    client.on('data', (chunk: Buffer) => {
      upstream.write(chunk);
      buffer = Buffer.concat([buffer, chunk]);
      for (;;) {
        // The startup message has no type byte: a length, then the protocol version.
        const header = started ? 5 : 4;
        if (buffer.length < header) break;
        const length = buffer.readInt32BE(started ? 1 : 0) + (started ? 1 : 0);
        if (buffer.length < length) break;
        if (started && buffer[0] === 0x50) {
          names.push(buffer.toString('utf8', 5, buffer.indexOf(0, 5)));
        }
        started = true;
        buffer = buffer.subarray(length);
      }
    });
    upstream.on('data', (chunk: Buffer) => client.write(chunk));
    const end = (): void => {
      client.destroy();
      upstream.destroy();
    };
    client.on('close', end).on('error', end);
    upstream.on('close', end).on('error', end);
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const url = new URL(target);
  url.hostname = '127.0.0.1';
  url.port = String((server.address() as AddressInfo).port);
  return {
    url: url.toString(),
    names,
    async close() {
      for (const s of sockets) s.destroy();
      await new Promise((done) => server.close(done));
    },
  };
}

/** The names of the Parse messages an app sends while a clinic signs in and reads its records. */
async function statementNames(preparedStatements: 'true' | 'false'): Promise<string[]> {
  const recorder = await parseRecorder(new URL(process.env.DATABASE_URL!));
  closers.push(() => recorder.close());
  const t = await startTestApp({
    env: { DATABASE_URL: recorder.url, DATABASE_PREPARED_STATEMENTS: preparedStatements },
  });
  try {
    const clinic = await new Given(t).clinicWithStaff('Statement Names Clinic');
    const patient = await new Given(t).patient(clinic);
    const res = await clinic.as('COORDINATOR').get(`/patients/${patient.id}`);
    expect(res.status).toBe(200);
  } finally {
    await t.close();
  }
  return [...recorder.names];
}

const closers: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const close of closers) await close();
});

describe('DATABASE_PREPARED_STATEMENTS', () => {
  if (onPostgresServer) {
    it('false: the hot queries go over the wire as unnamed statements', async () => {
      const names = await statementNames('false');
      // The proxy saw the extended protocol's Parse messages: the check below looks at real traffic.
      expect(names.length).toBeGreaterThan(10);
      expect(names.filter((name) => name !== '')).toEqual([]);
    });

    it('true (the default): they are named contour_*, parsed once per connection', async () => {
      const names = await statementNames('true');
      expect(names.some((name) => name.startsWith('contour_'))).toBe(true);
    });
  }

  it('hands drizzle no statement name when off, and contour_<name> when on', async () => {
    const t = await startTestApp();
    closers.push(() => t.close());
    const { db } = t.app.get<symbol, Database>(DATABASE);
    const clinicCount = preparedQuery<{ name: string }, unknown[]>('test_statement_name', (d) =>
      d
        .select({ id: clinics.id })
        .from(clinics)
        .where(eq(clinics.name, sql.placeholder('name'))),
    );
    // Built on its first run (prepared-query.ts captures the builder's own prepareQuery call).
    await clinicCount(db, { name: 'none' });
    const session = db._.session;
    const seen: unknown[] = [];
    const original = session.prepareQuery.bind(session);
    session.prepareQuery = (...args: Parameters<typeof original>) => {
      seen.push(args[2]);
      return original(...args);
    };
    try {
      useNamedStatements(false);
      await clinicCount(db, { name: 'none' });
      useNamedStatements(true);
      await clinicCount(db, { name: 'none' });
    } finally {
      delete (session as Partial<typeof session>).prepareQuery;
      useNamedStatements(true);
    }
    expect(seen).toEqual([undefined, 'contour_test_statement_name']);
  });
});
