// Compiles the server (src/**/*.ts) into dist/ with SWC, one file at a time and only the files
// whose source is newer than their output, and removes the output of deleted sources. It does not
// type-check: that is `npm run typecheck`, which CI runs. The start path stays short this way: a
// first build takes about a second, a build with nothing changed a few tens of milliseconds.
// The options are those the test suite already compiles the same sources with (vitest.config.mts,
// unplugin-swc): legacy decorators with their metadata, which Nest's dependency injection reads.
import { existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { transformFile } from '@swc/core';

// `node scripts/build-server.mjs [sourceDir outDir]`: src/ into dist/ unless told otherwise (tests).
const ROOT = resolve(import.meta.dirname, '..');
const [SRC, OUT] =
  process.argv.length >= 4
    ? [resolve(process.argv[2]), resolve(process.argv[3])]
    : [join(ROOT, 'src'), join(ROOT, 'dist')];
const SKIP = /\.(spec|test|d)\.ts$/;

/** @type {import('@swc/core').Options} */
const OPTIONS = {
  swcrc: false,
  sourceMaps: true,
  module: { type: 'commonjs', strict: true },
  jsc: {
    target: 'es2022',
    keepClassNames: true,
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: true },
  },
};

function sources(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return entry.name.endsWith('.ts') && !SKIP.test(entry.name) ? [path] : [];
  });
}

const outputOf = (source) => join(OUT, relative(SRC, source)).replace(/\.ts$/, '.js');
const mtime = (path) => (existsSync(path) ? statSync(path).mtimeMs : -1);

const all = sources(SRC);
const stale = all.filter((source) => mtime(outputOf(source)) < mtime(source));
await Promise.all(
  stale.map(async (source) => {
    const out = outputOf(source);
    const { code, map } = await transformFile(source, {
      ...OPTIONS,
      filename: source,
      sourceFileName: relative(dirname(out), source),
    });
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(`${out}.map`, map ?? '');
    writeFileSync(out, `${code}\n//# sourceMappingURL=${basename(out)}.map\n`);
  }),
);

// A source that was deleted or renamed must not leave its old module behind to be loaded.
const expected = new Set(all.map(outputOf));
// dist/ also holds what is not compiled from src (the web app, the benchmark): only the folders
// that mirror src's are walked.
const mirrored = new Set(
  readdirSync(SRC, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name),
);
removeOrphans(OUT, (entry) => entry.isFile() || mirrored.has(entry.name));
function removeOrphans(dir, include = () => true) {
  if (!existsSync(dir)) return;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (!include(entry)) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) removeOrphans(path);
    else if (entry.name.endsWith('.js') && !expected.has(path)) {
      rmSync(path);
      rmSync(`${path}.map`, { force: true });
    }
  }
}
