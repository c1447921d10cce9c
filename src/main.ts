import 'reflect-metadata';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { join } from 'node:path';
import { createApp } from './app.factory';
import { ConfigError, loadConfig, webAppUrl } from './common/config/app-config';
import { DataDirLocked } from './common/database/data-dir-lock';
import { createLogger } from './common/logging/logger';
import { Icd10Catalog } from './modules/codes';
import { HealthService } from './modules/health/services/health.service';

/** How long after listening the ICD-10-CM code set is read: after the first readiness checks. */
const WARM_CODES_AFTER_MS = 1_000;

const SHUTDOWN_GRACE_MS = 20_000;

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  if (config.jwt.generated) {
    logger.warn(
      'JWT_SECRET is not set: using a random secret for this run only. Tokens stop working at the next ' +
        'start, and several instances cannot share sessions. Set JWT_SECRET (32+ characters) outside development.',
    );
  }
  const app = await createApp(config, logger, { webRoot: join(__dirname, 'web') });
  installShutdown(app, logger);
  await app.listen({ host: config.host, port: config.port });
  logger.info(
    {
      url: webAppUrl(config),
      database:
        config.database.kind === 'postgres' ? 'postgres' : `pglite:${config.database.dataDir}`,
    },
    'Contour is listening: the web app at /, API docs at /api/docs',
  );
  setTimeout(() => app.get(Icd10Catalog).warm(), WARM_CODES_AFTER_MS).unref();
}

/** SIGTERM/SIGINT: stop taking requests, finish those in flight, then close the database cleanly. */
function installShutdown(
  app: NestFastifyApplication,
  logger: ReturnType<typeof createLogger>,
): void {
  let closing = false;
  const shutdown = (signal: NodeJS.Signals): void => {
    if (closing) return;
    closing = true;
    logger.info({ signal }, 'shutting down: draining requests');
    app.get(HealthService).markShuttingDown();
    const force = setTimeout(() => {
      logger.error('shutdown took too long; exiting');
      process.exit(1);
    }, SHUTDOWN_GRACE_MS);
    force.unref();
    app
      .close()
      .then(() => {
        logger.info('shutdown complete');
        process.exit(0);
      })
      .catch((error: unknown) => {
        logger.error(
          { err: error instanceof Error ? error.constructor.name : typeof error },
          'shutdown failed',
        );
        process.exit(1);
      });
  };
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof DataDirLocked) {
    process.stderr.write(`${error.message}\n`);
  } else {
    process.stderr.write(
      `Contour failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
  }
  process.exit(1);
});
