import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { Client } from 'pg';
import { sleep } from './server';

// The local server the suite shares with other runs (trust auth for postgres on 127.0.0.1).
const ADMIN_URL = process.env.FAULTS_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export interface ScratchDatabase {
  url: string;
  name: string;
  drop(): Promise<void>;
}

/** A fresh database `contour_faults_<random>` on the local server, dropped by `drop()`. */
export async function scratchDatabase(): Promise<ScratchDatabase> {
  const name = `contour_faults_${randomBytes(4).toString('hex')}`;
  await adminQuery(`CREATE DATABASE ${name}`);
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    name,
    drop: () => adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}

async function adminQuery(text: string): Promise<void> {
  const client = new Client({ connectionString: ADMIN_URL });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

function cluster(action: 'stop' | 'start'): void {
  const version = readdirSync('/etc/postgresql')[0];
  if (version === undefined) throw new Error('no cluster under /etc/postgresql');
  execFileSync('pg_ctlcluster', ['--skip-systemctl-redirect', version, 'main', action], {
    stdio: 'pipe',
  });
}

export function stopPostgres(): void {
  cluster('stop');
}

/** Starts the cluster (a no-op error when it runs already is ignored) and waits for pg_isready. */
export async function startPostgres(): Promise<void> {
  try {
    cluster('start');
  } catch {
    // already running: pg_isready decides
  }
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    try {
      execFileSync('pg_isready', ['-h', '127.0.0.1', '-q']);
      return;
    } catch {
      await sleep(200);
    }
  }
  throw new Error('PostgreSQL did not come back within 60 s');
}
