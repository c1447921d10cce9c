#!/usr/bin/env node
// Times `npm start` as a new user meets it (docs/performance.md, "Start"): a fresh clone of this
// repository (its committed HEAD) with the same node_modules, started three times on a new PGlite
// folder: the first start (builds the server and the web app, creates the database), then twice
// with nothing changed. Each figure is from spawning `npm start` to GET /health/ready answering 200.
//
//   node scripts/time-start.mjs            # prints the figures
//   node scripts/time-start.mjs --runs 5   # more later starts
import { execFileSync, spawn } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '2' } } });
const laterRuns = Number(values.runs);
const repo = resolve(import.meta.dirname, '..');
const work = mkdtempSync(join(tmpdir(), 'contour-start-'));
const clone = join(work, 'contour');

function freePort() {
  return new Promise((done, fail) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => done(port));
    });
    server.on('error', fail);
  });
}

async function timeStart() {
  const port = await freePort();
  const started = performance.now();
  const child = spawn('npm', ['start'], {
    cwd: clone,
    env: { ...process.env, PORT: String(port), LOG_LEVEL: 'warn', NODE_ENV: 'development' },
    stdio: ['ignore', 'ignore', 'inherit'],
    detached: true,
  });
  let exited = false;
  child.on('exit', () => (exited = true));
  try {
    for (;;) {
      if (exited) throw new Error('npm start exited before it was ready');
      if (performance.now() - started > 300_000) throw new Error('not ready after 300 s');
      const ready = await fetch(`http://127.0.0.1:${port}/health/ready`)
        .then((r) => r.status === 200)
        .catch(() => false);
      if (ready) return (performance.now() - started) / 1000;
      await new Promise((r) => setTimeout(r, 50));
    }
  } finally {
    if (!exited) {
      process.kill(-child.pid, 'SIGTERM');
      await new Promise((r) => child.on('exit', r));
    }
  }
}

try {
  execFileSync('git', ['clone', '--quiet', repo, clone]);
  // The dependencies as `npm ci` leaves them, copied: installing is not part of starting.
  cpSync(join(repo, 'node_modules'), join(clone, 'node_modules'), {
    recursive: true,
    verbatimSymlinks: true,
  });
  const first = await timeStart();
  const later = [];
  for (let i = 0; i < laterRuns; i += 1) later.push(await timeStart());
  console.log(`first start (builds, new database): ${first.toFixed(1)} s`);
  console.log(
    `later starts, nothing changed:      ${later.map((s) => s.toFixed(1)).join(' s, ')} s`,
  );
} finally {
  rmSync(work, { recursive: true, force: true });
}
