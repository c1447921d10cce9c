import { defineConfig } from 'vitest/config';

// End to end: the built server (dist/main.js, with the app in dist/web) on a fresh PGlite folder,
// driven in Debian's Chromium through playwright-core. `npm run test:e2e` builds first.
export default defineConfig({
  test: {
    include: ['web/e2e/**/*.e2e.ts'],
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
