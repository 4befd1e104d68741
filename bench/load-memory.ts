/**
 * `npm run bench:load:memory`: does server memory stay O(page)? Loads 100,000 HubSpot contacts page
 * by page from the sandbox (limits off: this measures memory, not the rate limiter) through a
 * server running as its own process on real Redis, sampling the server's RSS as it goes.
 * Passes when the RSS after 100,000 items is within 25 MB of the RSS after 10,000.
 */
import { readFileSync } from 'node:fs';
import { startSandbox } from '../sandbox/src/index.js';
import { freePort, startTestRedis } from '../test/support/redis-server.js';
import { sandboxEnv } from '../test/support/stack.js';
import { runWhenMain } from './lib/main.js';
import { startTsProcess } from './lib/processes.js';
import { meets, type BenchOptions, type BenchResult } from './lib/result.js';

const TOTAL = 100_000;
const PAGE = 200;
const ORIGIN = 'http://localhost:3000';
const GROWTH_BUDGET_MB = 25;

const rssMb = (pid: number) => {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((l) => l.startsWith('VmRSS:'));
  return Number(line?.replace(/\D+/g, '') ?? 0) / 1024;
};

export async function run(options: BenchOptions = {}): Promise<BenchResult[]> {
  const log = options.log ?? (() => {});
  const redis = await startTestRedis();
  const sandbox = await startSandbox({
    size: { hubspotContacts: TOTAL, hubspotCompanies: 10, hubspotDeals: 10 },
    limits: { hubspot: false, airtable: false, notion: false },
  });
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  sandbox.registerRedirectUri(`${url}/integrations/hubspot/oauth2callback`);
  const server = await startTsProcess(
    'server/src/main.ts',
    [],
    {
      ...sandboxEnv(sandbox),
      PORT: String(port),
      HOST: '127.0.0.1',
      PUBLIC_URL: url,
      REDIS_URL: redis.url,
      ENCRYPTION_KEY: Buffer.alloc(32, 9).toString('base64'),
      AUTH_MODE: 'open',
      ALLOWED_ORIGINS: ORIGIN,
      LOG_LEVEL: 'warn',
    },
    `${url}/healthz`,
  );
  const graphql = async (query: string, variables: Record<string, unknown>) => {
    const response = await fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', origin: ORIGIN }, body: JSON.stringify({ query, variables }) });
    return (await response.json()) as unknown;
  };
  try {
    const identity = { userId: 'bench', orgId: 'memory' };
    const connect = (await graphql(`mutation($i: IdentityInput) { connect(provider: HUBSPOT, identity: $i) { authorizationUrl } }`, { i: identity })) as {
      data: { connect: { authorizationUrl: string } };
    };
    const authorize = new URL(connect.data.connect.authorizationUrl);
    authorize.searchParams.set('sandbox_approve', 'allow');
    const callback = new URL((await fetch(authorize, { redirect: 'manual' })).headers.get('location')!);
    await fetch(`${url}${callback.pathname}${callback.search}`);

    const samples: Array<{ items: number; rss: number }> = [];
    let items = 0;
    let after: string | null = null;
    for (;;) {
      const body = (await graphql(
        `query($i: IdentityInput, $a: String) { load(provider: HUBSPOT, identity: $i, first: ${PAGE}, after: $a) { edges { node { id } } pageInfo { hasNextPage endCursor } } }`,
        { i: identity, a: after },
      )) as { data?: { load: { edges: unknown[]; pageInfo: { hasNextPage: boolean; endCursor: string } } }; errors?: unknown[] };
      if (!body.data) throw new Error(`load failed: ${JSON.stringify(body.errors)}`);
      const before = items;
      items += body.data.load.edges.length;
      if (Math.floor(items / 10_000) > Math.floor(before / 10_000)) {
        samples.push({ items, rss: rssMb(server.pid) });
        log(`  ${items.toLocaleString('en')} items: server RSS ${samples.at(-1)!.rss.toFixed(1)} MB`);
      }
      if (!body.data.load.pageInfo.hasNextPage) break;
      after = body.data.load.pageInfo.endCursor;
    }
    const at10k = samples.find((s) => s.items >= 10_000)!.rss;
    const final = rssMb(server.pid);
    const growth = final - at10k;
    return [
      { bench: 'load-memory', name: 'items loaded (HubSpot, page by page)', value: items, unit: 'count', target: { op: '>=', value: TOTAL }, pass: meets(items, { op: '>=', value: TOTAL }) },
      { bench: 'load-memory', name: 'server RSS after 10,000 items', value: Math.round(at10k), unit: 'MB', pass: null },
      {
        bench: 'load-memory',
        name: `server RSS growth 10,000 -> ${items.toLocaleString('en')} items`,
        value: Math.round(growth * 10) / 10,
        unit: 'MB',
        anchor: { label: 'RSS at 10,000 items', value: Math.round(at10k), unit: 'MB' },
        target: { op: '<=', value: GROWTH_BUDGET_MB },
        pass: meets(growth, { op: '<=', value: GROWTH_BUDGET_MB }),
      },
    ];
  } finally {
    await server.stop();
    await sandbox.close();
    await redis.stop();
  }
}

runWhenMain(import.meta.url, 'Server memory while loading 100,000 items', run);
