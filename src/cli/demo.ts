import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { AppModule } from '../app.module';
import { ConfigError, loadConfig, webAppUrl } from '../common/config/app-config';
import { DataDirLocked } from '../common/database/data-dir-lock';
import { createLogger, NestPinoLogger } from '../common/logging/logger';
import { accountsTable } from './demo/accounts-table';
import { DEMO_CLINIC_NAME } from './demo/demo-data';
import { DemoStepFailed, loadDemo } from './demo/load-demo';

/** `npm run demo`: loads the demo clinic (docs/demo.md) through the services, without HTTP. */
async function main(): Promise<void> {
  const config = loadConfig();
  // The output is for people: every failure is reported below in one line, so by default the
  // JSON logs stay quiet (LOG_LEVEL=debug shows them).
  const logger = createLogger(config.logLevel === 'info' ? 'fatal' : config.logLevel);
  const app = await NestFactory.createApplicationContext(
    AppModule.forRoot(config, logger, { serve: false }),
    { logger: new NestPinoLogger(logger), abortOnError: false },
  );
  try {
    const where =
      config.database.kind === 'postgres'
        ? 'the PostgreSQL database of DATABASE_URL'
        : `the embedded database at ${config.database.dataDir}`;
    write(`Loading the Contour demo into ${where}.`);
    const summary = await loadDemo(app, write);
    write('');
    write(accountsTable(summary.clinicName, summary.accounts, webAppUrl(config)));
  } catch (error) {
    if (!(error instanceof DemoStepFailed)) throw error;
    process.stderr.write(`demo: ${error.message}\n`);
    // Accounts this run created keep the passwords printed here: a rerun finds them and goes on.
    if (error.accounts.some((a) => a.password !== undefined))
      write(`\n${accountsTable(DEMO_CLINIC_NAME, error.accounts, webAppUrl(config))}`);
    process.exitCode = 1;
  } finally {
    await app.close();
  }
}

function write(line: string): void {
  process.stdout.write(`${line}\n`);
}

main().catch((error: unknown) => {
  if (error instanceof DataDirLocked) {
    process.stderr.write(
      `${error.message} The demo loads with the server stopped: stop it, run \`npm run demo\`, then \`npm start\` again.\n`,
    );
  } else if (error instanceof ConfigError) {
    process.stderr.write(`${error.message}\n`);
  } else {
    process.stderr.write(
      `demo failed: ${error instanceof Error ? error.message : String(error)}\n`,
    );
  }
  process.exit(1);
});
