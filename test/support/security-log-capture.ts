import { Writable } from 'node:stream';
import pino from 'pino';
import { createApp } from '../../src/app.factory';
import { createLogger } from '../../src/common/logging/logger';
import { Api } from './api';
import { testConfig, type TestApp } from './test-app';

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
export async function startAppWithCapturedLog(
  level = 'trace',
  env: Record<string, string> = {},
): Promise<LoggedTestApp> {
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
  const config = await testConfig({ ...env, LOG_LEVEL: level });
  const app = await createApp(config, logger);
  return {
    app,
    api: new Api(app),
    config,
    log: () => lines.join(''),
    close: () => app.close(),
  };
}
