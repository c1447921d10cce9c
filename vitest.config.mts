import react from '@vitejs/plugin-react';
import swc from 'unplugin-swc';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      {
        // Nest's dependency injection needs decorator metadata, which esbuild drops: SWC
        // compiles the service and its tests.
        plugins: [swc.vite({ module: { type: 'es6' } })],
        test: {
          name: 'api',
          include: ['test/**/*.test.ts', 'src/**/*.spec.ts'],
          pool: 'forks',
          testTimeout: 30_000,
          hookTimeout: 60_000,
          setupFiles: ['reflect-metadata'],
          // Migrates a PGlite database once (or finds it cached) for every file to start from
          // (docs/testing.md).
          globalSetup: ['test/support/pglite-snapshot.ts'],
        },
      },
      {
        // The web app's components and logic, in a simulated DOM (docs/web-app.md).
        plugins: [react()],
        test: {
          name: 'web',
          include: ['web/src/**/*.test.{ts,tsx}'],
          environment: 'happy-dom',
          setupFiles: ['web/src/test/setup.ts'],
        },
      },
    ],
  },
});
