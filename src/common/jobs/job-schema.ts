import PgBoss from 'pg-boss';
import type { JobSql } from './job-sql';

/** The PostgreSQL schema pg-boss keeps its queues and jobs in. */
export const JOB_SCHEMA = 'pgboss';

/**
 * Creates pg-boss's tables when the database has none: run at migrate time, after Drizzle's
 * migrations, so a migrated database (and the test suite's PGlite snapshot) has them. A newer
 * pg-boss upgrades its own schema when the queue starts (`JobQueue`, pg-boss's `migrate`).
 * pg-boss's script takes an advisory lock and tolerates a concurrent creator.
 */
export async function installJobSchema(db: JobSql): Promise<void> {
  const { rows } = await db.executeSql(
    `SELECT to_regclass('${JOB_SCHEMA}.version') IS NOT NULL AS installed`,
  );
  if ((rows[0] as { installed: boolean } | undefined)?.installed) return;
  await db.executeSql(PgBoss.getConstructionPlans(JOB_SCHEMA));
}
