import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { resolve } from 'node:path';

export const ROOT = resolve(__dirname, '../..');

/** The built service (`dist/`), run as a user runs it: a separate Node process. */
export interface ServerProcess {
  child: ChildProcess;
  port: number;
  output(): string;
  exited: Promise<number | null>;
}

export async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  server.close();
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

/**
 * An environment without the suite's DATABASE_URL: these processes use PGlite folders, unless
 * `extra` names a DATABASE_URL of its own (test/reminder-worker.test.ts).
 */
export function baseEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: 'warn', ...extra };
  if (!('DATABASE_URL' in extra)) delete env.DATABASE_URL;
  return env;
}

/** The Node flags `npm start` gives the server (package.json `config.serverNodeFlags`). */
export function serverNodeFlags(): string[] {
  const pkg = JSON.parse(readFileSync(resolve(ROOT, 'package.json'), 'utf8')) as {
    config: { serverNodeFlags: string };
  };
  return pkg.config.serverNodeFlags.split(/\s+/).filter(Boolean);
}

/** `node <script> …args`; the server (`dist/main.js`) with the flags `npm start` gives it. */
export function runNode(
  script: string,
  args: string[],
  env: NodeJS.ProcessEnv,
): ServerProcess & { port: 0 } {
  const flags = script === 'dist/main.js' ? serverNodeFlags() : [];
  const child = spawn(process.execPath, [...flags, resolve(ROOT, script), ...args], {
    cwd: ROOT,
    env,
  });
  let out = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((res) => child.on('exit', (code) => res(code)));
  return { child, port: 0, output: () => out, exited };
}

export async function startServer(env: Record<string, string>): Promise<ServerProcess> {
  const port = await freePort();
  const proc = runNode(
    'dist/main.js',
    [],
    baseEnv({ ...env, PORT: String(port), HOST: '127.0.0.1' }),
  );
  // A loaded machine (CI, several test runs at once) may need longer: SERVER_START_TIMEOUT_MS.
  const deadline = Date.now() + Number(process.env.SERVER_START_TIMEOUT_MS ?? 45_000);
  let exitCode: number | null | undefined;
  void proc.exited.then((code) => (exitCode = code));
  while (Date.now() < deadline) {
    if (exitCode !== undefined) throw new Error(`server exited (${exitCode}):\n${proc.output()}`);
    try {
      const res = await fetch(`http://127.0.0.1:${port}/health/ready`);
      if (res.status === 200) return { ...proc, port };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  proc.child.kill('SIGKILL');
  throw new Error(`server not ready in time:\n${proc.output()}`);
}
