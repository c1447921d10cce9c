import { readFileSync } from 'node:fs';
import { freePort, runNode, type ServerProcess } from '../../support/server-process';

export const JWT_SECRET = 'faults-test-secret-0123456789-0123456789';
export const ADMIN = { email: 'owner@faults.example', password: 'faults-test-password' };

/** Where the server keeps its data: a PostgreSQL database, or a PGlite folder. */
export type Store = { databaseUrl: string } | { pgliteDataDir: string };

export interface RunningServer extends ServerProcess {
  baseUrl: string;
  /** Milliseconds from spawn to the first 200 of /health/ready. */
  startupMs: number;
}

/** `node dist/main.js` on `store`, with the bootstrap admin, ready when /health/ready says 200. */
export async function startServer(
  store: Store,
  extra: Record<string, string> = {},
): Promise<RunningServer> {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    LOG_LEVEL: 'warn',
    NODE_ENV: 'production',
    JWT_SECRET,
    BOOTSTRAP_ADMIN_EMAIL: ADMIN.email,
    BOOTSTRAP_ADMIN_PASSWORD: ADMIN.password,
    BOOTSTRAP_CLINIC_NAME: 'Faults Clinic',
    PORT: String(port),
    HOST: '127.0.0.1',
    ...extra,
  };
  delete env.DATABASE_URL;
  delete env.PGLITE_DATA_DIR;
  if ('databaseUrl' in store) env.DATABASE_URL = store.databaseUrl;
  else env.PGLITE_DATA_DIR = store.pgliteDataDir;
  const started = Date.now();
  const proc = runNode('dist/main.js', [], env);
  let exitCode: number | null | undefined;
  void proc.exited.then((code) => (exitCode = code));
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (exitCode !== undefined) throw new Error(`server exited (${exitCode}):\n${proc.output()}`);
    try {
      const res = await fetch(`http://127.0.0.1:${port}/health/ready`);
      if (res.status === 200) {
        return {
          ...proc,
          port,
          baseUrl: `http://127.0.0.1:${port}`,
          startupMs: Date.now() - started,
        };
      }
    } catch {
      // not listening yet
    }
    await sleep(100);
  }
  proc.child.kill('SIGKILL');
  throw new Error(`server not ready in time:\n${proc.output()}`);
}

export async function kill(
  server: ServerProcess,
  signal: NodeJS.Signals = 'SIGKILL',
): Promise<number | null> {
  if (server.child.exitCode === null && server.child.signalCode === null) server.child.kill(signal);
  return server.exited;
}

/** The process's resident set size in MB (Linux /proc). */
export function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = /VmRSS:\s+(\d+) kB/.exec(status)?.[1];
  if (kb === undefined) throw new Error(`no VmRSS for ${pid}`);
  return Number(kb) / 1024;
}

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
