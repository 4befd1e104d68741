/**
 * The whole product on loopback, in this process, exactly as `npm start` wires it
 * (scripts/demo-stack.ts), with a small sandbox and free ports, so runs never collide with a
 * developer's `npm start` or each other. Used by the widget e2e test and the connect-overhead bench.
 */
import type { RunningSandbox, SandboxOptions } from '../../../sandbox/src/index.js';
import { startDemoStack } from '../../../scripts/demo-stack.js';
import { createLogger } from '../../../server/src/logging/logger.js';
import { buildBundle } from '../../../widget/build/bundle.js';
import { freePort } from '../../support/redis-server.js';

export interface WidgetStack {
  /** The demo page (widget from source). */
  demoUrl: string;
  /** The demo page that embeds the built single file (needs `npm run build:widget` first). */
  scriptTagUrl: string;
  graphqlUrl: string;
  sandbox: RunningSandbox;
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
      size: { hubspotContacts: 40, hubspotCompanies: 10, hubspotDeals: 10, airtableBases: 2, notionItems: 30 },
      limits: { hubspot: false, airtable: false, notion: false },
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
    close: () => stack.close(),
  };
}

/** The freshly built script-tag bundle; pages get it by routing requests for integration-connector.js to it. */
export async function buildWidgetBundle(): Promise<Buffer> {
  return (await buildBundle()).code;
}
