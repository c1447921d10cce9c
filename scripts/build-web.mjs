// Builds the staff web app (web/) into dist/web when a source (web/, the lock, or a server file the
// app imports: web-shared-sources.mjs) is newer than the last build, and prints the gzipped size
// of the JavaScript a first visit loads; over the budget, the build fails.
import { readFileSync, readdirSync, statSync, writeFileSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { WEB_SHARED_SOURCES } from './web-shared-sources.mjs';

const ROOT = resolve(import.meta.dirname, '..');
const WEB = join(ROOT, 'web');
const OUT = join(ROOT, 'dist', 'web');
const STAMP = join(OUT, '.built');
const INITIAL_JS_BUDGET_KB = 300;
const force = process.argv.includes('--force');

function newestMtime(path) {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) {
    if (entry === 'node_modules' || entry === 'e2e') continue;
    newest = Math.max(newest, newestMtime(join(path, entry)));
  }
  return newest;
}

const sourcesChanged = () =>
  !existsSync(STAMP) ||
  Math.max(
    newestMtime(WEB),
    statSync(join(ROOT, 'package-lock.json')).mtimeMs,
    ...WEB_SHARED_SOURCES.map((file) => statSync(join(ROOT, file)).mtimeMs),
  ) > statSync(STAMP).mtimeMs;

if (force || sourcesChanged()) {
  // Always the production bundle: a build started from a test run inherits NODE_ENV=test, which
  // would otherwise give React's development build (larger, slower) to the next `npm start`.
  process.env.NODE_ENV = 'production';
  const { build } = await import('vite');
  try {
    await build({ configFile: join(WEB, 'vite.config.ts'), mode: 'production', logLevel: 'warn' });
  } catch (error) {
    // Rollup's error carries the list of every watched file: the message is what helps.
    process.stderr.write(`web app build failed: ${error?.message ?? error}\n`);
    process.exit(1);
  }
  writeFileSync(STAMP, new Date().toISOString());
  report();
}

/** The initial JavaScript: index.html's module script and the chunks it preloads. */
function report() {
  const html = readFileSync(join(OUT, 'index.html'), 'utf8');
  const files = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.js)"/g)].map((m) => m[1]);
  const bytes = files.reduce(
    (sum, file) => sum + gzipSync(readFileSync(join(OUT, file))).length,
    0,
  );
  const kb = bytes / 1024;
  process.stdout.write(
    `web app built into dist/web: initial JavaScript ${kb.toFixed(1)} KB gzipped ` +
      `(${files.length} files; budget ${INITIAL_JS_BUDGET_KB} KB)\n`,
  );
  if (kb > INITIAL_JS_BUDGET_KB) {
    process.stderr.write(`the initial JavaScript is over the ${INITIAL_JS_BUDGET_KB} KB budget\n`);
    process.exit(1);
  }
}
