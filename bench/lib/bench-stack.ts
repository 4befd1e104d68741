import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { startSandbox, type RunningSandbox, type SandboxOptions } from '../../sandbox/src/index.js';
import { freePort, startTestRedis } from '../../test/support/redis-server.js';
import { buildServer } from '../../test/support/server-process.js';
import { callbackMessage, CONFIRM, ENUM, PROVIDERS, sandboxEnv, type ProviderName } from '../../test/support/stack.js';
import { startNodeProcess, type ProcessOptions } from './processes.js';

export const BENCH_ORIGIN = 'http://localhost:3000';

/**
 * The V8 flags production runs the server with (package.json `serve`, the Dockerfile's CMD: keep
 * the three the same). A 32 MB young generation (semi-space; Node 20's default is 16 MB): a
 * request's garbage dies young, so a larger nursery means fewer scavenges, each no slower (its cost
 * is what survives). `BENCH_SERVER_NODE_ARGS` (space-separated) replaces them, to compare.
 */
export const SERVER_NODE_ARGS: readonly string[] =
  process.env.BENCH_SERVER_NODE_ARGS !== undefined
    ? process.env.BENCH_SERVER_NODE_ARGS.split(' ').filter(Boolean)
    : ['--max-semi-space-size=32'];

export interface BenchStack {
  url: string;
  sandbox: RunningSandbox;
  /** The server process's pid, for RSS readings. */
  pid: number;
  graphql<T>(
    query: string,
    variables?: Record<string, unknown>,
    headers?: Record<string, string>,
  ): Promise<{ data?: T; errors?: Array<{ message: string; extensions?: { code?: string } }> }>;
  /** Runs the OAuth flow through the sandbox's approve shortcut; `headers` carry a session in signed mode. */
  connect(
    provider: ProviderName,
    identity: { userId: string; orgId: string } | null,
    headers?: Record<string, string>,
    /** The sandbox account to approve with (its `sandbox_account`); the first when absent. */
    account?: number,
  ): Promise<void>;
  stop(): Promise<void>;
}

/**
 * What every benchmark measures against: a throw-away redis-server, the sandbox, and the server as
 * its own process, compiled and on plain Node as `npm run serve` runs it (so its RSS and CPU are
 * its own), all on loopback.
 */
export async function startBenchStack(
  options: {
    sandbox?: SandboxOptions;
    env?: Record<string, string>;
    process?: ProcessOptions;
    /** Another compiled server (e.g. an older build, to compare two in one run); built from server/src when absent. */
    entry?: string;
  } = {},
): Promise<BenchStack> {
  if (!options.entry) buildServer();
  const redis = await startTestRedis();
  const sandbox = await startSandbox(options.sandbox ?? {});
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  for (const provider of PROVIDERS) sandbox.registerRedirectUri(`${url}/integrations/${provider}/oauth2callback`);
  let server;
  try {
    server = await startNodeProcess(
      options.entry ?? 'server/dist/main.js',
      [],
      {
        ...sandboxEnv(sandbox),
        PORT: String(port),
        HOST: '127.0.0.1',
        PUBLIC_URL: url,
        ALLOWED_ORIGINS: BENCH_ORIGIN,
        REDIS_URL: redis.url,
        ENCRYPTION_KEY: randomBytes(32).toString('base64'),
        AUTH_MODE: 'open',
        NODE_ENV: 'production',
        // Production posture, but identities from the request on loopback: said explicitly.
        ALLOW_OPEN_MODE: 'true',
        // One bench identity loads far more than a person would: the per-identity budgets are not what is measured.
        LOAD_RATE_LIMIT: '100000000',
        LOAD_SCRATCH_LIMIT_MB: '1024',
        LOG_LEVEL: 'warn',
        ...options.env,
      },
      `${url}/readyz`,
      { ...options.process, nodeArgs: [...SERVER_NODE_ARGS, ...(options.process?.nodeArgs ?? [])] },
    );
  } catch (error) {
    await sandbox.close();
    await redis.stop();
    throw error;
  }
  const running = server;

  const graphql = async <T>(query: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = {}) => {
    const response = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: BENCH_ORIGIN, ...headers },
      body: JSON.stringify({ query, variables }),
    });
    return (await response.json()) as { data?: T; errors?: Array<{ message: string; extensions?: { code?: string } }> };
  };

  const connect: BenchStack['connect'] = (provider, identity, headers, account) =>
    connectViaSandbox(url, provider, identity, headers, account);

  return {
    url,
    sandbox,
    pid: running.pid,
    graphql,
    connect,
    async stop() {
      await running.stop();
      await sandbox.close();
      await redis.stop();
    },
  };
}

/**
 * The OAuth flow against a running server whose providers are the sandbox (in this process or its
 * own), through the sandbox's approve shortcut, confirmed as the widget confirms; `headers` carry a
 * session in signed mode.
 */
export async function connectViaSandbox(
  url: string,
  provider: ProviderName,
  identity: { userId: string; orgId: string } | null,
  headers?: Record<string, string>,
  /** Which of the sandbox's accounts consents (its `sandbox_account`); its first by default. */
  account?: number,
): Promise<void> {
  const graphql = async <T>(query: string, variables: Record<string, unknown> = {}, extra: Record<string, string> = {}) => {
    const response = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: BENCH_ORIGIN, ...extra },
      body: JSON.stringify({ query, variables }),
    });
    return (await response.json()) as { data?: T; errors?: Array<{ message: string; extensions?: { code?: string } }> };
  };
  const body = await graphql<{ connect: { authorizationUrl: string } }>(
    `
      mutation ($p: Provider!, $i: IdentityInput) {
        connect(provider: $p, identity: $i) {
          authorizationUrl
        }
      }
    `,
    identity ? { p: ENUM[provider], i: identity } : { p: ENUM[provider] },
    headers,
  );
  if (!body.data) throw new Error(`connect failed: ${JSON.stringify(body.errors)}`);
  const authorize = new URL(body.data.connect.authorizationUrl);
  authorize.searchParams.set('sandbox_approve', 'allow');
  if (account !== undefined) authorize.searchParams.set('sandbox_account', String(account));
  const location = (await fetch(authorize, { redirect: 'manual' })).headers.get('location');
  if (!location) throw new Error('the sandbox did not redirect back');
  const back = new URL(location);
  const callback = await fetch(`${url}${back.pathname}${back.search}`, { redirect: 'manual' });
  const message = callbackMessage(await callback.text());
  if (message?.status !== 'AWAITING_CONFIRMATION') throw new Error(`callback did not approve (${callback.status})`);
  // As the widget does: the page that asked confirms with what the callback handed its browser.
  const confirmed = await graphql(
    CONFIRM,
    identity ? { a: message.attemptId, c: message.confirmation, i: identity } : { a: message.attemptId, c: message.confirmation },
    headers,
  );
  if (!confirmed.data) throw new Error(`confirmConnect failed: ${JSON.stringify(confirmed.errors)}`);
}

/** Resident set of a process now (VmRSS) or its peak so far (VmHWM), in MB. Linux only. */
export function rssMb(pid: number, which: 'now' | 'peak' = 'now'): number {
  const field = which === 'now' ? 'VmRSS' : 'VmHWM';
  const match = new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Number(match[1]) / 1024 : Number.NaN;
}
