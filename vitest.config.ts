import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// Node-side tests: server, sandbox, scripts. Widget tests run in Chromium via @web/test-runner.
export default defineConfig({
  resolve: {
    // The server imports the session package; tests run it from its sources (tsconfig.json `paths`).
    alias: { '@integration-connector/session': fileURLToPath(new URL('session/src/index.ts', import.meta.url)) },
  },
  test: {
    include: ['server/**/*.test.ts', 'session/**/*.test.ts', 'sandbox/**/*.test.ts', 'test/**/*.test.ts'],
    exclude: ['**/node_modules/**', '**/dist/**'],
    globalSetup: ['test/support/global-setup.ts'],
    testTimeout: 20_000,
    hookTimeout: 30_000,
    pool: 'forks',
  },
});
