import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { ADMIN, JWT_SECRET } from '../../faults/support/server';

const run = promisify(execFile);
const SCRIPT = resolve(__dirname, '../../../deploy/cluster.sh');

/** The ports deploy/cluster.sh uses from its base (CONTOUR_CLUSTER_PORT_BASE). */
export const BASE = Number(process.env.CONTOUR_CLUSTER_PORT_BASE ?? 24000);
export const PUBLIC_URL = `http://127.0.0.1:${BASE + 80}`;
export const WRITE_URL = `postgres://postgres@127.0.0.1:${BASE + 500}/contour`;
export const READ_URL = `postgres://postgres@127.0.0.1:${BASE + 501}/contour`;

const env: NodeJS.ProcessEnv = {
  ...process.env,
  CONTOUR_CLUSTER_DIR: process.env.CONTOUR_CLUSTER_DIR ?? '/tmp/contour-cluster-test',
  CONTOUR_CLUSTER_JWT_SECRET: JWT_SECRET,
  CONTOUR_CLUSTER_ADMIN_EMAIL: ADMIN.email,
  CONTOUR_CLUSTER_ADMIN_PASSWORD: ADMIN.password,
};

/** Runs `deploy/cluster.sh <args>`, answering its standard output. */
export async function cluster(...args: string[]): Promise<string> {
  const { stdout } = await run(SCRIPT, args, { env, maxBuffer: 1 << 20, timeout: 600_000 });
  return stdout;
}

export interface Pids {
  nodes: { name: string; index: number; patroni: number; postmaster: number; rest: number }[];
  instances: { name: string; index: number; pid: number; port: number }[];
}

/** What runs where (`cluster.sh pids`). */
export async function pids(): Promise<Pids> {
  const out = await cluster('pids');
  const result: Pids = { nodes: [], instances: [] };
  for (const line of out.trim().split('\n')) {
    const [name = '', ...pairs] = line.split(' ');
    const f = Object.fromEntries(pairs.map((p) => p.split('=') as [string, string]));
    const index = Number(name.replace(/\D/g, ''));
    if (name.startsWith('pg')) {
      result.nodes.push({
        name,
        index,
        patroni: Number(f.patroni),
        postmaster: Number(f.postmaster),
        rest: Number(f.rest),
      });
    } else {
      result.instances.push({ name, index, pid: Number(f.pid), port: Number(f.port) });
    }
  }
  return result;
}

/** Patroni's REST answer for `path` on the node at `rest`: the HTTP status, 0 when it is down. */
export async function patroni(rest: number, path: string): Promise<number> {
  try {
    const res = await fetch(`http://127.0.0.1:${rest}${path}`, {
      signal: AbortSignal.timeout(2_000),
    });
    await res.arrayBuffer();
    return res.status;
  } catch {
    return 0;
  }
}

/** Patroni's view of the cluster: each member's name, role and state. */
export async function members(
  rest: number,
): Promise<{ name: string; role: string; state: string }[]> {
  try {
    const res = await fetch(`http://127.0.0.1:${rest}/cluster`, {
      signal: AbortSignal.timeout(2_000),
    });
    return ((await res.json()) as { members: { name: string; role: string; state: string }[] })
      .members;
  } catch {
    return [];
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((done) => setTimeout(done, ms));
}

/** Polls `check` every 200 ms until it holds; throws after `seconds`. */
export async function waitUntil(
  what: string,
  seconds: number,
  check: () => Promise<boolean>,
): Promise<void> {
  const deadline = Date.now() + seconds * 1000;
  while (Date.now() < deadline) {
    if (await check()) return;
    await sleep(200);
  }
  throw new Error(`${what}: not after ${seconds} s`);
}
