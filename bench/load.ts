/**
 * `npm run bench:load`: loads a big account from each simulated provider through the GraphQL API,
 * with the sandbox enforcing the real published limits, and prints per provider: items, wall
 * time, items/s, the rate-limit ceiling for that workload, the ratio to it, 429s seen at the
 * provider and surfaced to the client, and the server's peak RSS.
 *
 * The server runs as its own process (real Redis, like production) so its RSS is its own.
 * Ceiling = the items/s the provider's steady published rate allows for the calls this workload
 * needs at the maximum page size (each simulator's `fullLoad.ceiling`: HubSpot 11/s, Notion 3/s, Airtable 50/s per user with each
 * base's 5/s never binding): a limit-bound loader reaches ratio 1; bursts the limits allow
 * (HubSpot 110 at once, Notion 180) can take it above. The server is configured with the limits the
 * sandbox enforces (HubSpot 110 / 10 s: a marketplace app; its default is the safer 100). The calls
 * include what real accounts need on top of the lists: the v4 batch read that completes a key
 * account's deals (Q5); Airtable bases the token cannot read are not called for (Q3), and Notion's
 * partial search results are not items (Q9).
 */
import { simulatorModule } from '../sandbox/src/index.js';
import { expectedItemIds } from '../test/support/load.js';
import { ENUM, PROVIDERS, type ProviderName } from '../test/support/stack.js';
import { rssMb, startBenchStack, type BenchStack } from './lib/bench-stack.js';
import { runWhenMain } from './lib/main.js';
import { meets, type BenchOptions, type BenchResult } from './lib/result.js';

const PAGE = 200;

interface LoadData {
  load: { edges: Array<{ node: { id: string } }>; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
}

interface Row {
  provider: ProviderName;
  items: number;
  seconds: number;
  calls: number;
  ceilingPerSecond: number;
  seen429: number;
  surfaced429: number;
  lost: number;
  duplicates: number;
  rssMb: number;
}

async function loadEverything(stack: BenchStack, provider: ProviderName): Promise<Row> {
  const { sandbox } = stack;
  const identity = { userId: `bench-${provider}`, orgId: 'bench' };
  await stack.connect(provider, identity);
  const before = sandbox.stats()[provider].rateLimited;
  const seen = new Map<string, number>();
  let surfaced429 = 0;
  let after: string | null = null;
  const started = performance.now();
  for (;;) {
    const body: { data?: LoadData; errors?: Array<{ message: string; extensions?: { code?: string } }> } = await stack.graphql<LoadData>(
      `query($p: Provider!, $i: IdentityInput, $first: Int, $after: String) { load(provider: $p, identity: $i, first: $first, after: $after) { edges { node { id name parentId parentPathOrName } } pageInfo { hasNextPage endCursor } } }`,
      { p: ENUM[provider], i: identity, first: PAGE, after },
    );
    if (body.errors?.length) {
      if (body.errors[0]?.extensions?.code === 'PROVIDER_RATE_LIMITED') surfaced429++;
      console.error(`${provider}: ${body.errors[0]?.extensions?.code} ${body.errors[0]?.message}`);
      break;
    }
    for (const edge of body.data!.load.edges) seen.set(edge.node.id, (seen.get(edge.node.id) ?? 0) + 1);
    if (!body.data!.load.pageInfo.hasNextPage) break;
    after = body.data!.load.pageInfo.endCursor;
  }
  const seconds = (performance.now() - started) / 1000;
  const expected = expectedItemIds(sandbox.dataset, provider);
  // The calls the workload needs at best, and the steady rate the provider publishes for them.
  const { calls, perSecond } = simulatorModule(provider).fullLoad.ceiling(sandbox.dataset[provider][0]);
  return {
    provider,
    items: seen.size,
    seconds,
    calls,
    ceilingPerSecond: expected.length / (calls / perSecond),
    seen429: sandbox.stats()[provider].rateLimited - before,
    surfaced429,
    lost: expected.filter((id) => !seen.has(id)).length,
    duplicates: [...seen.values()].filter((n) => n > 1).length,
    rssMb: rssMb(stack.pid, 'peak'),
  };
}

function toResults(rows: readonly Row[]): BenchResult[] {
  return rows.flatMap((r) => {
    const perSecond = r.items / r.seconds;
    const ratio = perSecond / r.ceilingPerSecond;
    const bench = 'load';
    return [
      {
        bench,
        name: `${r.provider} items/s (${r.items} items, ${r.seconds.toFixed(1)} s)`,
        value: Math.round(perSecond),
        unit: 'items/s',
        anchor: { label: `rate-limit ceiling (${r.calls} calls)`, value: Math.round(r.ceilingPerSecond), unit: 'items/s' },
        target: null,
        pass: null,
      },
      {
        bench,
        name: `${r.provider} ratio to ceiling`,
        value: Math.round(ratio * 100) / 100,
        unit: 'ratio',
        target: { op: '>=', value: 0.9 },
        pass: meets(ratio, { op: '>=', value: 0.9 }),
      },
      {
        bench,
        name: `${r.provider} items lost or repeated`,
        value: r.lost + r.duplicates,
        unit: 'count',
        target: { op: '==', value: 0 },
        pass: r.lost + r.duplicates === 0,
      },
      {
        bench,
        name: `${r.provider} 429s seen / surfaced`,
        value: r.surfaced429,
        unit: 'surfaced',
        note: `${r.seen429} seen at the provider`,
        target: { op: '==', value: 0 },
        pass: r.surfaced429 === 0,
      },
      { bench, name: `${r.provider} server peak RSS`, value: Math.round(r.rssMb), unit: 'MB', target: null, pass: null },
    ] satisfies BenchResult[];
  });
}

function formatRows(rows: readonly Row[]): string[] {
  const header = [
    'provider',
    'items',
    'wall s',
    'items/s',
    'ceiling items/s',
    'ratio',
    '429 seen',
    '429 surfaced',
    'lost',
    'dup',
    'peak RSS MB',
  ];
  const table = rows.map((r) => [
    r.provider,
    String(r.items),
    r.seconds.toFixed(2),
    (r.items / r.seconds).toFixed(0),
    `${r.ceilingPerSecond.toFixed(0)} (${r.calls} calls)`,
    (r.items / r.seconds / r.ceilingPerSecond).toFixed(2),
    String(r.seen429),
    String(r.surfaced429),
    String(r.lost),
    String(r.duplicates),
    r.rssMb.toFixed(0),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...table.map((row) => row[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  return [line(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...table.map(line)];
}

export async function run(options: BenchOptions = {}): Promise<BenchResult[]> {
  const log = options.log ?? (() => {});
  // Default sizes (10,000 contacts + 1,000 companies + 2,000 deals, 100 bases, 2,000 Notion items) and the real limits.
  const stack = await startBenchStack({ env: { HUBSPOT_RATE_LIMIT_PER_10_SECONDS: '110' } });
  const rows: Row[] = [];
  try {
    for (const provider of PROVIDERS) rows.push(await loadEverything(stack, provider));
  } finally {
    await stack.stop();
  }
  for (const line of formatRows(rows)) log(line);
  return toResults(rows);
}

runWhenMain(import.meta.url, 'Load throughput against the published rate limits', run);
