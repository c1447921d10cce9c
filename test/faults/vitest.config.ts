import { resolve } from 'node:path';
import swc from 'unplugin-swc';

// The fault tests (`npm run test:faults`, docs/reliability.md) run the built server as a process,
// kill it, stop PostgreSQL and hold load on it: one file at a time, and `npm test` never picks
// them up (their files end in .faults.ts). The config lives here, not at the root, so that the
// type check and ESLint cover it through tsconfig.json's `test/**/*.ts`.
// A plain object, not defineConfig: vitest/config is ESM-only and this file compiles as CommonJS.
export default {
  root: resolve(__dirname, '../..'),
  plugins: [swc.vite({ module: { type: 'es6' } })],
  test: {
    include: ['test/faults/**/*.faults.ts'],
    pool: 'forks',
    fileParallelism: false,
    testTimeout: 300_000,
    hookTimeout: 120_000,
    setupFiles: ['reflect-metadata'],
  },
};
