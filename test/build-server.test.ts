import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from './support/server-process';

// The start path compiles the server without type-checking it (docs/performance.md, "Start"):
// scripts/build-server.mjs, on a small tree of its own here so the repository's dist/ is untouched.
let dir: string;
const src = (path: string) => join(dir, 'src', path);
const out = (path: string) => join(dir, 'dist', path);
const build = () =>
  execFileSync(process.execPath, [
    join(ROOT, 'scripts/build-server.mjs'),
    join(dir, 'src'),
    join(dir, 'dist'),
  ]);
const mtime = (path: string) => statSync(path).mtimeMs;
const run = (file: string) =>
  execFileSync(process.execPath, ['-r', 'reflect-metadata', file], {
    encoding: 'utf8',
    env: { ...process.env, NODE_PATH: join(ROOT, 'node_modules') },
  });

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'contour-build-'));
  mkdirSync(src('modules'), { recursive: true });
  writeFileSync(
    src('modules/clock.ts'),
    "import { Injectable } from '@nestjs/common';\n@Injectable()\nexport class Clock { now(): string { return 'tick'; } }\n",
  );
  writeFileSync(
    src('modules/greeter.ts'),
    [
      "import { Injectable } from '@nestjs/common';",
      "import { Clock } from './clock';",
      '@Injectable()',
      'export class Greeter { constructor(private readonly clock: Clock) {} }',
      '',
    ].join('\n'),
  );
  writeFileSync(
    src('main.ts'),
    [
      "import { Greeter } from './modules/greeter';",
      // A type error: the build emits it anyway; `npm run typecheck` is where it fails.
      'const wrong: number = "not a number" as unknown as string as never;',
      "const types = Reflect.getMetadata('design:paramtypes', Greeter) as { name: string }[];",
      'console.log(JSON.stringify({ injects: types.map((t) => t.name), wrong }));',
      '',
    ].join('\n'),
  );
  writeFileSync(src('modules/greeter.spec.ts'), 'export {};\n');
  mkdirSync(out('web'), { recursive: true });
  writeFileSync(out('web/index.js'), '// the web app, not compiled from src\n');
  build();
}, 60_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the server build of the start path', () => {
  it('compiles every source with the decorator metadata Nest injects by, and no tests', () => {
    expect(JSON.parse(run(out('main.js')))).toEqual({ injects: ['Clock'], wrong: 'not a number' });
    expect(() => statSync(out('modules/greeter.spec.js'))).toThrow();
  });

  it('rewrites nothing when nothing changed, and only what changed otherwise', () => {
    const before = { clock: mtime(out('modules/clock.js')), main: mtime(out('main.js')) };
    build();
    expect(mtime(out('modules/clock.js'))).toBe(before.clock);
    expect(mtime(out('main.js'))).toBe(before.main);

    const later = new Date(Date.now() + 5_000);
    utimesSync(src('modules/clock.ts'), later, later);
    build();
    expect(mtime(out('modules/clock.js'))).toBeGreaterThan(before.clock);
    expect(mtime(out('main.js'))).toBe(before.main);
  });

  it('removes the output of a deleted source, and leaves what src does not build alone', () => {
    writeFileSync(src('modules/gone.ts'), 'export const gone = 1;\n');
    build();
    expect(statSync(out('modules/gone.js')).isFile()).toBe(true);
    rmSync(src('modules/gone.ts'));
    build();
    expect(() => statSync(out('modules/gone.js'))).toThrow();
    expect(() => statSync(out('modules/gone.js.map'))).toThrow();
    expect(statSync(out('web/index.js')).isFile()).toBe(true);
  });
});
