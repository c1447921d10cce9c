import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { baseEnv, ROOT, runNode, startServer } from './support/server-process';

const ADMIN = { email: 'owner@process.example', password: 'process-test-password' };
let workDir: string;
let dataDir: string;
let env: Record<string, string>;

beforeAll(() => {
  execFileSync('npm', ['run', '--silent', 'build'], { cwd: ROOT, stdio: 'inherit' });
  workDir = mkdtempSync(join(tmpdir(), 'contour-process-'));
  dataDir = join(workDir, 'pglite');
  env = {
    PGLITE_DATA_DIR: dataDir,
    JWT_SECRET: 'process-test-secret-0123456789-0123456789',
    BOOTSTRAP_ADMIN_EMAIL: ADMIN.email,
    BOOTSTRAP_ADMIN_PASSWORD: ADMIN.password,
  };
}, 120_000);

afterAll(() => rmSync(workDir, { recursive: true, force: true }));

async function login(port: number, email: string, password: string): Promise<number> {
  const res = await fetch(`http://127.0.0.1:${port}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  return res.status;
}

describe('the server as a process on an embedded PGlite folder', () => {
  it('keeps a second process off a data folder in use, and survives SIGTERM and SIGKILL', async () => {
    const first = await startServer({ ...env, LOG_LEVEL: 'info' });
    expect(await login(first.port, ADMIN.email, ADMIN.password)).toBe(200);

    // A second server on the same folder stops with a clear message instead of corrupting it.
    const second = runNode('dist/main.js', [], baseEnv({ ...env, PORT: '0' }));
    expect(await second.exited).toBe(1);
    expect(second.output()).toMatch(/in use by another Contour process \(pid \d+\)/);

    // So does the clinic:create tool.
    const tool = runNode(
      'dist/cli/clinic-create.js',
      [
        '--name',
        'Blocked Clinic',
        '--admin-email',
        'blocked@other.example',
        '--admin-password',
        'long-enough-pass',
      ],
      baseEnv(env),
    );
    expect(await tool.exited).toBe(1);
    expect(tool.output()).toMatch(/in use by another Contour process/);

    // SIGTERM while a sign-in is being served (argon2 takes a while): it is answered, then the process exits.
    const loggedBefore = first.output().length;
    const inFlight = login(first.port, ADMIN.email, ADMIN.password);
    while (!first.output().slice(loggedBefore).includes('"path":"/api/v1/auth/login"')) {
      await new Promise((r) => setTimeout(r, 2));
    }
    first.child.kill('SIGTERM');
    expect(await inFlight).toBe(200);
    expect(await first.exited).toBe(0);
    expect(existsSync(`${dataDir}.lock`)).toBe(false);

    // Another clinic from the command line while the server is down.
    const created = runNode(
      'dist/cli/clinic-create.js',
      [
        '--name',
        'Other Clinic',
        '--admin-email',
        'admin@other.example',
        '--admin-password',
        'other-clinic-pass',
      ],
      baseEnv(env),
    );
    expect(await created.exited).toBe(0);
    expect(created.output()).toMatch(/Created clinic "Other Clinic"/);

    // SIGKILL leaves a stale lock (and PGlite's own postmaster.pid) behind: the next start opens the folder anyway.
    const third = await startServer(env);
    expect(await login(third.port, 'admin@other.example', 'other-clinic-pass')).toBe(200);
    third.child.kill('SIGKILL');
    await third.exited;
    expect(existsSync(`${dataDir}.lock`)).toBe(true);

    const fourth = await startServer(env);
    expect(await login(fourth.port, ADMIN.email, ADMIN.password)).toBe(200);
    expect(await login(fourth.port, 'admin@other.example', 'other-clinic-pass')).toBe(200);
    fourth.child.kill('SIGTERM');
    expect(await fourth.exited).toBe(0);
  }, 180_000);

  it('serves the web app built for production, even when a test run started the build', async () => {
    // This file's build ran under Vitest (NODE_ENV=test): React's development build, which
    // carries its hook warnings, must not be what `npm start` then serves.
    const server = await startServer(env);
    try {
      const page = await fetch(`http://127.0.0.1:${server.port}/`);
      expect(page.status).toBe(200);
      const html = await page.text();
      const entry = /<script type="module"[^>]* src="(\/assets\/[^"]+\.js)"/.exec(html)?.[1];
      expect(entry).toBeDefined();
      const script = await fetch(`http://127.0.0.1:${server.port}${entry}`);
      expect(script.status).toBe(200);
      const code = await script.text();
      expect(code).toContain('createRoot');
      expect(code).not.toContain('Invalid hook call');
    } finally {
      server.child.kill('SIGTERM');
      await server.exited;
    }
  }, 60_000);

  it('refuses clinic:create with a clear message when arguments are missing or invalid', async () => {
    const tool = runNode(
      'dist/cli/clinic-create.js',
      ['--name', 'X', '--admin-email', 'not-an-email'],
      baseEnv(env),
    );
    expect(await tool.exited).toBe(1);
    expect(tool.output()).toMatch(/--admin-email/);
    expect(tool.output()).toMatch(/Usage: npm run clinic:create/);
  }, 60_000);
});
