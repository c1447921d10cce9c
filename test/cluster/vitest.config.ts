import { resolve } from 'node:path';
import swc from 'unplugin-swc';

// The cluster test (`npm run test:cluster`, docs/deployment.md) brings up etcd, Patroni with two
// PostgreSQL nodes, HAProxy, PgBouncer and two Contour instances (deploy/cluster.sh) and kills
// parts of it under load: never part of `npm test` (its files end in .cluster.ts). Here, not at
// the root, so that the type check and ESLint cover it through tsconfig.json's `test/**/*.ts`.
// A plain object, not defineConfig: vitest/config is ESM-only and this file compiles as CommonJS.
export default {
  root: resolve(__dirname, '../..'),
  plugins: [swc.vite({ module: { type: 'es6' } })],
  test: {
    include: ['test/cluster/**/*.cluster.ts'],
    pool: 'forks',
    fileParallelism: false,
    testTimeout: 900_000,
    hookTimeout: 600_000,
    setupFiles: ['reflect-metadata'],
  },
};
