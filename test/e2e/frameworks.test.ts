/**
 * The widget inside React 19, React 18 (through `integration-connector/react`) and Vue 3, each a
 * small page bundled here with esbuild from test/e2e/frameworks/ against a fresh build of the files
 * that ship (dist/integration-connector.js and dist/react.js), served on the demo origin, against
 * the real server and the sandbox (auto-approving consents) in Debian Chromium. Each page passes
 * properties (an object-valued `strings` included, which only arrives as a property) and reacts
 * to the widget's events; then the app changes a property and the widget follows.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createServer, type Server } from 'node:http';
import { build, type Plugin } from 'esbuild';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildBundle } from '../../widget/build/bundle.js';
import { freePort } from '../support/redis-server.js';
import { CHROMIUM_ARGS, CHROMIUM_PATH, startWidgetStack, type WidgetStack } from './support/widget-stack.js';

const pages = fileURLToPath(new URL('./frameworks/', import.meta.url));
const cache = fileURLToPath(new URL('../../node_modules/.cache/', import.meta.url));
const FRAMEWORKS = {
  react19: `${pages}react19.tsx`,
  react18: `${pages}react18/page.tsx`,
  vue: `${pages}vue.ts`,
} as const;

const react18 = { react: `${pages}react18/node_modules/react`, 'react-dom': `${pages}react18/node_modules/react-dom` };

let stack: WidgetStack;
let pagesServer: Server;
let pagesOrigin: string;
let browser: Browser;
let built: Record<keyof typeof FRAMEWORKS, string>;
let dir: string;

/** `integration-connector` and `integration-connector/react` are the freshly built files. */
const shippedFiles = (files: { main: string; react: string }): Plugin => ({
  name: 'shipped-files',
  setup(b) {
    b.onResolve({ filter: /^integration-connector(\/react)?$/ }, (args) => ({
      path: args.path.endsWith('/react') ? files.react : files.main,
    }));
  },
});

async function bundlePage(entry: string, files: { main: string; react: string }): Promise<string> {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    write: false,
    format: 'esm',
    target: 'es2022',
    jsx: 'automatic',
    logLevel: 'silent',
    // The React 18 page gets its folder's React 18 everywhere (the wrapper's `import 'react'`
    // included: one copy), the others the root's React 19.
    alias: { vue: 'vue/dist/vue.esm-bundler.js', ...(entry === FRAMEWORKS.react18 ? react18 : {}) },
    define: {
      'process.env.NODE_ENV': '"production"',
      __VUE_OPTIONS_API__: 'true',
      __VUE_PROD_DEVTOOLS__: 'false',
      __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: 'false',
    },
    plugins: [shippedFiles(files)],
  });
  return result.outputFiles[0]!.text;
}

beforeAll(async () => {
  // Inside the repository, so the built files' own imports (@lit/react, react) resolve.
  mkdirSync(cache, { recursive: true });
  dir = mkdtempSync(join(cache, 'ic-frameworks-'));
  // The pages come from a real loopback server (Chromium refuses loopback requests from pages it
  // did not load from the network), and it is the only origin the GraphQL server allows.
  const port = await freePort();
  pagesOrigin = `http://127.0.0.1:${port}`;
  pagesServer = createServer((request, response) => {
    const [, name, ext] = /^\/(\w+)\.(html|js)$/.exec(request.url ?? '') ?? [];
    if (request.url === '/favicon.ico') return void response.writeHead(204).end();
    if (!name || !(name in FRAMEWORKS)) return void response.writeHead(404).end();
    if (ext === 'js')
      return void response.writeHead(200, { 'content-type': 'text/javascript' }).end(built[name as keyof typeof FRAMEWORKS]);
    response
      .writeHead(200, { 'content-type': 'text/html' })
      .end(
        `<!doctype html><html lang="en"><title>${name}</title><script>window.IC_ENDPOINT = ${JSON.stringify(stack.graphqlUrl)};</script><div id="root"></div><script type="module" src="/${name}.js"></script></html>`,
      );
  });
  await new Promise<void>((resolve) => pagesServer.listen(port, '127.0.0.1', resolve));
  const [bundle] = await Promise.all([
    buildBundle({ react: true }),
    startWidgetStack({ sandbox: { autoApprove: true }, env: { ALLOWED_ORIGINS: pagesOrigin } }).then((s) => (stack = s)),
    chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS }).then((b) => (browser = b)),
  ]);
  const files = { main: join(dir, 'integration-connector.js'), react: join(dir, 'react.js') };
  writeFileSync(files.main, bundle.code);
  for (const [file, code] of Object.entries(bundle.chunks)) writeFileSync(join(dir, file), code);
  writeFileSync(files.react, bundle.react!);
  const entries = Object.entries(FRAMEWORKS) as Array<[keyof typeof FRAMEWORKS, string]>;
  built = Object.fromEntries(
    await Promise.all(entries.map(async ([name, entry]) => [name, await bundlePage(entry, files)])),
  ) as typeof built;
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await stack?.close();
  pagesServer?.closeAllConnections();
  await new Promise((resolve) => pagesServer?.close(resolve));
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('the widget in a framework app: properties in, events out', () => {
  for (const name of Object.keys(FRAMEWORKS) as Array<keyof typeof FRAMEWORKS>) {
    it(
      name,
      async () => {
        const page = await browser.newPage();
        page.setDefaultTimeout(10_000);
        const errors: string[] = [];
        page.on('pageerror', (error) => errors.push(error.message));
        page.on('console', (message) => message.type() !== 'log' && errors.push(message.text()));
        await page.goto(`${pagesOrigin}/${name}.html`);

        // Properties in: an object-valued `strings` renames Connect.
        const connect = page.getByRole('button', { name: 'Link account' });
        await expect.poll(() => connect.isEnabled(), { timeout: 10_000 }).toBe(true);
        // Events out: the app shows what ic-connect and ic-load carried.
        await connect.click();
        const widgetSays = async () =>
          `${await page.locator('integration-connector [part=status]').innerText()} | ${await page.locator('integration-connector [part=error]').innerText()}`;
        await expect
          .poll(() => page.locator('#account').innerText(), { timeout: 10_000, message: 'no ic-connect' })
          .not.toBe('')
          .catch(async (error: unknown) => {
            throw new Error(`${error instanceof Error ? error.message : String(error)}; the widget says: ${await widgetSays()}`);
          });
        await page.getByRole('button', { name: 'Load data' }).click();
        await expect.poll(async () => Number(await page.locator('#count').innerText()), { timeout: 10_000 }).toBeGreaterThan(0);
        // The app changes a property: the widget follows (and drops what belonged to HubSpot).
        await page.locator('#switch').click();
        await expect
          .poll(() => page.locator('integration-connector').evaluate((el) => (el as unknown as { provider: string }).provider))
          .toBe('airtable');
        await expect
          .poll(() => page.locator('integration-connector').evaluate((el) => (el as unknown as { state: string }).state))
          .not.toBe('loaded');
        expect(errors).toEqual([]);
        await page.close();
      },
      40_000,
    );
  }
});
