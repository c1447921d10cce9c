import swc from 'unplugin-swc';
import { defineConfig } from 'vitest/config';

// Nest's dependency injection needs decorator metadata, which esbuild drops: SWC compiles the tests.
export default defineConfig({
  plugins: [swc.vite({ module: { type: 'es6' } })],
  test: {
    include: ['test/**/*.test.ts', 'src/**/*.spec.ts'],
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    setupFiles: ['reflect-metadata'],
  },
});
