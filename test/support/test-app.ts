import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { Client } from 'pg';
import { inject } from 'vitest';
import { createApp } from '../../src/app.factory';
import { loadConfig, type AppConfig } from '../../src/common/config/app-config';
import { Api } from './api';

export const TEST_JWT_SECRET = 'test-secret-that-is-long-enough-for-hs256-0123456789';

export interface TestApp {
  app: NestFastifyApplication;
  api: Api;
  config: AppConfig;
  close(): Promise<void>;
}

/**
 * The real service over a real database: PGlite in memory by default, or the PostgreSQL server
 * in DATABASE_URL (CI's second run). `freshDatabase` gives the test a database of its own on that
 * server too (for first-start behaviour); otherwise test files share it, kept apart by clinic.
 * Each app bootstraps its own first clinic and admin (BOOTSTRAP_*), as a first start does.
 */
export async function startTestApp(
  options: { env?: Record<string, string>; freshDatabase?: boolean; webRoot?: string } = {},
): Promise<TestApp> {
  const serverUrl = process.env.DATABASE_URL;
  const fresh =
    options.freshDatabase && serverUrl ? await createScratchDatabase(serverUrl) : undefined;
  const config = await testConfig(
    { ...(fresh ? { DATABASE_URL: fresh.url } : {}), ...options.env },
    { migrate: options.freshDatabase === true },
  );
  const app = await createApp(
    config,
    undefined,
    options.webRoot === undefined ? {} : { webRoot: options.webRoot },
  );
  return {
    app,
    api: new Api(app),
    config,
    async close() {
      await app.close();
      await fresh?.drop();
    },
  };
}

/**
 * The configuration of every test app, `env` over the suite's defaults, with the suite's two
 * shortcuts (docs/testing.md): an in-memory PGlite starts from the migrated snapshot (unless
 * `migrate`: the first-start tests apply the migrations as a real start does), and passwords
 * are hashed at argon2id's test-only minimal cost.
 */
export async function testConfig(
  env: Record<string, string> = {},
  options: { migrate?: boolean } = {},
): Promise<AppConfig> {
  const serverUrl = process.env.DATABASE_URL;
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    JWT_SECRET: TEST_JWT_SECRET,
    PGLITE_DATA_DIR: 'memory://',
    // An empty database bootstraps its first clinic from these, quietly (no printed demo password).
    BOOTSTRAP_ADMIN_EMAIL: `bootstrap-${randomBytes(5).toString('hex')}@clinic.example`,
    BOOTSTRAP_ADMIN_PASSWORD: randomBytes(12).toString('base64url'),
    ...(serverUrl ? { DATABASE_URL: serverUrl, DATABASE_POOL_SIZE: '10' } : {}),
    // No test works jobs unless it asks (test/reminders.test.ts): a job is sent, never run.
    JOBS_WORKER: 'false',
    ...env,
  });
  const { database } = config;
  const snapshot =
    database.kind === 'pglite' && database.dataDir.startsWith('memory://') && !options.migrate
      ? await migratedSnapshot()
      : undefined;
  return {
    ...config,
    passwordHashCost: 'test-minimal',
    database:
      database.kind === 'pglite' && snapshot ? { ...database, loadDataDir: snapshot } : database,
  };
}

let snapshot: Promise<Blob> | undefined;

/** The snapshot the api project's globalSetup (pglite-snapshot.ts) built; none on PostgreSQL. */
function migratedSnapshot(): Promise<Blob> | undefined {
  const file = inject('pgliteSnapshot');
  if (!file) return undefined;
  snapshot ??= readFile(file).then((bytes) => new Blob([bytes]));
  return snapshot;
}

/** Whether the suite runs against a PostgreSQL server (concurrency tests need one). */
export const onPostgresServer = Boolean(process.env.DATABASE_URL);

async function createScratchDatabase(
  serverUrl: string,
): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `contour_scratch_${randomBytes(6).toString('hex')}`;
  const admin = new Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const c = new Client({ connectionString: serverUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}
