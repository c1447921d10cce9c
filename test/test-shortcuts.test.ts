import { sql, type SQL } from 'drizzle-orm';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ConfigError, loadConfig } from '../src/common/config/app-config';
import { TransactionRunner } from '../src/common/database/transaction-runner';
import { PasswordHasher } from '../src/modules/user/services/password-hasher';
import { onPostgresServer, startTestApp, testConfig, type TestApp } from './support/test-app';

/**
 * The suite's two shortcuts (docs/testing.md) change nothing a test can see: an app started from
 * the migrated snapshot has the schema a real start builds, and cheap test hashes are argon2id
 * that any hasher verifies, at a cost production refuses.
 */

describe('the argon2id cost of password hashes', () => {
  const standard = new PasswordHasher(
    loadConfig({ NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(32) }),
  );
  const minimal = new PasswordHasher({ nodeEnv: 'test', passwordHashCost: 'test-minimal' });

  it('is the library default everywhere the environment configures', () => {
    expect(loadConfig({}).passwordHashCost).toBe('standard');
    expect(loadConfig({ NODE_ENV: 'test' }).passwordHashCost).toBe('standard');
  });

  it.each(['production', 'development'] as const)(
    'refuses the test-only cost under NODE_ENV=%s, naming it',
    (nodeEnv) => {
      const make = () => new PasswordHasher({ nodeEnv, passwordHashCost: 'test-minimal' });
      expect(make).toThrow(ConfigError);
      expect(make).toThrow(`passwordHashCost 'test-minimal' is for the test suite only`);
      expect(make).toThrow(`NODE_ENV=${nodeEnv}`);
    },
  );

  it('writes the parameters into each hash, so either hasher verifies the other’s', async () => {
    const fromStandard = await standard.hash('a-password-of-some-length');
    const fromMinimal = await minimal.hash('a-password-of-some-length');
    expect(fromStandard).toMatch(/^\$argon2id\$v=19\$m=65536,p=4,t=3\$/);
    expect(fromMinimal).toMatch(/^\$argon2id\$v=19\$m=1024,p=1,t=1\$/);
    for (const hasher of [standard, minimal]) {
      for (const hash of [fromStandard, fromMinimal]) {
        expect(await hasher.verify(hash, 'a-password-of-some-length')).toBe(true);
        expect(await hasher.verify(hash, 'another-password-entirely')).toBe(false);
      }
      expect(await hasher.verify(undefined, 'a-password-of-some-length')).toBe(false);
    }
  });
});

describe('a test app started from the migrated snapshot', () => {
  let snapshot: TestApp;
  let migrated: TestApp;

  beforeAll(async () => {
    // On a PostgreSQL server there is no snapshot, and the shared database's first clinic was
    // made by whichever file ran first: a database of its own bootstraps this app's.
    snapshot = await startTestApp(onPostgresServer ? { freshDatabase: true } : {});
    migrated = await startTestApp({ freshDatabase: true });
  }, 180_000);
  afterAll(async () => {
    await Promise.all([snapshot?.close(), migrated?.close()]);
  });

  it(`starts from it on PGlite only; first-start tests migrate (${onPostgresServer ? 'PostgreSQL server' : 'PGlite'})`, async () => {
    const fromSnapshot = (t: TestApp) =>
      t.config.database.kind === 'pglite' && t.config.database.loadDataDir !== undefined;
    expect(fromSnapshot(snapshot)).toBe(!onPostgresServer);
    expect(fromSnapshot(migrated)).toBe(false);
    expect((await testConfig({}, { migrate: true })).database).not.toHaveProperty('loadDataDir');
  });

  it('has every committed migration applied, as a real start records them', async () => {
    const journal = JSON.parse(readFileSync('drizzle/meta/_journal.json', 'utf8')) as {
      entries: { when: number }[];
    };
    for (const t of [snapshot, migrated]) {
      const applied = await rowsOf(
        t,
        sql`SELECT created_at FROM drizzle.__drizzle_migrations ORDER BY created_at`,
      );
      expect(applied.map((r) => Number(r.created_at))).toEqual(journal.entries.map((e) => e.when));
    }
  });

  it('has the same tables, columns, constraints, indexes, triggers and extensions as a migrated one', async () => {
    expect(await schemaOf(snapshot)).toEqual(await schemaOf(migrated));
    expect((await schemaOf(snapshot)).columns.length).toBeGreaterThan(100);
  });

  it('bootstraps its own first clinic and admin, who signs in', async () => {
    const { adminEmail, adminPassword } = snapshot.config.bootstrap;
    expect(adminEmail).toMatch(/^bootstrap-[0-9a-f]{10}@clinic\.example$/);
    expect(adminEmail).not.toBe(migrated.config.bootstrap.adminEmail);
    const res = await snapshot.api.post('/auth/login', {
      email: adminEmail,
      password: adminPassword,
    });
    expect(res.status).toBe(200);
    expect(res.body.user).toMatchObject({ email: adminEmail, role: 'ADMIN' });
  });
});

const Rows = z.object({ rows: z.array(z.record(z.string(), z.unknown())) });

async function rowsOf(t: TestApp, query: SQL): Promise<Record<string, unknown>[]> {
  return Rows.parse(await t.app.get(TransactionRunner).db.execute(query)).rows;
}

/** The public schema as the catalog describes it, in a stable order. */
async function schemaOf(t: TestApp) {
  const rows = (query: SQL) => rowsOf(t, query);
  return {
    columns: await rows(sql`
      SELECT table_name, column_name, data_type, is_nullable, column_default
      FROM information_schema.columns WHERE table_schema = 'public'
      ORDER BY table_name, column_name`),
    constraints: await rows(sql`
      SELECT conrelid::regclass::text AS on_table, conname, pg_get_constraintdef(oid) AS def
      FROM pg_constraint WHERE connamespace = 'public'::regnamespace
      ORDER BY 1, 2`),
    indexes: await rows(sql`
      SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' ORDER BY 1`),
    triggers: await rows(sql`
      SELECT tgrelid::regclass::text AS on_table, tgname, pg_get_triggerdef(oid) AS def
      FROM pg_trigger WHERE NOT tgisinternal ORDER BY 1, 2`),
    functions: await rows(sql`
      SELECT proname, pg_get_functiondef(oid) AS def FROM pg_proc
      WHERE pronamespace = 'public'::regnamespace AND prokind = 'f' ORDER BY 1, 2`),
    extensions: await rows(sql`SELECT extname, extversion FROM pg_extension ORDER BY 1`),
  };
}
