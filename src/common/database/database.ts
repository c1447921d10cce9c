import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import { drizzle as drizzleNodePg } from 'drizzle-orm/node-postgres';
import { migrate as migrateNodePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { Client, Pool } from 'pg';
import type { AppConfig } from '../config/app-config';
import { installJobSchema } from '../jobs/job-schema';
import type { JobSql } from '../jobs/job-sql';
import { lockDataDir } from './data-dir-lock';
import { useNamedStatements } from './prepared-query';

/** The one database handle type every repository takes: a connection or an open transaction. */
export type Db = PgDatabase<PgQueryResultHKT>;

// Migrations are committed SQL under drizzle/ at the project root (src/ and dist/ sit at the same depth).
const MIGRATIONS_FOLDER = resolve(__dirname, '../../../drizzle');
// Any constant works: it only has to be the same for every Contour instance migrating one database.
const MIGRATION_LOCK_KEY = 0x636f6e74;

export interface Database {
  readonly kind: 'postgres' | 'pglite';
  readonly db: Db;
  /**
   * The read replica's handle when `DATABASE_READ_URL` is set: only for read-only snapshots that
   * may trail the primary by what its replication allows (`TransactionRunner.runReadOnly`).
   */
  readonly replicaDb?: Db;
  /**
   * Where the job queue's own SQL runs (src/common/jobs): the pool, or PGlite's one connection
   * through its public `query`/`exec`, which wait for an open transaction to end, so a worker's
   * statement never runs inside a use case's transaction.
   */
  readonly jobSql: JobSql;
  migrate(): Promise<void>;
  ping(): Promise<void>;
  close(): Promise<void>;
}

export async function openDatabase(config: AppConfig['database']): Promise<Database> {
  return config.kind === 'postgres'
    ? openPostgres(config)
    : await openPglite(config.dataDir, config.loadDataDir);
}

/**
 * An empty in-memory PGlite database with every migration applied, as the data-folder tarball
 * PGlite's `dumpDataDir` writes: what `loadDataDir` (AppConfig's database) starts from. The test
 * suite builds it once and starts each file's app from it (docs/testing.md).
 */
export async function migratedPgliteDataDir(): Promise<Blob> {
  const client = await createPglite('memory://');
  try {
    await migratePglite(drizzlePglite(client), { migrationsFolder: MIGRATIONS_FOLDER });
    await installJobSchema(pgliteJobSql(client));
    // Uncompressed: loading it is then a copy, and it stays in memory or a cache folder only.
    return await client.dumpDataDir('none');
  } finally {
    await client.close();
  }
}

function openPool(url: string, poolSize: number): Pool {
  const pool = new Pool({
    connectionString: url,
    max: poolSize,
    connectionTimeoutMillis: 5_000,
    idleTimeoutMillis: 30_000,
  });
  // A client losing its server must not crash the process; its next query reports it (a 503).
  // The pool listens on idle clients only: a checked-out one between two statements of a
  // transaction would emit an unhandled 'error' (PgBouncer's FATAL "server conn crashed?" when
  // the leader dies, docs/deployment.md), so every client gets its own listener.
  pool.on('error', () => undefined);
  pool.on('connect', (client) => client.on('error', () => undefined));
  return pool;
}

function openPostgres(config: Extract<AppConfig['database'], { kind: 'postgres' }>): Database {
  const { url, poolSize, readUrl } = config;
  useNamedStatements(config.preparedStatements);
  const pool = openPool(url, poolSize);
  const replicaPool = readUrl === undefined ? undefined : openPool(readUrl, poolSize);
  const db = drizzleNodePg(pool);
  const jobSql: JobSql = {
    executeSql: async (text, values) => pool.query(text, values),
  };
  return {
    kind: 'postgres',
    db,
    ...(replicaPool ? { replicaDb: drizzleNodePg(replicaPool) } : {}),
    jobSql,
    async migrate() {
      // Several instances may start at once against one server: migrate one at a time. The lock
      // is a transaction's, held open on a connection of its own (outside the pool, so a pool of
      // one still has a connection for the migrations) while the migrations run: behind
      // PgBouncer in transaction mode a session lock and its unlock could land on two different
      // server connections, and the lock would never be released (docs/deployment.md).
      const lock = new Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
      lock.on('error', () => undefined);
      await lock.connect();
      try {
        await lock.query('BEGIN');
        await lock.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK_KEY]);
        await migrateNodePg(db, { migrationsFolder: MIGRATIONS_FOLDER });
        await installJobSchema(jobSql);
      } finally {
        // The transaction wrote nothing: ending it, or the connection, releases the lock.
        await lock.query('ROLLBACK').catch(() => undefined);
        await lock.end().catch(() => undefined);
      }
    },
    async ping() {
      await db.execute(sql`SELECT 1`);
    },
    async close() {
      await Promise.all([pool.end(), replicaPool?.end()]);
    },
  };
}

/**
 * PGlite's start parameters: its defaults, with a smaller buffer cache than PostgreSQL's 128 MB.
 * PGlite's shared memory lives in the process's WebAssembly heap and is all touched at start, so
 * it is resident memory for the life of the process; pages it does not cache are read from the
 * data folder through the operating system's page cache (docs/performance.md "PGlite").
 */
const PGLITE_START_PARAMS = [...PGlite.defaultStartParams, '-c', 'shared_buffers=16MB'];

/**
 * A new data folder's `initdb`, in a child process: PGlite runs it in two more WebAssembly
 * instances besides its own, and the server would keep their high-water mark (about 850 MB) as
 * resident memory for good; a child returns it all when it exits (docs/performance.md "PGlite").
 */
async function initPgliteDataDir(dataDir: string): Promise<void> {
  const script =
    'const [m, dir, params] = process.argv.slice(1);' +
    'require(m).PGlite.create(dir, { startParams: JSON.parse(params) })' +
    '.then((c) => c.close()).catch((e) => { console.error(e); process.exit(1); });';
  await promisify(execFile)(process.execPath, [
    '-e',
    script,
    require.resolve('@electric-sql/pglite'),
    dataDir,
    JSON.stringify(PGLITE_START_PARAMS),
  ]);
}

async function createPglite(dataDir: string, loadDataDir?: Blob): Promise<PGlite> {
  // The contrib extensions ship as ES modules only in their type declarations' eyes: load them dynamically.
  const [{ btree_gist }, { pg_trgm }] = await Promise.all([
    import('@electric-sql/pglite/contrib/btree_gist'),
    import('@electric-sql/pglite/contrib/pg_trgm'),
  ]);
  return PGlite.create(dataDir, {
    extensions: { btree_gist, pg_trgm },
    startParams: PGLITE_START_PARAMS,
    ...(loadDataDir ? { loadDataDir } : {}),
  });
}

async function openPglite(dataDir: string, loadDataDir: Blob | undefined): Promise<Database> {
  const inMemory = dataDir.startsWith('memory://');
  // A folder on disk holds a database of its own after its first start: there is nothing to load.
  if (loadDataDir && !inMemory)
    throw new Error('loadDataDir needs an in-memory (memory://) PGlite');
  const lock = inMemory ? undefined : lockDataDir(dataDir);
  let client: PGlite;
  try {
    const folder = resolve(dataDir);
    if (!inMemory && !existsSync(join(folder, 'PG_VERSION'))) await initPgliteDataDir(folder);
    client = await createPglite(inMemory ? dataDir : resolve(dataDir), loadDataDir);
  } catch (error) {
    lock?.release();
    throw error;
  }
  const db = drizzlePglite(client);
  let closed = false;
  const jobSql = pgliteJobSql(client);
  return {
    kind: 'pglite',
    db,
    jobSql,
    async migrate() {
      await migratePglite(db, { migrationsFolder: MIGRATIONS_FOLDER });
      await installJobSchema(jobSql);
    },
    async ping() {
      if (closed) throw new Error('database closed');
      await db.execute(sql`SELECT 1`);
    },
    async close() {
      if (closed) return;
      closed = true;
      try {
        await client.close();
      } finally {
        lock?.release();
      }
    },
  };
}

/**
 * PGlite's one connection for the job queue: a statement with values through `query`, a script
 * (pg-boss's BEGIN … COMMIT commands) through `exec`, answering its last statement's rows. Both
 * take PGlite's transaction lock: they wait for an open transaction instead of joining it.
 */
function pgliteJobSql(client: PGlite): JobSql {
  return {
    async executeSql(text, values) {
      if (values && values.length > 0) return client.query(text, values);
      const results = await client.exec(text);
      return { rows: results.at(-1)?.rows ?? [] };
    },
  };
}
