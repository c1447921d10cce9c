import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import pino from 'pino';
import { createApp } from '../../src/app.factory';
import { loadConfig } from '../../src/common/config/app-config';
import { createLogger } from '../../src/common/logging/logger';
import { Api } from './api';
import { TEST_JWT_SECRET, type TestApp } from './test-app';

/** The app as `startTestApp` builds it, logging at `level` into memory instead of stdout. */
export interface LoggedTestApp extends TestApp {
  /** Every line the app has logged so far. */
  log(): string;
}

/**
 * The production logger (`createLogger`: its serializers and redaction are what is under test),
 * with its destination swapped for an in-memory stream before the app creates any child logger,
 * so Fastify's request logs, Nest's messages and the error filter's lines all land here.
 */
export async function startAppWithCapturedLog(level = 'trace'): Promise<LoggedTestApp> {
  const lines: string[] = [];
  const logger = createLogger(level);
  Reflect.set(
    logger,
    pino.symbols.streamSym,
    new Writable({
      write(chunk: Buffer | string, _encoding, done) {
        lines.push(chunk.toString());
        done();
      },
    }),
  );
  const serverUrl = process.env.DATABASE_URL;
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: level,
    JWT_SECRET: TEST_JWT_SECRET,
    PGLITE_DATA_DIR: 'memory://',
    BOOTSTRAP_ADMIN_EMAIL: `bootstrap-${randomBytes(5).toString('hex')}@clinic.example`,
    BOOTSTRAP_ADMIN_PASSWORD: randomBytes(12).toString('base64url'),
    ...(serverUrl ? { DATABASE_URL: serverUrl, DATABASE_POOL_SIZE: '10' } : {}),
  });
  const app = await createApp(config, logger);
  return {
    app,
    api: new Api(app),
    config,
    log: () => lines.join(''),
    close: () => app.close(),
  };
}
