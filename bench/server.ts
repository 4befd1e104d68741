/**
 * `npm run bench:server`: the server under load on loopback, against the chosen stack's own ceiling
 * (issue 17). Figures:
 * - `{ __typename }` and `credentials` (signed session, Redis read, decryption) with autocannon, 50
 *   connections, each in ROUNDS rounds interleaved with bare Apollo on Koa (`{ ok }`, no middleware),
 *   so every ratio compares runs seconds apart on the same machine: the median of the per-round
 *   ratios is the figure. Targets: >= 0.85 and >= 0.70 of bare Apollo; credentials p99 < 20 ms; 0 errors.
 * - `load` first page (first: 100) for 50 different connected accounts at once, each account
 *   asking again PACE after its last answer (well inside its provider budget, which bench:load
 *   measures): the server's added latency = what the client saw minus the sandbox's own time for
 *   the provider calls of that request. Targets: p50 <= 5 ms, p99 <= 25 ms, 0 errors.
 * - bare Koa JSON and the server's /healthz: diagnostics (no target), one run each.
 * Errors = non-2xx, socket errors, timeouts and GraphQL errors (every body is checked).
 *
 * Set-up, all on 127.0.0.1 and stopped at the end: a throw-away redis-server, the sandbox providers
 * (rate limits off: this measures our server), the server as `npm run serve` runs it (its own
 * process, NODE_ENV=production, AUTH_MODE=signed, info logs), bare Koa and bare Apollo in their own
 * processes, and 51 identities connected to HubSpot through the OAuth flow.
 */
import { randomBytes } from 'node:crypto';
import type { SandboxResponse } from '../sandbox/src/index.js';
import { createSessionToken } from '../server/src/auth/session-token.js';
import { freePort } from '../test/support/redis-server.js';
import { BENCH_ORIGIN, startBenchStack } from './lib/bench-stack.js';
import { runWhenMain } from './lib/main.js';
import { graphqlOk, measurePacedLoad, median, percentile, type LoadLatency } from './lib/paced-load.js';
import { startNodeProcess } from './lib/processes.js';
import { result, type BenchOptions, type BenchResult } from './lib/result.js';
import { formatScenarios, kinds, measure, probe, type Measured, type Rounds, type Scenario } from './lib/scenarios.js';

const CONNECTIONS = 50;
// Longer than the server's own bound on a load (PROVIDER_QUEUE_MAX_MS, 30 s, plus a provider call):
// an answer that is slow because the provider's budget is used up counts as latency, not as an error.
const CLIENT_TIMEOUT_SECONDS = 45;
/** Seconds per throughput scenario in all, split over ROUNDS interleaved rounds. */
const DEFAULT_SECONDS = 30;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const ACCOUNTS = 50;
/** Each account asks for its next first page this long after its last answer: 5 pages/s at most,
 * half of what HubSpot's default budget (100 calls per 10 s per account) allows for one call each. */
const PACE_MS = 200;
const TARGET = {
  typenameRatio: 0.85,
  credentialsRatio: 0.7,
  credentialsP99Ms: 20,
  addedP50Ms: 5,
  addedP99Ms: 25,
  errors: 0,
};

const CREDENTIALS = 'query Bench { credentials(provider: HUBSPOT) { provider status account { id name } scopes connectedAt expiresAt } }';
// The widget's own Load operation (schema/operations/widget.graphql): what a person's page asks.
const LOAD =
  'query Bench { load(provider: HUBSPOT, first: 100) { edges { node { id type directory parentPathOrName parentId name lastModifiedTime url } } pageInfo { hasNextPage endCursor } incomplete totalCount } }';

const round2 = (n: number) => Math.round(n * 100) / 100;

/** The sandbox reports every answered call here; the paced load client listens while it runs. */
const observers = new Set<(call: SandboxResponse) => void>();

export async function run(options: BenchOptions = {}): Promise<BenchResult[]> {
  const seconds = options.durationSeconds ?? Number(process.env.BENCH_DURATION ?? DEFAULT_SECONDS);
  const roundSeconds = Math.max(1, Math.round(seconds / ROUNDS));
  const log = options.log ?? (() => {});
  const perRound = { connections: CONNECTIONS, seconds: roundSeconds, timeoutSeconds: CLIENT_TIMEOUT_SECONDS };
  const stops: Array<() => Promise<void>> = [];
  try {
    const sessionSecret = randomBytes(32).toString('base64');
    const calls: SandboxResponse[] = [];
    // Production settings (signed sessions, info logs); sandbox limits off so the provider is never the bottleneck.
    const stack = await startBenchStack({
      sandbox: {
        rateLimits: false,
        // 50 HubSpot accounts besides the three: each has its own provider budget, as real accounts do.
        hubspot: { size: { extraAccounts: ACCOUNTS } },
        onResponse: (call) => {
          calls.push(call);
          for (const observe of observers) observe(call);
        },
      },
      // 51 connects from one address: more than the per-IP connect budget a real address gets.
      env: { AUTH_MODE: 'signed', SESSION_SECRET: sessionSecret, LOG_LEVEL: 'info', CONNECT_RATE_LIMIT_PER_IP: '1000' },
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

    const session = (userId: string) => createSessionToken({ userId, orgId: 'bench-org' }, sessionSecret, { ttlSeconds: 3_600 });
    const token = await session('bench-user');
    await stack.connect('hubspot', null, { authorization: `Bearer ${token}` });
    const accounts = await Promise.all(Array.from({ length: ACCOUNTS }, (_, i) => session(`bench-account-${i}`)));
    for (const [i, account] of accounts.entries()) await stack.connect('hubspot', null, { authorization: `Bearer ${account}` }, 3 + i);
    calls.length = 0;

    const graphqlHeaders = { 'content-type': 'application/json', origin: BENCH_ORIGIN, authorization: `Bearer ${token}` };
    const bareApolloScenario: Scenario = {
      name: 'bare Apollo on Koa { ok }',
      url: `http://127.0.0.1:${apolloPort}/`,
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ ok }' }),
      verify: graphqlOk('ok'),
    };
    const diagnostics: Scenario[] = [
      { name: 'bare Koa JSON', url: `http://127.0.0.1:${barePort}/`, method: 'GET', verify: (body) => body === '{"ok":true}' },
      { name: 'server /healthz', url: `${serverUrl}/healthz`, method: 'GET', verify: (body) => body.includes('"ok"') },
    ];
    const targets: Scenario[] = [
      {
        name: 'GraphQL { __typename }',
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
    ];

    const problems = new Map<string, string>();
    for (const scenario of [bareApolloScenario, ...diagnostics, ...targets]) {
      const problem = await probe(scenario);
      if (problem) problems.set(scenario.name, problem);
    }
    const single: Measured[] = [];
    for (const scenario of diagnostics) {
      log(`${scenario.name}: ${CONNECTIONS} connections for ${roundSeconds} s`);
      single.push(await measure(scenario, perRound));
    }
    const rounds: Rounds[] = [bareApolloScenario, ...targets].map((s) => ({ name: s.name, runs: [], ratios: [] }));
    for (let round = 1; round <= ROUNDS; round++) {
      log(`round ${round}/${ROUNDS}: bare Apollo, { __typename }, credentials, ${CONNECTIONS} connections for ${roundSeconds} s each`);
      const [anchor, ...ours] = rounds;
      const base = await measure(bareApolloScenario, perRound);
      anchor!.runs.push(base);
      anchor!.ratios.push(1);
      for (const [index, scenario] of targets.entries()) {
        const measured = await measure(scenario, perRound);
        ours[index]!.runs.push(measured);
        ours[index]!.ratios.push(measured.requestsPerSecond / base.requestsPerSecond);
      }
    }
    log(`load first page, ${ACCOUNTS} accounts at once, each every ${PACE_MS} ms after its answer, for ${seconds} s`);
    const load = await measurePacedLoad(stack, accounts, calls, {
      query: LOAD,
      field: 'load',
      paceMs: PACE_MS,
      timeoutSeconds: CLIENT_TIMEOUT_SECONDS,
      seconds,
      observers,
    });

    log(`\n${formatScenarios(single, rounds, problems)}`);
    log(
      `load, ${ACCOUNTS} accounts: ${load.requests} pages, ${load.callsPerRequest.toFixed(1)} provider calls each; ` +
        `end-to-end p50 ${percentile(load.endToEnd, 50).toFixed(1)} / p99 ${percentile(load.endToEnd, 99).toFixed(1)} ms, ` +
        `sandbox p50 ${percentile(load.sandbox, 50).toFixed(1)} / p99 ${percentile(load.sandbox, 99).toFixed(1)} ms, ` +
        `added p50 ${percentile(load.added, 50).toFixed(1)} / p99 ${percentile(load.added, 99).toFixed(1)} ms, errors ${load.errors}`,
    );
    return toResults(single, rounds, load, problems, roundSeconds, seconds);
  } finally {
    for (const stop of stops) await stop().catch(() => {});
  }
}

function toResults(
  single: readonly Measured[],
  rounds: readonly Rounds[],
  load: LoadLatency,
  problems: ReadonlyMap<string, string>,
  roundSeconds: number,
  seconds: number,
): BenchResult[] {
  const bench = 'server';
  const common = `${CONNECTIONS} conns, ${ROUNDS} rounds of ${roundSeconds} s interleaved with bare Apollo`;
  const [anchor, typename, credentials] = rounds as [Rounds, Rounds, Rounds];
  const anchorRate = Math.round(median(anchor.runs.map((m) => m.requestsPerSecond)));
  const noteOf = (r: Rounds) => (problems.has(r.name) ? `NOT YET REAL: ${problems.get(r.name)}` : common);
  const errorsOf = (r: Rounds) => r.runs.reduce((n, m) => n + m.errors, 0);
  const requestsOf = (r: Rounds) => r.runs.reduce((n, m) => n + m.requests, 0);
  const results: BenchResult[] = [
    ...single.map((m) =>
      result({
        bench,
        name: `${m.name} req/s (diagnostic)`,
        value: Math.round(m.requestsPerSecond),
        unit: 'req/s',
        note: `${CONNECTIONS} conns, ${roundSeconds} s, p99 ${m.p99} ms, errors ${m.errors}`,
      }),
    ),
    result({
      bench,
      name: `${anchor.name} req/s`,
      value: anchorRate,
      unit: 'req/s',
      note: `median of ${ROUNDS} rounds: ${anchor.runs.map((m) => Math.round(m.requestsPerSecond)).join(' / ')}`,
    }),
  ];
  for (const [row, target] of [
    [typename, TARGET.typenameRatio],
    [credentials, TARGET.credentialsRatio],
  ] as const) {
    results.push(
      result({
        bench,
        name: `${row.name} req/s`,
        value: Math.round(median(row.runs.map((m) => m.requestsPerSecond))),
        unit: 'req/s',
        anchor: { label: 'bare Apollo', value: anchorRate },
        note: `median of ${ROUNDS} rounds: ${row.runs.map((m) => Math.round(m.requestsPerSecond)).join(' / ')}`,
      }),
      result({
        bench,
        name: `${row.name} ratio to bare Apollo`,
        value: round2(median(row.ratios)),
        unit: 'x',
        anchor: { label: 'bare Apollo on Koa', value: 1 },
        target: { op: '>=', value: target },
        note: `${noteOf(row)}; per round ${row.ratios.map((x) => x.toFixed(2)).join(' / ')}`,
      }),
      result({
        bench,
        name: `${row.name} errors`,
        value: errorsOf(row),
        unit: 'count',
        anchor: { label: 'requests', value: requestsOf(row) },
        target: { op: '==', value: TARGET.errors },
        note: [noteOf(row), kinds(Object.assign({}, ...row.runs.map((m) => m.errorKinds)) as Record<string, number>)]
          .filter(Boolean)
          .join(', '),
      }),
    );
  }
  results.push(
    result({
      bench,
      name: `${credentials.name} p99`,
      value: median(credentials.runs.map((m) => m.p99)),
      unit: 'ms',
      anchor: { label: 'bare Apollo', value: median(anchor.runs.map((m) => m.p99)) },
      target: { op: '<', value: TARGET.credentialsP99Ms },
      note: `median round; per round ${credentials.runs.map((m) => m.p99).join(' / ')} ms`,
    }),
  );
  const loadNote = `${ACCOUNTS} accounts at once, each again ${PACE_MS} ms after its answer, ${seconds} s, ${load.requests} pages, ${load.callsPerRequest.toFixed(1)} provider calls per page`;
  results.push(
    result({
      bench,
      name: `load first page, ${ACCOUNTS} accounts: added latency p50`,
      value: round2(percentile(load.added, 50)),
      unit: 'ms',
      anchor: { label: 'sandbox p50', value: round2(percentile(load.sandbox, 50)) },
      target: { op: '<=', value: TARGET.addedP50Ms },
      note: `${loadNote}; end-to-end p50 ${percentile(load.endToEnd, 50).toFixed(1)} ms`,
    }),
    result({
      bench,
      name: `load first page, ${ACCOUNTS} accounts: added latency p99`,
      value: round2(percentile(load.added, 99)),
      unit: 'ms',
      anchor: { label: 'sandbox p99', value: round2(percentile(load.sandbox, 99)) },
      target: { op: '<=', value: TARGET.addedP99Ms },
      note: `end-to-end p99 ${percentile(load.endToEnd, 99).toFixed(1)} ms`,
    }),
    result({
      bench,
      name: `load first page, ${ACCOUNTS} accounts: errors`,
      value: load.errors,
      unit: 'count',
      anchor: { label: 'requests', value: load.requests },
      target: { op: '==', value: TARGET.errors },
      note: kinds(load.errorKinds) || undefined,
    }),
  );
  return results;
}

runWhenMain(import.meta.url, 'bench:server (autocannon and a paced client, loopback)', run);
