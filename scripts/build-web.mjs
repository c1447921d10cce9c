// Builds the staff web app and the patients' pages (web/) into dist/web when a source (web/, the
// lock, or a server file the app imports: web-shared-sources.mjs) is newer than the last build,
// and prints the gzipped size of the JavaScript a first visit to each loads; over its budget, the
// build fails.
import { readFileSync, readdirSync, statSync, writeFileSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { WEB_SHARED_SOURCES } from './web-shared-sources.mjs';

const ROOT = resolve(import.meta.dirname, '..');
const WEB = join(ROOT, 'web');
const OUT = join(ROOT, 'dist', 'web');
const STAMP = join(OUT, '.built');
/** Each page's first-load JavaScript budget: the staff app, and the patients' pages (a phone). */
const ENTRIES = [
  { html: 'index.html', name: 'web app', budgetKb: 300 },
  { html: 'portal.html', name: "patients' pages", budgetKb: 200 },
];
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

/** The initial JavaScript of each entry: its module script and the chunks it preloads. */
function report() {
  let over = false;
  for (const { html, name, budgetKb } of ENTRIES) {
    const page = readFileSync(join(OUT, html), 'utf8');
    const files = [...page.matchAll(/(?:src|href)="\/(assets\/[^"]+\.js)"/g)].map((m) => m[1]);
    const bytes = files.reduce(
      (sum, file) => sum + gzipSync(readFileSync(join(OUT, file))).length,
      0,
    );
    const kb = bytes / 1024;
    process.stdout.write(
      `${name} built into dist/web/${html}: initial JavaScript ${kb.toFixed(1)} KB gzipped ` +
        `(${files.length} files; budget ${budgetKb} KB)\n`,
    );
    if (kb > budgetKb) {
      process.stderr.write(`${name}: the initial JavaScript is over the ${budgetKb} KB budget\n`);
      over = true;
    }
  }
  if (over) process.exit(1);
}
