import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { trustedClinicId, type Caller } from '../src/common/auth/caller';
import type { Database, Db } from '../src/common/database/database';
import { DATABASE } from '../src/common/database/database.tokens';
import { TransactionRunner } from '../src/common/database/transaction-runner';
import { ClinicService } from '../src/modules/clinic/services/clinic.service';
import { QuotePdfService } from '../src/modules/quote/services/quote-pdf.service';
import { Given, type AcceptedQuote, type ClinicWithStaff } from './support/given';
import { pdfText } from './support/pdf-text';
import { onPostgresServer, startTestApp, type TestApp } from './support/test-app';

// Service-level tests of TransactionRunner on the real database (PGlite, or the server in
// DATABASE_URL). On PGlite, whose one connection a transaction holds, a read that opened a second
// connection inside a transaction waited forever: `settles` turns that into a failure.

let t: TestApp;
let tx: TransactionRunner;
let plain: Db;
let clinic: ClinicWithStaff;
let caller: Caller;
let accepted: AcceptedQuote;

beforeAll(async () => {
  t = await startTestApp();
  tx = t.app.get(TransactionRunner);
  plain = t.app.get<symbol, Database>(DATABASE).db;
  const given = new Given(t);
  clinic = await given.clinicWithStaff('Transactions Clinic');
  caller = {
    userId: clinic.staff.ADMIN.id,
    clinicId: trustedClinicId(clinic.clinicId),
    role: 'ADMIN',
    requestId: 'transactions-test',
  };
  accepted = await given.acceptedQuote(clinic);
});
afterAll(() => t.close());

const SETTLE_MS = 5_000;

/** `promise`, or a failure after SETTLE_MS: what a deadlock on PGlite's one connection became. */
function settles<T>(promise: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`did not settle in ${SETTLE_MS} ms`)), SETTLE_MS);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

async function txid(db: Db): Promise<string> {
  const result = await db.execute(sql`SELECT txid_current()::text AS id`);
  return z.object({ rows: z.tuple([z.object({ id: z.string() })]) }).parse(result).rows[0].id;
}

async function clinicName(db: Db = plain): Promise<string> {
  const result = await db.execute(sql`SELECT name FROM clinics WHERE id = ${clinic.clinicId}`);
  return z.object({ rows: z.tuple([z.object({ name: z.string() })]) }).parse(result).rows[0].name;
}

function renameClinic(db: Db, name: string) {
  return db.execute(sql`UPDATE clinics SET name = ${name} WHERE id = ${clinic.clinicId}`);
}

/** Raises a real serialization failure (SQLSTATE 40001) on `db`. */
function serializationFailure(db: Db) {
  return db.execute(
    sql.raw(`DO $$ BEGIN RAISE EXCEPTION 'forced' USING ERRCODE = '40001'; END $$`),
  );
}

class RolledBack extends Error {}

describe(`a run inside an open transaction (${onPostgresServer ? 'PostgreSQL server' : 'PGlite'})`, () => {
  it('joins it: the same handle and transaction, committed with the outer run', async () => {
    const seen = await settles(
      tx.run(async (outer) => {
        const inner = await tx.run(async (db) => ({ same: db === outer, id: await txid(db) }));
        return { ...inner, outerId: await txid(outer) };
      }),
    );
    expect(seen.same).toBe(true);
    expect(seen.id).toBe(seen.outerId);
  });

  it('rolls back with the outer run, whatever the inner one did', async () => {
    const before = await clinicName();
    await expect(
      tx.run(async () => {
        await tx.run((db) => renameClinic(db, 'Renamed inside'));
        throw new RolledBack();
      }),
    ).rejects.toBeInstanceOf(RolledBack);
    expect(await clinicName()).toBe(before);
  });

  it("gives tx.db as the transaction's handle: another service's read sees the use case's writes", async () => {
    const before = await clinicName();
    const read = await settles(
      tx.run(async (db) => {
        expect(tx.db).toBe(db);
        await renameClinic(db, 'Uncommitted name');
        // ClinicService reads through tx.db: before, on PGlite, this waited for the transaction.
        return (await t.app.get(ClinicService).getOwnClinic(caller)).name;
      }),
    );
    expect(read).toBe('Uncommitted name');
    await renameClinic(plain, before);
  });

  it("reads a PDF's data inside the use case's transaction (QuotePdfService inside a run)", async () => {
    const before = await clinicName();
    let text = '';
    await expect(
      settles(
        tx.run(async (db) => {
          await renameClinic(db, 'Clinic Renamed For The Print');
          const { pdf } = await t.app
            .get(QuotePdfService)
            .renderQuotePdf(caller, accepted.quote.id);
          text = pdfText(pdf);
          throw new RolledBack();
        }),
      ),
    ).rejects.toBeInstanceOf(RolledBack);
    expect(text).toContain('Clinic Renamed For The Print');
    expect(await clinicName()).toBe(before);
  });

  it('gives tx.db as the plain handle again to a callback that outlives the transaction', async () => {
    let later: Promise<Db> | undefined;
    await tx.run(async (db) => {
      later = new Promise((resolve) => setTimeout(resolve, 20)).then(() => tx.db);
      await txid(db);
    });
    expect(await later).toBe(plain);
    expect(tx.db).toBe(plain);
  });

  it('runs under the open isolation level when a weaker one is asked, and refuses a stricter one', async () => {
    const weaker = await settles(
      tx.run(
        async (outer) =>
          tx.run(async (db) => ({ same: db === outer, id: await txid(db) }), {
            isolationLevel: 'read committed',
          }),
        { isolationLevel: 'serializable' },
      ),
    );
    expect(weaker.same).toBe(true);

    await expect(
      tx.run(() => tx.run(() => Promise.resolve(1), { isolationLevel: 'serializable' })),
    ).rejects.toThrow('a serializable transaction cannot join an open read committed one');
  });

  it('retries a serialization failure from the outermost run only, running the whole work again', async () => {
    let outerAttempts = 0;
    let innerAttempts = 0;
    const result = await settles(
      tx.run(async () => {
        outerAttempts++;
        return tx.run(async (db) => {
          innerAttempts++;
          if (innerAttempts === 1) await serializationFailure(db);
          return 'done';
        });
      }),
    );
    expect(result).toBe('done');
    expect(outerAttempts).toBe(2);
    expect(innerAttempts).toBe(2);
  });
});

describe('runAsOne: a request whose use cases are one transaction', () => {
  it('keeps the first run open: later runs and tx.db join it, and beforeCommit runs in it', async () => {
    const before = await clinicName();
    const ids: string[] = [];
    const result = await settles(
      tx.runAsOne(
        async () => {
          await tx.run(async (db) => {
            ids.push(await txid(db));
            await renameClinic(db, 'First use case');
          });
          // Between the two use cases the first one's write is not committed, and is seen here.
          const between = await clinicName(tx.db);
          const second = await tx.run(async (db) => {
            ids.push(await txid(db));
            return clinicName(db);
          });
          return { between, second };
        },
        async (db, answer) => {
          ids.push(await txid(db));
          expect(answer.second).toBe('First use case');
        },
      ),
    );
    expect(result).toEqual({ between: 'First use case', second: 'First use case' });
    expect(new Set(ids).size).toBe(1);
    expect(ids).toHaveLength(3);
    expect(await clinicName()).toBe('First use case');
    await renameClinic(plain, before);
  });

  it('rolls back both use cases when the request fails after the first one', async () => {
    const before = await clinicName();
    await expect(
      tx.runAsOne(
        async () => {
          await tx.run((db) => renameClinic(db, 'Never committed'));
          await tx.run(() => Promise.resolve());
          throw new RolledBack();
        },
        () => Promise.resolve(),
      ),
    ).rejects.toBeInstanceOf(RolledBack);
    expect(await clinicName()).toBe(before);
  });

  it('rolls back the work when beforeCommit refuses it', async () => {
    const before = await clinicName();
    await expect(
      tx.runAsOne(
        () => tx.run((db) => renameClinic(db, 'Refused before commit')),
        () => Promise.reject(new RolledBack()),
      ),
    ).rejects.toBeInstanceOf(RolledBack);
    expect(await clinicName()).toBe(before);
  });

  it('gives beforeCommit a transaction of its own when the request opened none', async () => {
    let id: string | undefined;
    const answer = await settles(
      tx.runAsOne(
        async () => clinicName(tx.db),
        async (db) => {
          id = await txid(db);
          expect(db).not.toBe(plain);
        },
      ),
    );
    expect(answer).toBe(await clinicName());
    expect(id).toEqual(expect.any(String));
  });

  it('runs the request again when a later use case meets a serialization failure', async () => {
    const before = await clinicName();
    let bodies = 0;
    await settles(
      tx.runAsOne(
        async () => {
          bodies++;
          await tx.run((db) => renameClinic(db, `Attempt ${bodies}`));
          await tx.run(async (db) => {
            if (bodies === 1) await serializationFailure(db);
          });
        },
        () => Promise.resolve(),
      ),
    );
    expect(bodies).toBe(2);
    expect(await clinicName()).toBe('Attempt 2');
    await renameClinic(plain, before);
  });
});
