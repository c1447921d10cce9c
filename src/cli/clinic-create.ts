import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { AppModule } from '../app.module';
import { ConfigError, loadConfig } from '../common/config/app-config';
import { DataDirLocked } from '../common/database/data-dir-lock';
import { DomainError } from '../common/errors/domain-error';
import { createLogger, NestPinoLogger } from '../common/logging/logger';
import { ClinicName, TimeZoneName } from '../modules/clinic/dto/clinic.dto';
import { ClinicService } from '../modules/clinic/services/clinic.service';
import { Email, Password } from '../modules/user/dto/user.dto';

const USAGE =
  'Usage: npm run clinic:create -- --name "Other Clinic" --admin-email admin@other.example ' +
  "--admin-password '<12+ characters>' [--admin-name 'Dr. A. Admin'] " +
  '[--time-zone America/Chicago]';

const Args = z.object({
  name: ClinicName,
  'admin-email': Email,
  'admin-password': Password,
  'admin-name': z.string().trim().min(1).max(200).optional(),
  'time-zone': TimeZoneName.optional(),
});

/** Creates another clinic (tenant) with its first ADMIN, through the same service the API uses. */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      name: { type: 'string' },
      'admin-email': { type: 'string' },
      'admin-password': { type: 'string' },
      'admin-name': { type: 'string' },
      'time-zone': { type: 'string' },
    },
    strict: true,
  });
  const args = Args.safeParse(values);
  if (!args.success) {
    const problems = args.error.issues
      .map((i) => `  --${i.path.join('.')}: ${i.message}`)
      .join('\n');
    throw new UsageError(`${problems}\n${USAGE}`);
  }
  const config = loadConfig();
  const logger = createLogger(config.logLevel === 'info' ? 'warn' : config.logLevel);
  const app = await NestFactory.createApplicationContext(
    AppModule.forRoot(config, logger, { serve: false }),
    {
      logger: new NestPinoLogger(logger),
      abortOnError: false,
    },
  );
  try {
    const created = await app.get(ClinicService).createClinicWithAdmin({
      name: args.data.name,
      adminEmail: args.data['admin-email'],
      adminPassword: args.data['admin-password'],
      adminName: args.data['admin-name'],
      timeZone: args.data['time-zone'],
    });
    process.stdout.write(
      `Created clinic "${args.data.name}" (${created.clinicId}, times in ${created.timeZone}) with admin ${created.adminEmail} (${created.adminId}).\n`,
    );
  } finally {
    await app.close();
  }
}

class UsageError extends Error {}

main().catch((error: unknown) => {
  if (
    error instanceof UsageError ||
    error instanceof ConfigError ||
    error instanceof DataDirLocked
  ) {
    process.stderr.write(`${error.message}\n`);
  } else if (error instanceof DomainError) {
    process.stderr.write(`Not created: ${error.message}\n`);
  } else if (
    error instanceof TypeError &&
    'code' in error &&
    String(error.code).startsWith('ERR_PARSE_ARGS')
  ) {
    process.stderr.write(`${error.message}\n${USAGE}\n`);
  } else {
    process.stderr.write(
      `clinic:create failed: ${error instanceof Error ? error.message : String(error)}\n`,
    );
  }
  process.exit(1);
});
