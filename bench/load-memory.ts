/**
 * `npm run bench:load:memory`: does server memory stay O(page)? Loads 100,000 HubSpot contacts page
 * by page from the sandbox (limits off: this measures memory, not the rate limiter) through a
 * server running as its own process on real Redis.
 *
 * RSS alone cannot tell: V8 lets the heap grow to well over 150 MB before its first full collection
 * and RSS then drops by 50 MB, so where the samples fall in that sawtooth decides a comparison of
 * two RSS readings. The server therefore runs the classic leak-test way, with a tight old space
 * (64 MB, about 2.5x its live set) and `--trace-gc`: a server whose memory grew with the total would
 * show a rising heap after full collections, or die of it. Passes when the heap in use after the
 * last full collection is within 25 MB of that after the first one past 10,000 items; RSS is shown.
 */
import { rssMb, startBenchStack } from './lib/bench-stack.js';
import { runWhenMain } from './lib/main.js';
import { meets, type BenchOptions, type BenchResult } from './lib/result.js';

const TOTAL = 100_000;
const PAGE = 200;
const GROWTH_BUDGET_MB = 25;
const OLD_SPACE_MB = 64;
// `--trace-gc`: "Mark-Compact 45.6 (70.2) -> 30.1 (68.9) MB": the heap in use after a full collection.
const MARK_COMPACT = /Mark-Compact.*? [\d.]+ \([\d.]+\) -> ([\d.]+) \([\d.]+\) MB/;
const LOAD = `query($i: IdentityInput, $a: String) { load(provider: HUBSPOT, identity: $i, first: ${PAGE}, after: $a) { edges { node { id } } pageInfo { hasNextPage endCursor } } }`;

export async function run(options: BenchOptions = {}): Promise<BenchResult[]> {
  const log = options.log ?? (() => {});
  let items = 0;
  const fullGcs: Array<{ items: number; liveMb: number }> = [];
  let partial = '';
  const stack = await startBenchStack({
    sandbox: {
      hubspot: { size: { contacts: TOTAL, companies: 10, deals: 10 } },
      rateLimits: false,
    },
    process: {
      nodeArgs: ['--trace-gc', `--max-old-space-size=${OLD_SPACE_MB}`],
      onStdout: (text) => {
        const lines = (partial + text).split('\n');
        partial = lines.pop() ?? '';
        for (const line of lines) {
          const live = MARK_COMPACT.exec(line)?.[1];
          if (live) fullGcs.push({ items, liveMb: Number(live) });
        }
      },
    },
  });
  try {
    const identity = { userId: 'bench', orgId: 'memory' };
    await stack.connect('hubspot', identity);
    const samples: Array<{ items: number; rss: number }> = [];
    let after: string | null = null;
    for (;;) {
      interface Page {
        data?: { load: { edges: unknown[]; pageInfo: { hasNextPage: boolean; endCursor: string } } };
        errors?: unknown[];
      }
      const body: Page = await stack.graphql<Page['data']>(LOAD, { i: identity, a: after }).catch((error: unknown) => {
        throw new Error(
          `the server stopped answering at ${items.toLocaleString('en')} items (out of its ${OLD_SPACE_MB} MB heap? then memory grows with the total)`,
          { cause: error },
        );
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
    const first = fullGcs.find((gc) => gc.items >= 10_000);
    const last = fullGcs.at(-1);
    if (!first || !last || last.items - first.items < 30_000) {
      throw new Error(`too few full collections to judge (${fullGcs.length}, the last at ${last?.items ?? 0} items)`);
    }
    log(
      `  heap in use after full collections: ${first.liveMb} MB at ${first.items.toLocaleString('en')} items ... ${last.liveMb} MB at ${last.items.toLocaleString('en')} items (${fullGcs.length} collections)`,
    );
    const at10k = samples.find((s) => s.items >= 10_000)!.rss;
    const rssGrowth = rssMb(stack.pid) - at10k;
    const heapGrowth = last.liveMb - first.liveMb;
    return [
      {
        bench: 'load-memory',
        name: 'items loaded (HubSpot, page by page)',
        value: items,
        unit: 'count',
        target: { op: '>=', value: TOTAL },
        pass: meets(items, { op: '>=', value: TOTAL }),
      },
      {
        bench: 'load-memory',
        name: `heap after full GC, growth ${first.items.toLocaleString('en')} -> ${last.items.toLocaleString('en')} items`,
        value: Math.round(heapGrowth * 10) / 10,
        unit: 'MB',
        anchor: { label: `heap after full GC at ${first.items.toLocaleString('en')} items`, value: first.liveMb, unit: 'MB' },
        target: { op: '<=', value: GROWTH_BUDGET_MB },
        pass: meets(heapGrowth, { op: '<=', value: GROWTH_BUDGET_MB }),
        note: `${fullGcs.length} full collections, old space ${OLD_SPACE_MB} MB`,
      },
      {
        bench: 'load-memory',
        name: `server RSS growth 10,000 -> ${items.toLocaleString('en')} items`,
        value: Math.round(rssGrowth * 10) / 10,
        unit: 'MB',
        anchor: { label: 'RSS at 10,000 items', value: Math.round(at10k), unit: 'MB' },
        pass: null,
      },
    ];
  } finally {
    await stack.stop();
  }
}

runWhenMain(import.meta.url, 'Server memory while loading 100,000 items', run);
