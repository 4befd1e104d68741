import { fileURLToPath } from 'node:url';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { playwrightLauncher } from '@web/test-runner-playwright';
import { scriptedGraphql } from './test/support/scripted-graphql.mjs';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../test/support/chromium.mjs';

const here = fileURLToPath(new URL('.', import.meta.url));

/**
 * Browser tests in the system's Debian Chromium (never a downloaded browser). Run from the repo root:
 * `web-test-runner --config widget/web-test-runner.config.mjs`.
 */
export default {
  rootDir: `${here}..`,
  files: [`${here}test/**/*.test.ts`],
  nodeResolve: true,
  // Not 8000 (WTR's default): that is where the GraphQL server listens in development.
  port: Number(process.env.WTR_PORT ?? 8765),
  concurrency: 4,
  testFramework: { config: { timeout: 8000 } },
  plugins: [esbuildPlugin({ ts: true, tsconfig: `${here}tsconfig.json`, target: 'es2022' })],
  middleware: [scriptedGraphql()],
  browsers: [
    playwrightLauncher({
      product: 'chromium',
      launchOptions: {
        executablePath: CHROMIUM_PATH,
        args: CHROMIUM_ARGS,
      },
    }),
  ],
};
