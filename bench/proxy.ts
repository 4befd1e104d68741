/**
 * `npm run bench:proxy`: what the provider proxy adds to a provider call. The same HubSpot contacts
 * list (`GET /crm/v3/objects/contacts?limit=10`) is called directly on the sandbox with the access
 * token, and through `/proxy/hubspot/...` with the admin key, with autocannon at 50 connections for
 * 10 s each (BENCH_DURATION=<s>), and through a bare node:http forwarder (the least one extra hop
 * costs on this machine: a diagnostic, no target), in 3 interleaved rounds (BENCH_ROUNDS=<n>): the
 * machine is shared, so each ratio is taken within a round and the median of the rounds is
 * reported. Figures: the throughput ratio proxied / direct, the added p50 and p99 latency, errors;
 * then the same pair at 1 connection (no queueing: the pure cost of one proxied call, measured
 * with sub-millisecond timers). Targets (issue 16): added p50 <= 2 ms, ratio >= 0.5, 0 errors.
 *
 * Set-up, all on 127.0.0.1 and stopped at the end: a throw-away redis-server, the sandbox in its
 * own process (limits off), the server compiled and on plain Node as `npm run serve` runs it
 * (NODE_ENV=production, Redis store, info logs: every proxied call writes its log lines), with the
 * HubSpot budget set out of reach (the limiter still books every call in Redis: that cost is part
 * of the figure), one identity connected through the OAuth flow. autocannon runs in this process.
 */
import { randomBytes } from 'node:crypto';
import autocannon from 'autocannon';
import { DEFAULT_CLIENTS, portVariable, SIMULATOR_IDS } from '../sandbox/src/index.js';
import { freePort, startTestRedis } from '../test/support/redis-server.js';
import { buildServer } from '../test/support/server-process.js';
import { BENCH_ORIGIN, connectViaSandbox, SERVER_NODE_ARGS } from './lib/bench-stack.js';
import { runWhenMain } from './lib/main.js';
import { median } from './lib/paced-load.js';
import { startNodeProcess } from './lib/processes.js';
import { result, type BenchOptions, type BenchResult } from './lib/result.js';
import { sequential, type SequentialTarget } from './lib/sequential.js';

const CONNECTIONS = 50;
const DEFAULT_SECONDS = 10;
const DEFAULT_ROUNDS = 3;
const SEQUENTIAL_CALLS = 2_000;
const TARGET = { addedP50Ms: 2, ratio: 0.5, errors: 0 };
const ADMIN_KEY = randomBytes(24).toString('base64url');
const IDENTITY = { orgId: 'bench-org', userId: 'bench-user' };
const PATH = '/crm/v3/objects/contacts?limit=10&properties=email';

type Target = SequentialTarget;

interface Measured {
  requestsPerSecond: number;
  p50: number;
  p99: number;
  errors: number;
  requests: number;
}

interface Round {
  direct: Measured;
  bare: Measured;
  proxied: Measured;
}

/** The rounds' figures, each the median over the rounds; ratios and added latencies are taken within a round first. */
interface Summary {
  direct: Measured;
  bare: Measured;
  proxied: Measured;
  ratio: number;
  bareRatio: number;
  proxiedToBare: number;
  addedP50: number;
  addedP99: number;
  rounds: number;
}

function summarize(rounds: Round[]): Summary {
  const of = (pick: (round: Round) => Measured): Measured => ({
    requestsPerSecond: median(rounds.map((r) => pick(r).requestsPerSecond)),
    p50: median(rounds.map((r) => pick(r).p50)),
    p99: median(rounds.map((r) => pick(r).p99)),
    // Errors and calls are counted over every round, not a median.
    errors: rounds.reduce((sum, r) => sum + pick(r).errors, 0),
    requests: rounds.reduce((sum, r) => sum + pick(r).requests, 0),
  });
  return {
    direct: of((r) => r.direct),
    bare: of((r) => r.bare),
    proxied: of((r) => r.proxied),
    ratio: median(rounds.map((r) => r.proxied.requestsPerSecond / r.direct.requestsPerSecond)),
    bareRatio: median(rounds.map((r) => r.bare.requestsPerSecond / r.direct.requestsPerSecond)),
    proxiedToBare: median(rounds.map((r) => r.proxied.requestsPerSecond / r.bare.requestsPerSecond)),
    addedP50: median(rounds.map((r) => r.proxied.p50 - r.direct.p50)),
    addedP99: median(rounds.map((r) => r.proxied.p99 - r.direct.p99)),
    rounds: rounds.length,
  };
}

const isContactsList = (body: string) => body.startsWith('{"results":[');

async function measure(target: Target, connections: number, seconds: number): Promise<Measured> {
  const out = await autocannon({
    url: target.url,
    headers: target.headers,
    connections,
    duration: seconds,
    verifyBody: (body) => isContactsList(typeof body === 'string' ? body : String(body ?? '')),
  });
  return {
    requestsPerSecond: out.requests.average,
    p50: out.latency.p50,
    p99: out.latency.p99,
    errors: out.non2xx + out.errors + out.mismatches,
    requests: out.requests.total,
  };
}

export async function run(options: BenchOptions = {}): Promise<BenchResult[]> {
  const seconds = options.durationSeconds ?? Number(process.env.BENCH_DURATION ?? DEFAULT_SECONDS);
  const roundCount = Math.max(1, Number(process.env.BENCH_ROUNDS ?? DEFAULT_ROUNDS));
  const log = options.log ?? (() => {});
  const stops: Array<() => Promise<void>> = [];
  try {
    buildServer();
    const redis = await startTestRedis();
    stops.unshift(() => redis.stop());
    const [serverPort, ...sandboxPorts] = await Promise.all([freePort(), ...SIMULATOR_IDS.map(() => freePort())]);
    const ports = Object.fromEntries(SIMULATOR_IDS.map((id, i) => [id, sandboxPorts[i]!]));
    const hubspotPort = ports.hubspot!;
    const serverUrl = `http://127.0.0.1:${serverPort}`;
    const sandboxUrl = (port: number) => `http://127.0.0.1:${port}`;
    const sandbox = await startNodeProcess(
      'sandbox/src/main.ts',
      [],
      {
        ...Object.fromEntries(SIMULATOR_IDS.map((id) => [portVariable(id), String(ports[id])])),
        SANDBOX_LIMITS: 'off',
        PUBLIC_URL: serverUrl,
      },
      `${sandboxUrl(hubspotPort)}/__sandbox/stats`,
    );
    stops.unshift(() => sandbox.stop());
    const server = await startNodeProcess(
      'server/dist/main.js',
      [],
      {
        HUBSPOT_CLIENT_ID: DEFAULT_CLIENTS.hubspot.clientId,
        HUBSPOT_CLIENT_SECRET: DEFAULT_CLIENTS.hubspot.clientSecret ?? '',
        HUBSPOT_AUTH_URL: sandboxUrl(hubspotPort),
        HUBSPOT_API_URL: sandboxUrl(hubspotPort),
        // Out of reach, so the sandbox (limits off) is what is measured; every call still books the limiter.
        HUBSPOT_RATE_LIMIT_PER_10_SECONDS: '1000000',
        PORT: String(serverPort),
        HOST: '127.0.0.1',
        PUBLIC_URL: serverUrl,
        ALLOWED_ORIGINS: BENCH_ORIGIN,
        REDIS_URL: redis.url,
        ENCRYPTION_KEY: randomBytes(32).toString('base64'),
        ADMIN_API_KEY: ADMIN_KEY,
        AUTH_MODE: 'open',
        NODE_ENV: 'production',
        ALLOW_OPEN_MODE: 'true',
        LOG_LEVEL: 'info',
      },
      `${serverUrl}/readyz`,
      { nodeArgs: [...SERVER_NODE_ARGS] },
    );
    stops.unshift(() => server.stop());

    const barePort = await freePort();
    const bare = await startNodeProcess(
      'bench/lib/bare-forwarder.js',
      [String(barePort), sandboxUrl(hubspotPort)],
      {},
      `http://127.0.0.1:${barePort}/__sandbox/stats`,
    );
    stops.unshift(() => bare.stop());

    await connectViaSandbox(serverUrl, 'hubspot', IDENTITY);
    const credentials = await fetch(`${serverUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-admin-key': ADMIN_KEY },
      body: JSON.stringify({
        query: 'query($i: IdentityInput) { credentials(provider: HUBSPOT, identity: $i) { accessToken } }',
        variables: { i: IDENTITY },
      }),
    });
    const accessToken = ((await credentials.json()) as { data?: { credentials?: { accessToken?: string } } }).data?.credentials
      ?.accessToken;
    if (!accessToken) throw new Error('no access token for the direct calls');

    const direct: Target = {
      name: 'direct',
      url: `${sandboxUrl(hubspotPort)}${PATH}`,
      headers: { authorization: `Bearer ${accessToken}` },
    };
    const proxied: Target = {
      name: 'proxied',
      url: `${serverUrl}/proxy/hubspot${PATH}`,
      headers: { 'x-admin-key': ADMIN_KEY, 'x-org-id': IDENTITY.orgId, 'x-user-id': IDENTITY.userId },
    };

    const forwarded: Target = { name: 'bare forwarder', url: `http://127.0.0.1:${barePort}${PATH}`, headers: direct.headers };

    log(`direct, bare forwarder and proxied, ${CONNECTIONS} connections for ${seconds} s each, ${roundCount} rounds`);
    // Each once before measuring, so none pays for cold pools or JIT.
    for (const target of [direct, forwarded, proxied]) await measure(target, CONNECTIONS, 1);
    const rounds: Round[] = [];
    for (let round = 1; round <= roundCount; round++) {
      const measured: Round = {
        direct: await measure(direct, CONNECTIONS, seconds),
        bare: await measure(forwarded, CONNECTIONS, seconds),
        proxied: await measure(proxied, CONNECTIONS, seconds),
      };
      rounds.push(measured);
      log(
        `round ${round}: direct ${Math.round(measured.direct.requestsPerSecond)} req/s (errors ${measured.direct.errors}) p50 ${measured.direct.p50} p99 ${measured.direct.p99}; ` +
          `bare forwarder ${Math.round(measured.bare.requestsPerSecond)} req/s p50 ${measured.bare.p50} p99 ${measured.bare.p99}; ` +
          `proxied ${Math.round(measured.proxied.requestsPerSecond)} req/s (errors ${measured.proxied.errors}) p50 ${measured.proxied.p50} p99 ${measured.proxied.p99}; ` +
          `ratio ${(measured.proxied.requestsPerSecond / measured.direct.requestsPerSecond).toFixed(2)}`,
      );
    }
    const loaded = summarize(rounds);
    log(`one connection, ${SEQUENTIAL_CALLS} calls each`);
    const alone = {
      direct: await sequential(direct, SEQUENTIAL_CALLS, isContactsList),
      proxied: await sequential(proxied, SEQUENTIAL_CALLS, isContactsList),
    };
    log(
      `median of ${roundCount}: ratio ${loaded.ratio.toFixed(2)}, added p50 ${loaded.addedP50} ms, bare forwarder ratio ${loaded.bareRatio.toFixed(2)}, proxied to bare ${loaded.proxiedToBare.toFixed(2)}; ` +
        `alone: direct p50 ${alone.direct.p50.toFixed(2)} p99 ${alone.direct.p99.toFixed(2)}, proxied p50 ${alone.proxied.p50.toFixed(2)} p99 ${alone.proxied.p99.toFixed(2)}`,
    );
    return toResults(loaded, alone, seconds);
  } finally {
    for (const stop of stops) await stop().catch(() => {});
  }
}

function toResults(
  loaded: Summary,
  alone: { direct: { p50: number; p99: number }; proxied: { p50: number; p99: number } },
  seconds: number,
): BenchResult[] {
  const bench = 'proxy';
  const note = `${CONNECTIONS} conns, ${seconds} s, median of ${loaded.rounds} interleaved rounds, HubSpot contacts list (10), sandbox limits off`;
  const round2 = (value: number) => Math.round(value * 100) / 100;
  return [
    result({
      bench,
      name: 'direct req/s',
      value: Math.round(loaded.direct.requestsPerSecond),
      unit: 'req/s',
      note: `${note}, p50 ${loaded.direct.p50} ms, p99 ${loaded.direct.p99} ms`,
    }),
    result({
      bench,
      name: 'proxied req/s',
      value: Math.round(loaded.proxied.requestsPerSecond),
      unit: 'req/s',
      anchor: { label: 'direct', value: Math.round(loaded.direct.requestsPerSecond) },
      note: `${note}, p50 ${loaded.proxied.p50} ms, p99 ${loaded.proxied.p99} ms`,
    }),
    result({
      bench,
      name: 'throughput ratio proxied / direct',
      value: round2(loaded.ratio),
      unit: 'x',
      anchor: { label: 'direct', value: 1 },
      target: { op: '>=', value: TARGET.ratio },
      note,
    }),
    result({
      bench,
      name: 'bare forwarder ratio to direct (diagnostic)',
      value: round2(loaded.bareRatio),
      unit: 'x',
      anchor: { label: 'direct', value: 1 },
      note: `${note}; plain node:http forwarding, nothing else: this machine's ceiling for one extra hop (${Math.round(loaded.bare.requestsPerSecond)} req/s, p50 ${loaded.bare.p50} ms, p50 of direct ${loaded.direct.p50} ms)`,
    }),
    result({
      bench,
      name: 'proxied ratio to the bare forwarder (diagnostic)',
      value: round2(loaded.proxiedToBare),
      unit: 'x',
      anchor: { label: 'bare forwarder', value: 1 },
      note: `${note}; what auth, the store, the limiter, header rules and logs cost on top of the hop`,
    }),
    result({
      bench,
      name: `added p50 at ${CONNECTIONS} connections`,
      value: loaded.addedP50,
      unit: 'ms',
      anchor: { label: 'direct p50', value: loaded.direct.p50 },
      target: { op: '<=', value: TARGET.addedP50Ms },
      note: `${note}; autocannon's 1 ms resolution`,
    }),
    result({
      bench,
      name: `added p99 at ${CONNECTIONS} connections`,
      value: loaded.addedP99,
      unit: 'ms',
      anchor: { label: 'direct p99', value: loaded.direct.p99 },
      note,
    }),
    result({
      bench,
      name: 'proxied errors',
      value: loaded.proxied.errors,
      unit: 'count',
      anchor: { label: 'requests', value: loaded.proxied.requests },
      target: { op: '==', value: TARGET.errors },
      note: `${note}; every round's: non-2xx, socket errors, timeouts and bodies that are not the contacts list`,
    }),
    result({
      bench,
      name: 'added p50, one connection',
      value: round2(alone.proxied.p50 - alone.direct.p50),
      unit: 'ms',
      anchor: { label: 'direct p50', value: round2(alone.direct.p50) },
      target: { op: '<=', value: TARGET.addedP50Ms },
      note: `${SEQUENTIAL_CALLS} sequential calls, no queueing: the cost of one proxied call`,
    }),
    result({
      bench,
      name: 'added p99, one connection',
      value: round2(alone.proxied.p99 - alone.direct.p99),
      unit: 'ms',
      anchor: { label: 'direct p99', value: round2(alone.direct.p99) },
      note: `${SEQUENTIAL_CALLS} sequential calls`,
    }),
  ];
}

runWhenMain(import.meta.url, 'bench:proxy (autocannon, loopback)', run);
