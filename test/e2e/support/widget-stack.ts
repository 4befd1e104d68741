/**
 * The whole product on loopback, in this process, wired as `npm start` wires it (scripts/start.ts):
 * the provider sandbox, the GraphQL server (in-memory store, AUTH_MODE=open) and Vite in middleware
 * mode serving widget/demo with VITE_GRAPHQL_ENDPOINT pointing at the server. Free ports, so runs
 * never collide with a developer's `npm start` or each other. Used by the widget e2e test and the
 * connect-overhead bench.
 */
import { createServer as createHttpServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createServer as createViteServer } from 'vite';
import { startSandbox, type RunningSandbox, type SandboxOptions } from '../../../sandbox/src/index.js';
import { loadConfig } from '../../../server/src/config/env.js';
import { createLogger } from '../../../server/src/logging/logger.js';
import { startServer } from '../../../server/src/server.js';
import { buildBundle } from '../../../widget/build/bundle.js';
import { freePort } from '../../support/redis-server.js';
import { PROVIDERS, sandboxEnv } from '../../support/stack.js';

export interface WidgetStack {
  /** The demo page (widget from source). */
  demoUrl: string;
  /** The demo page that embeds the built single file (needs `npm run build:widget` first). */
  scriptTagUrl: string;
  graphqlUrl: string;
  sandbox: RunningSandbox;
  close(): Promise<void>;
}

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
];
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export async function startWidgetStack(options: { sandbox?: SandboxOptions } = {}): Promise<WidgetStack> {
  const sandbox = await startSandbox({
    size: { hubspotContacts: 40, hubspotCompanies: 10, hubspotDeals: 10, airtableBases: 2, notionItems: 30 },
    limits: { hubspot: false, airtable: false, notion: false },
    ...options.sandbox,
  });
  // The demo server listens first (on any free port): the GraphQL server must know the demo's origin.
  const demoServer: Server = createHttpServer();
  await new Promise<void>((resolve, reject) => {
    demoServer.once('error', reject);
    demoServer.listen(0, '127.0.0.1', resolve);
  });
  const demoPort = (demoServer.address() as AddressInfo).port;
  const port = await freePort();
  const publicUrl = `http://127.0.0.1:${port}`;
  const demoOrigin = `http://127.0.0.1:${demoPort}`;
  const config = loadConfig(
    { ...sandboxEnv(sandbox), PORT: String(port), PUBLIC_URL: publicUrl, ALLOWED_ORIGINS: demoOrigin },
    { sandboxProviders: [...PROVIDERS], defaultAuthMode: 'open' },
  );
  for (const provider of PROVIDERS) sandbox.registerRedirectUri(`${publicUrl}/integrations/${provider}/oauth2callback`);
  const server = await startServer({ config, logger: createLogger({ level: 'error' }), allowEphemeralKey: true });

  // Vite reads VITE_* from process.env when it starts; set it only for that moment.
  const previous = process.env.VITE_GRAPHQL_ENDPOINT;
  process.env.VITE_GRAPHQL_ENDPOINT = `${publicUrl}/graphql`;
  const vite = await createViteServer({
    configFile: new URL('../../../widget/vite.config.ts', import.meta.url).pathname,
    server: { middlewareMode: true, hmr: false, ws: false },
    appType: 'mpa',
    logLevel: 'error',
    clearScreen: false,
  }).finally(() => {
    if (previous === undefined) delete process.env.VITE_GRAPHQL_ENDPOINT;
    else process.env.VITE_GRAPHQL_ENDPOINT = previous;
  });
  demoServer.on('request', vite.middlewares);
  return {
    demoUrl: `${demoOrigin}/`,
    scriptTagUrl: `${demoOrigin}/script-tag.html`,
    graphqlUrl: `${publicUrl}/graphql`,
    sandbox,
    async close() {
      demoServer.closeAllConnections();
      await Promise.allSettled([vite.close(), new Promise((resolve) => demoServer.close(resolve)), server.close(), sandbox.close()]);
    },
  };
}

/** The freshly built script-tag bundle; pages get it by routing requests for integration-connector.js to it. */
export async function buildWidgetBundle(): Promise<Buffer> {
  return (await buildBundle()).code;
}
