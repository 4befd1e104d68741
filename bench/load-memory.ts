/**
 * `npm run bench:load:memory`: does server memory stay O(page)? Loads 100,000 HubSpot contacts page
 * by page from the sandbox (limits off: this measures memory, not the rate limiter) through a
 * server running as its own process on real Redis, sampling the server's RSS as it goes.
 * Passes when the RSS after 100,000 items is within 25 MB of the RSS after 10,000.
 */
import { rssMb, startBenchStack } from './lib/bench-stack.js';
import { runWhenMain } from './lib/main.js';
import { meets, type BenchOptions, type BenchResult } from './lib/result.js';

const TOTAL = 100_000;
const PAGE = 200;
const GROWTH_BUDGET_MB = 25;
const LOAD = `query($i: IdentityInput, $a: String) { load(provider: HUBSPOT, identity: $i, first: ${PAGE}, after: $a) { edges { node { id } } pageInfo { hasNextPage endCursor } } }`;

export async function run(options: BenchOptions = {}): Promise<BenchResult[]> {
  const log = options.log ?? (() => {});
  const stack = await startBenchStack({
    sandbox: { size: { hubspotContacts: TOTAL, hubspotCompanies: 10, hubspotDeals: 10 }, limits: { hubspot: false, airtable: false, notion: false } },
  });
  try {
    const identity = { userId: 'bench', orgId: 'memory' };
    await stack.connect('hubspot', identity);
    const samples: Array<{ items: number; rss: number }> = [];
    let items = 0;
    let after: string | null = null;
    for (;;) {
      const body: { data?: { load: { edges: unknown[]; pageInfo: { hasNextPage: boolean; endCursor: string } } }; errors?: unknown[] } = await stack.graphql(LOAD, {
        i: identity,
        a: after,
      });
      if (!body.data) throw new Error(`load failed: ${JSON.stringify(body.errors)}`);
      const before = items;
      items += body.data.load.edges.length;
      if (Math.floor(items / 10_000) > Math.floor(before / 10_000)) {
        samples.push({ items, rss: rssMb(stack.pid) });
        log(`  ${items.toLocaleString('en')} items: server RSS ${samples.at(-1)!.rss.toFixed(1)} MB`);
      }
      if (!body.data.load.pageInfo.hasNextPage) break;
      after = body.data.load.pageInfo.endCursor;
    }
    const at10k = samples.find((s) => s.items >= 10_000)!.rss;
    const growth = rssMb(stack.pid) - at10k;
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
    await stack.stop();
  }
}

runWhenMain(import.meta.url, 'Server memory while loading 100,000 items', run);
