import { defineConfig } from 'vitest/config';

// Node-side tests: server, sandbox, scripts. Widget tests run in Chromium via @web/test-runner.
export default defineConfig({
  test: {
    include: ['server/**/*.test.ts', 'sandbox/**/*.test.ts', 'test/**/*.test.ts'],
    exclude: ['**/node_modules/**', '**/dist/**'],
    globalSetup: ['test/support/global-setup.ts'],
    testTimeout: 20_000,
    hookTimeout: 30_000,
    pool: 'forks',
  },
});
