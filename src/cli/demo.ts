import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { AppModule } from '../app.module';
import { ConfigError, loadConfig } from '../common/config/app-config';
import { DataDirLocked } from '../common/database/data-dir-lock';
import { createLogger, NestPinoLogger } from '../common/logging/logger';
import { DEMO_CLINIC_NAME } from './demo/demo-data';
import { DemoStepFailed, loadDemo, type DemoAccount } from './demo/load-demo';

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
    write(accountsTable(summary.clinicName, summary.accounts));
  } finally {
    await app.close();
  }
}

function write(line: string): void {
  process.stdout.write(`${line}\n`);
}

/** The sign-ins, with the passwords of the accounts this run created: they are printed only now. */
function accountsTable(clinicName: string, accounts: readonly DemoAccount[]): string {
  const rows = accounts.map((a) => [
    a.role,
    a.name,
    a.email,
    a.password ?? 'exists (password unchanged)',
  ]);
  const header = ['role', 'name', 'email', 'password'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]?.length ?? 0)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  const anyNew = accounts.some((a) => a.password !== undefined);
  return [
    `Sign in to "${clinicName}" (POST /api/v1/auth/login) as:`,
    '',
    line(header),
    line(widths.map((w) => '-'.repeat(w))),
    ...rows.map(line),
    '',
    ...(anyNew
      ? ['These passwords are printed once and never again: note them now.']
      : ['Forgotten a password? The admin can set a new one (PATCH /api/v1/users/:id).']),
    'Start the server with `npm start` and open http://127.0.0.1:3000/api/docs.',
  ].join('\n');
}

main().catch((error: unknown) => {
  if (error instanceof DataDirLocked) {
    process.stderr.write(
      `${error.message} The demo loads with the server stopped: stop it, run \`npm run demo\`, then \`npm start\` again.\n`,
    );
  } else if (error instanceof ConfigError) {
    process.stderr.write(`${error.message}\n`);
  } else if (error instanceof DemoStepFailed) {
    process.stderr.write(`demo: ${error.message}\n`);
    // Accounts this run created keep the passwords printed here: a rerun finds them and goes on.
    if (error.accounts.some((a) => a.password !== undefined))
      write(`\n${accountsTable(DEMO_CLINIC_NAME, error.accounts)}`);
  } else {
    process.stderr.write(
      `demo failed: ${error instanceof Error ? error.message : String(error)}\n`,
    );
  }
  process.exit(1);
});
