import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { migratedPgliteDataDir } from '../../src/common/database/database';

/**
 * The migrated PGlite database every test file's app starts from (docs/testing.md): built once
 * and kept in node_modules/.cache, under a name that changes with anything that could change its
 * content — the migrations, the PGlite version, and database.ts (its extensions).
 */

declare module 'vitest' {
  export interface ProvidedContext {
    /** The snapshot's tar file; null on a PostgreSQL run (DATABASE_URL), which does not use one. */
    pgliteSnapshot: string | null;
  }
}

const ROOT = resolve(__dirname, '../..');
const CACHE_DIR = join(ROOT, 'node_modules/.cache/contour-test');
const PREFIX = 'pglite-migrated-';

/** Vitest's TestProject, as much of it as this uses (vitest/node's types are ESM only). */
interface Project {
  provide(key: 'pgliteSnapshot', value: string | null): void;
}

/** Vitest `globalSetup` of the api project: runs once per `vitest run`, before any test file. */
export default async function setup(project: Project): Promise<void> {
  project.provide('pgliteSnapshot', process.env.DATABASE_URL ? null : await snapshotFile());
}

async function snapshotFile(): Promise<string> {
  const file = join(CACHE_DIR, `${PREFIX}${snapshotKey()}.tar`);
  if (existsSync(file)) return file;
  const started = performance.now();
  const tarball = await migratedPgliteDataDir();
  mkdirSync(CACHE_DIR, { recursive: true });
  // Written aside, then renamed: a run started meanwhile sees the whole file or none.
  const partial = `${file}.${process.pid}.partial`;
  await writeFile(partial, Buffer.from(await tarball.arrayBuffer()));
  renameSync(partial, file);
  for (const old of readdirSync(CACHE_DIR)) {
    if (old.startsWith(PREFIX) && join(CACHE_DIR, old) !== file && !old.endsWith('.partial')) {
      rmSync(join(CACHE_DIR, old), { force: true });
    }
  }
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  process.stdout.write(`migrated PGlite snapshot built in ${seconds} s: ${relative(ROOT, file)}\n`);
  return file;
}

function snapshotKey(): string {
  const hash = createHash('sha256');
  const pglite = join(ROOT, 'node_modules/@electric-sql/pglite/package.json');
  const inputs = [
    pglite,
    join(ROOT, 'src/common/database/database.ts'),
    ...readdirSync(join(ROOT, 'drizzle'), { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => join(entry.parentPath, entry.name))
      .sort(),
  ];
  for (const input of inputs) {
    hash.update(relative(ROOT, input)).update('\0').update(readFileSync(input)).update('\0');
  }
  return hash.digest('hex').slice(0, 16);
}
