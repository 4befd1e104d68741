/**
 * The whole product on loopback, in this process, exactly as `npm start` wires it
 * (scripts/demo-stack.ts), with a small sandbox and free ports, so runs never collide with a
 * developer's `npm start` or each other. Used by the widget e2e test and the connect-overhead bench.
 */
import type { RunningSandbox, SandboxOptions } from '../../../sandbox/src/index.js';
import { startDemoStack } from '../../../scripts/demo-stack.js';
import { createLogger } from '../../../server/src/logging/logger.js';
import type { Stores } from '../../../server/src/store/index.js';
import { buildBundle } from '../../../widget/build/bundle.js';
import { freePort } from '../../support/redis-server.js';
import type { BrowserContext, Page } from 'playwright-core';

export interface WidgetStack {
  /** The demo page (widget from source). */
  demoUrl: string;
  /** The demo page that embeds the built single file (needs `npm run build:widget` first). */
  scriptTagUrl: string;
  graphqlUrl: string;
  sandbox: RunningSandbox;
  /** The server's stores, for tests that look at what it kept. */
  stores: Stores;
  close(): Promise<void>;
}

export { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../support/chromium.mjs';

export async function startWidgetStack(options: { sandbox?: SandboxOptions; env?: Record<string, string> } = {}): Promise<WidgetStack> {
  const stack = await startDemoStack({
    port: await freePort(),
    demoPort: 0,
    host: '127.0.0.1',
    env: options.env ?? {},
    logger: createLogger({ level: 'error' }),
    sandbox: {
      hubspot: { size: { contacts: 40, companies: 10, deals: 10 } },
      airtable: { size: { bases: 2 } },
      notion: { size: { items: 30 } },
      rateLimits: false,
      ...options.sandbox,
    },
    hotReload: false,
    viteLogLevel: 'error',
  });
  return {
    demoUrl: `${stack.demoOrigin}/`,
    scriptTagUrl: `${stack.demoOrigin}/script-tag.html`,
    graphqlUrl: `${stack.config.publicUrl}/graphql`,
    sandbox: stack.sandbox!,
    stores: stack.server.stores,
    close: () => stack.close(),
  };
}

/** The freshly built script-tag bundle and its language chunks, by file name. */
export async function buildWidgetBundle(): Promise<Record<string, Buffer>> {
  const { code, chunks } = await buildBundle();
  return { 'integration-connector.js': code, ...chunks };
}

/** Serves every request for the bundle or one of its chunks from a fresh build (never a stale dist/). */
export async function routeWidgetBundle(context: BrowserContext | Page, files: Record<string, Buffer>): Promise<void> {
  await context.route(/\/integration-connector(\.\w+)?\.js(\?.*)?$/, (route) => {
    const file = new URL(route.request().url()).pathname.split('/').pop()!;
    const body = files[file];
    return body ? route.fulfill({ body, contentType: 'text/javascript' }) : route.fulfill({ status: 404 });
  });
}
