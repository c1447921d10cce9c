import { ConfigError, loadConfig } from '../common/config/app-config';
import { DataDirLocked } from '../common/database/data-dir-lock';
import { openDatabase } from '../common/database/database';

/** Applies the committed migrations under drizzle/ (the server also does this at start-up). */
async function main(): Promise<void> {
  const config = loadConfig();
  const database = await openDatabase(config.database);
  try {
    await database.migrate();
    process.stdout.write(`Migrations applied (${database.kind}).\n`);
  } finally {
    await database.close();
  }
}

main().catch((error: unknown) => {
  const known = error instanceof ConfigError || error instanceof DataDirLocked;
  process.stderr.write(
    `${known || !(error instanceof Error) ? String(error instanceof Error ? error.message : error) : (error.stack ?? error.message)}\n`,
  );
  process.exit(1);
});
