import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { eq, sql } from 'drizzle-orm';
import { npmVersion } from 'drizzle-orm/version';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database, Db } from '../src/common/database/database';
import { DATABASE } from '../src/common/database/database.tokens';
import { preparedQuery } from '../src/common/database/prepared-query';
import { TransactionRunner } from '../src/common/database/transaction-runner';
import { clinics } from '../src/modules/clinic/repositories/clinic.schema';
import { users } from '../src/modules/user/repositories/user.schema';
import { Given, type ClinicWithStaff } from './support/given';
import { onPostgresServer, startTestApp, type TestApp } from './support/test-app';

// `prepared-query.ts` builds a query once and runs it on whatever handle it is given, through
// drizzle's session internals (`db._.session.prepareQuery`), which drizzle's public `.prepare()`
// cannot do: a prepared query stays bound to the handle it was built on (docs/performance.md).
// drizzle-orm is pinned to an exact version for it; these tests fail when the internals it uses
// change, so an upgrade is checked here first.

let t: TestApp;
let tx: TransactionRunner;
let plain: Db;
let clinic: ClinicWithStaff;

beforeAll(async () => {
  t = await startTestApp();
  tx = t.app.get(TransactionRunner);
  plain = t.app.get<symbol, Database>(DATABASE).db;
  clinic = await new Given(t).clinicWithStaff('Prepared Query Clinic');
});
afterAll(() => t.close());

const clinicName = preparedQuery<{ clinicId: string }, { name: string }[]>(
  'test_clinic_name',
  (db) =>
    db
      .select({ name: clinics.name })
      .from(clinics)
      .where(eq(clinics.id, sql.placeholder('clinicId'))),
);

/** A left join that finds no user: drizzle answers `user: null` only with the joins' nullability. */
const clinicWithNoUser = preparedQuery<{ clinicId: string }, unknown[]>(
  'test_clinic_with_no_user',
  (db) =>
    db
      .select({ clinic: { id: clinics.id }, user: { id: users.id, email: users.email } })
      .from(clinics)
      .leftJoin(users, sql`false`)
      .where(eq(clinics.id, sql.placeholder('clinicId'))),
);

class RolledBack extends Error {}

describe(`drizzle's internals that prepared-query.ts uses (${onPostgresServer ? 'PostgreSQL server' : 'PGlite'})`, () => {
  it('pins drizzle-orm to the exact version installed', () => {
    const manifest = JSON.parse(readFileSync(resolve(__dirname, '../package.json'), 'utf8')) as {
      dependencies: Record<string, string>;
    };
    expect(manifest.dependencies['drizzle-orm']).toBe(npmVersion);
  });

  it("prepares through the handle's session: one synchronous prepareQuery(query, …, name) call", async () => {
    await tx.run(async (db) => {
      await db.execute(sql`SELECT 1`);
      for (const handle of [plain, db]) {
        const session = handle._.session;
        expect(Object.hasOwn(session, 'prepareQuery')).toBe(false);
        const calls: unknown[][] = [];
        const original = session.prepareQuery.bind(session);
        session.prepareQuery = (...args: Parameters<typeof original>) => {
          calls.push(args);
          return original(...args);
        };
        try {
          const builder = handle
            .select({ id: clinics.id })
            .from(clinics)
            .leftJoin(users, sql`false`);
          const prepared = builder.prepare('test_shape_probe') as unknown as Record<
            string,
            unknown
          >;
          expect(calls).toHaveLength(1);
          const [query, , name] = calls[0] ?? [];
          expect(query).toEqual({ sql: expect.any(String), params: expect.any(Array) });
          expect(name).toBe('test_shape_probe');
          expect(prepared.joinsNotNullableMap).toEqual({ clinics: true, users: false });
          expect(typeof prepared.execute).toBe('function');
        } finally {
          delete (session as Partial<typeof session>).prepareQuery;
        }
        expect(typeof session.prepareQuery).toBe('function');
      }
    });
  });

  it('runs a query built on one handle on the handle given: a transaction sees its own write', async () => {
    const before = (await clinicName(plain, { clinicId: clinic.clinicId }))[0]?.name;
    expect(before).toEqual(expect.any(String));
    let inside: string | undefined;
    await expect(
      tx.run(async (db) => {
        await db.execute(sql`UPDATE clinics SET name = 'Renamed' WHERE id = ${clinic.clinicId}`);
        inside = (await clinicName(db, { clinicId: clinic.clinicId }))[0]?.name;
        throw new RolledBack();
      }),
    ).rejects.toBeInstanceOf(RolledBack);
    expect(inside).toBe('Renamed');
    expect((await clinicName(plain, { clinicId: clinic.clinicId }))[0]?.name).toBe(before);
  });

  it("keeps the joins' nullability, on a transaction and on the pool", async () => {
    const expected = [{ clinic: { id: clinic.clinicId }, user: null }];
    expect(await tx.run((db) => clinicWithNoUser(db, { clinicId: clinic.clinicId }))).toEqual(
      expected,
    );
    expect(await clinicWithNoUser(plain, { clinicId: clinic.clinicId })).toEqual(expected);
  });
});
