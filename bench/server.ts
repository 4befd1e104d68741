/**
 * `npm run bench:server`: drives the running server on loopback with autocannon, 50 connections
 * for 30 s per scenario (BENCH_DURATION=<s> to shorten): a `credentials` query, a `load` first page
 * (first: 100), and a bare Koa JSON route as the physical baseline (plus two diagnostic rows that
 * split the gap: the server's /healthz and a `{ __typename }` query). Prints req/s, p50, p99, errors
 * (non-2xx, socket errors, timeouts and GraphQL errors: every body is checked) and the ratio to
 * the baseline. Targets (issue 8): 0 errors, ratio >= 0.5, p99 < 50 ms.
 *
 * Set-up, all on 127.0.0.1 and stopped at the end: a throw-away redis-server, the sandbox providers
 * (rate limits off: this measures our server, bench/load.ts measures the limits), the server as
 * `npm run serve` would run it (its own process, NODE_ENV=production, AUTH_MODE=signed, info logs),
 * the bare Koa app in its own process, and one identity connected to HubSpot through the OAuth flow.
 */
import { randomBytes } from 'node:crypto';
import autocannon from 'autocannon';
import { createSessionToken } from '../server/src/auth/session-token.js';
import { freePort } from '../test/support/redis-server.js';
import { BENCH_ORIGIN, startBenchStack } from './lib/bench-stack.js';
import { runWhenMain } from './lib/main.js';
import { startNodeProcess } from './lib/processes.js';
import { result, type BenchOptions, type BenchResult } from './lib/result.js';

const CONNECTIONS = 50;
// Longer than the server's own bound on a load (PROVIDER_QUEUE_MAX_MS, 30 s, plus a provider call):
// an answer that is slow because the provider's budget is used up counts as latency, not as an error.
const CLIENT_TIMEOUT_SECONDS = 45;
const DEFAULT_SECONDS = 30;
const TARGET = { ratio: 0.5, p99Ms: 50, errors: 0 };

const CREDENTIALS = 'query Bench { credentials(provider: HUBSPOT) { provider status account { id name } scopes connectedAt expiresAt } }';
const LOAD =
  'query Bench { load(provider: HUBSPOT, first: 100) { edges { cursor node { id type name parentId } } pageInfo { hasNextPage endCursor } } }';

interface Scenario {
  name: string;
  url: string;
  method: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: string;
  /** True when a 2xx body is the answer we want (for GraphQL: data present, no `errors`). */
  verify: (body: string) => boolean;
}

interface Measured {
  name: string;
  requestsPerSecond: number;
  p50: number;
  p99: number;
  errors: number;
  requests: number;
  /** What the errors were: GraphQL codes, `non-2xx`, `timeout`, `socket`. */
  errorKinds: Record<string, number>;
}

async function measure(scenario: Scenario, seconds: number): Promise<Measured> {
  const kinds: Record<string, number> = {};
  const verify = (body: string) => {
    if (scenario.verify(body)) return true;
    const kind = /"code":"(\w+)"/.exec(body)?.[1] ?? 'bad body';
    kinds[kind] = (kinds[kind] ?? 0) + 1;
    return false;
  };
  const out = await autocannon({
    url: scenario.url,
    method: scenario.method,
    headers: scenario.headers,
    body: scenario.body,
    connections: CONNECTIONS,
    duration: seconds,
    timeout: CLIENT_TIMEOUT_SECONDS,
    verifyBody: (body) => verify(typeof body === 'string' ? body : String(body ?? '')),
  });
  return {
    name: scenario.name,
    requestsPerSecond: out.requests.average,
    p50: out.latency.p50,
    p99: out.latency.p99,
    // mismatches: 2xx bodies that failed `verify` (GraphQL errors); autocannon counts timeouts inside `errors`.
    errors: out.non2xx + out.errors + out.mismatches,
    requests: out.requests.total,
    errorKinds: Object.fromEntries(
      Object.entries({ ...kinds, 'non-2xx': out.non2xx, timeout: out.timeouts, socket: out.errors - out.timeouts }).filter(
        ([, n]) => n > 0,
      ),
    ),
  };
}

const graphqlOk = (field: string) => (body: string) => {
  try {
    const parsed = JSON.parse(body) as { data?: Record<string, unknown> | null; errors?: unknown };
    return !parsed.errors && parsed.data?.[field] !== null && parsed.data?.[field] !== undefined;
  } catch {
    return false;
  }
};

/** The first answer of a scenario, to flag one that does not work at all (an error instead of data). */
async function probe(scenario: Scenario): Promise<string | null> {
  const response = await fetch(scenario.url, { method: scenario.method, headers: scenario.headers, body: scenario.body });
  const text = await response.text();
  if (response.ok && scenario.verify(text)) return null;
  const code = /"code":"(\w+)"/.exec(text)?.[1];
  return code ? `answers ${code}` : `answers HTTP ${response.status}`;
}

export async function run(options: BenchOptions = {}): Promise<BenchResult[]> {
  const seconds = options.durationSeconds ?? Number(process.env.BENCH_DURATION ?? DEFAULT_SECONDS);
  const log = options.log ?? (() => {});
  const stops: Array<() => Promise<void>> = [];
  try {
    const sessionSecret = randomBytes(32).toString('base64');
    // Production settings (signed sessions, info logs); sandbox limits off so the provider is never the bottleneck.
    const stack = await startBenchStack({
      sandbox: { limits: { hubspot: false, airtable: false, notion: false } },
      env: { AUTH_MODE: 'signed', SESSION_SECRET: sessionSecret, LOG_LEVEL: 'info' },
    });
    stops.push(() => stack.stop());
    const serverUrl = stack.url;
    const barePort = await freePort();
    const bare = await startNodeProcess('bench/lib/bare-koa.js', [String(barePort)], {}, `http://127.0.0.1:${barePort}/`);
    stops.unshift(() => bare.stop());
    const apolloPort = await freePort();
    const bareApollo = await startNodeProcess(
      'bench/lib/bare-apollo.js',
      [String(apolloPort)],
      {},
      `http://127.0.0.1:${apolloPort}/healthz`,
    );
    stops.unshift(() => bareApollo.stop());

    const token = await createSessionToken({ userId: 'bench-user', orgId: 'bench-org' }, sessionSecret, { ttlSeconds: 3_600 });
    await stack.connect('hubspot', null, { authorization: `Bearer ${token}` });
    const graphqlHeaders = { 'content-type': 'application/json', origin: BENCH_ORIGIN, authorization: `Bearer ${token}` };
    const scenarios: Scenario[] = [
      { name: 'bare Koa JSON (baseline)', url: `http://127.0.0.1:${barePort}/`, method: 'GET', verify: (body) => body === '{"ok":true}' },
      // Not targets: they split the gap between the baseline and the real queries (the stack itself, middleware + logging, Apollo with our schema).
      {
        name: 'bare Apollo on Koa { ok } (diagnostic)',
        url: `http://127.0.0.1:${apolloPort}/`,
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ ok }' }),
        verify: graphqlOk('ok'),
      },
      { name: 'server /healthz (diagnostic)', url: `${serverUrl}/healthz`, method: 'GET', verify: (body) => body.includes('"ok"') },
      {
        name: 'GraphQL { __typename } (diagnostic)',
        url: `${serverUrl}/graphql`,
        method: 'POST',
        headers: graphqlHeaders,
        body: JSON.stringify({ query: 'query Bench { __typename }' }),
        verify: graphqlOk('__typename'),
      },
      {
        name: 'credentials',
        url: `${serverUrl}/graphql`,
        method: 'POST',
        headers: graphqlHeaders,
        body: JSON.stringify({ query: CREDENTIALS }),
        verify: graphqlOk('credentials'),
      },
      {
        name: 'load first page (100)',
        url: `${serverUrl}/graphql`,
        method: 'POST',
        headers: graphqlHeaders,
        body: JSON.stringify({ query: LOAD }),
        verify: graphqlOk('load'),
      },
    ];

    const measured: Array<Measured & { problem: string | null }> = [];
    for (const scenario of scenarios) {
      const problem = await probe(scenario);
      log(`${scenario.name}: ${CONNECTIONS} connections for ${seconds} s${problem ? ` (warning: ${problem})` : ''}`);
      measured.push({ ...(await measure(scenario, seconds)), problem });
    }
    log(`\n${formatScenarios(measured)}`);
    return toResults(measured, seconds);
  } finally {
    for (const stop of stops) await stop().catch(() => {});
  }
}

function formatScenarios(rows: ReadonlyArray<Measured & { problem: string | null }>): string {
  const baseline = rows[0]!.requestsPerSecond;
  // The chosen stack's own ceiling: how much of what Apollo on Koa can do at all our queries reach.
  const ceiling = rows.find((r) => r.name.startsWith('bare Apollo'))?.requestsPerSecond ?? Number.NaN;
  const header = [
    'scenario',
    'req/s',
    'p50 ms',
    'p99 ms',
    'errors',
    'requests',
    'ratio to baseline',
    'ratio to bare Apollo',
    'error kinds',
  ];
  const table = rows.map((r) => [
    r.problem ? `${r.name} [NOT YET REAL: ${r.problem}]` : r.name,
    Math.round(r.requestsPerSecond).toLocaleString('en-US'),
    String(r.p50),
    String(r.p99),
    r.errors.toLocaleString('en-US'),
    r.requests.toLocaleString('en-US'),
    (r.requestsPerSecond / baseline).toFixed(2),
    (r.requestsPerSecond / ceiling).toFixed(2),
    Object.entries(r.errorKinds)
      .map(([kind, n]) => `${kind} ${n}`)
      .join(', '),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...table.map((row) => row[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  return [line(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...table.map(line)].join('\n');
}

function toResults(rows: ReadonlyArray<Measured & { problem: string | null }>, seconds: number): BenchResult[] {
  const [baseline, ...graphql] = rows;
  const bench = 'server';
  const common = `${CONNECTIONS} conns, ${seconds} s`;
  const results: BenchResult[] = [
    result({
      bench,
      name: `${baseline!.name} req/s`,
      value: Math.round(baseline!.requestsPerSecond),
      unit: 'req/s',
      note: `${common}, p99 ${baseline!.p99} ms`,
    }),
  ];
  for (const row of graphql) {
    const note = row.problem ? `NOT YET REAL: ${row.problem}` : common;
    if (row.name.includes('(diagnostic)')) {
      results.push(
        result({
          bench,
          name: `${row.name} req/s`,
          value: Math.round(row.requestsPerSecond),
          unit: 'req/s',
          anchor: { label: 'bare Koa', value: Math.round(baseline!.requestsPerSecond) },
          note: `${note}, p99 ${row.p99} ms, errors ${row.errors}`,
        }),
      );
      continue;
    }
    results.push(
      result({
        bench,
        name: `${row.name} req/s`,
        value: Math.round(row.requestsPerSecond),
        unit: 'req/s',
        anchor: { label: 'bare Koa', value: Math.round(baseline!.requestsPerSecond) },
        note,
      }),
      result({
        bench,
        name: `${row.name} ratio to baseline`,
        value: Number((row.requestsPerSecond / baseline!.requestsPerSecond).toFixed(2)),
        unit: 'x',
        anchor: { label: 'bare Koa', value: 1 },
        target: { op: '>=', value: TARGET.ratio },
        note,
      }),
      result({ bench, name: `${row.name} p50`, value: row.p50, unit: 'ms', anchor: { label: 'bare Koa', value: baseline!.p50 }, note }),
      result({
        bench,
        name: `${row.name} p99`,
        value: row.p99,
        unit: 'ms',
        anchor: { label: 'bare Koa', value: baseline!.p99 },
        target: { op: '<', value: TARGET.p99Ms },
        note,
      }),
      result({
        bench,
        name: `${row.name} errors`,
        value: row.errors,
        unit: 'count',
        anchor: { label: 'requests', value: row.requests },
        target: { op: '==', value: TARGET.errors },
        note: [note, ...Object.entries(row.errorKinds).map(([kind, n]) => `${kind} ${n}`)].join(', '),
      }),
    );
  }
  return results;
}

runWhenMain(import.meta.url, 'bench:server (autocannon, loopback)', run);
