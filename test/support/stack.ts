import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll } from 'vitest';
import {
  bySimulator,
  serverEnv,
  SIMULATOR_IDS,
  startSandbox,
  type RunningSandbox,
  type SandboxOptions,
  type SimulatorId,
} from '../../sandbox/src/index.js';
import type { ConnectionEventSink } from '../../server/src/store/index.js';
import { startTestServer, type TestServer } from './test-server.js';
import { freePort } from './redis-server.js';

/** Every provider the stack can connect: the sandbox registry's (the server's registry agrees, a test says so). */
export type ProviderName = SimulatorId;
export const PROVIDERS: readonly ProviderName[] = SIMULATOR_IDS;
/** The GraphQL `Provider` value of each: the id in upper case. */
export const ENUM: Record<ProviderName, string> = bySimulator(({ id }) => id.toUpperCase());

/** Env that points a server at a running sandbox: the same variables production uses. */
export const sandboxEnv = (sandbox: RunningSandbox): Record<string, string> => serverEnv(sandbox);

export interface Stack {
  sandbox: RunningSandbox;
  servers: TestServer[];
  server: TestServer;
  /** The environment every instance was started with (another instance can join with it). */
  env: Record<string, string>;
  close(): Promise<void>;
}

/**
 * Sandbox providers + N server instances sharing one store (Redis when `redisUrl` is given).
 * All instances share one PUBLIC_URL, as behind a load balancer; the callback is sent to the
 * first instance unless a test picks another.
 */
export async function startStack(
  options: {
    sandbox?: SandboxOptions;
    redisUrl?: string;
    instances?: number;
    env?: Record<string, string>;
    /** Where instance `i` hands connection events (default: its debug log). */
    connectionEvents?: (instance: number) => ConnectionEventSink;
  } = {},
): Promise<Stack> {
  // Small data and no rate limits unless a test asks (a provider's own `size` and `limits` win):
  // flow tests must not trip a provider's lock-out.
  const sandbox = await startSandbox({ dataSize: 'small', rateLimits: false, ...options.sandbox });
  const port = await freePort();
  const publicUrl = `http://127.0.0.1:${port}`;
  const env = {
    ...sandboxEnv(sandbox),
    PUBLIC_URL: publicUrl,
    REDIS_KEY_PREFIX: `t:${randomUUID().slice(0, 8)}:`,
    ...(options.redisUrl ? { REDIS_URL: options.redisUrl } : {}),
    ...options.env,
  };
  const servers: TestServer[] = [];
  for (let i = 0; i < (options.instances ?? 1); i++) {
    const connectionEvents = options.connectionEvents?.(i);
    servers.push(await startTestServer({ ...env, PORT: i === 0 ? String(port) : '0' }, connectionEvents ? { connectionEvents } : {}));
  }
  for (const provider of PROVIDERS) sandbox.registerRedirectUri(`${publicUrl}/integrations/${provider}/oauth2callback`);
  return {
    sandbox,
    servers,
    server: servers[0]!,
    env,
    async close() {
      await Promise.all(servers.map((s) => s.close()));
      await sandbox.close();
    },
  };
}

export type StackOptions = Parameters<typeof startStack>[0];

/**
 * The running stack of one `describe`: started in its beforeAll, closed in its afterAll. The
 * handle reads through to the stack once it runs (before that, touching it is a test bug).
 */
export function useStack(options: StackOptions | (() => StackOptions) = {}): Stack {
  let running: Stack | undefined;
  beforeAll(async () => {
    running = await startStack(typeof options === 'function' ? options() : options);
  });
  afterAll(() => running?.close());
  const current = (): Stack => {
    if (!running) throw new Error('The stack starts in beforeAll: use it inside a test or hook.');
    return running;
  };
  return {
    get sandbox() {
      return current().sandbox;
    },
    get servers() {
      return current().servers;
    },
    get server() {
      return current().server;
    },
    get env() {
      return current().env;
    },
    close: () => current().close(),
  };
}

export interface ConnectResult {
  attemptId: string;
  authorizationUrl: string;
  callbackStatus: number;
  callbackHtml: string;
  callbackUrl: string | null;
  /** What the callback page handed to its browser (the popup message), when it got that far. */
  message: CallbackMessage | null;
  /** The code confirmConnect answered, when it was called and failed. */
  confirmCode: string | null;
  /** The consent ended in a stored connection for the identity. */
  connected: boolean;
}

export interface CallbackMessage {
  type: string;
  provider: string;
  status: string;
  state: string | null;
  attemptId: string | null;
  confirmation: string | null;
  errorCode: string | null;
}

export const CONFIRM = `mutation($a: ID!, $c: String!, $i: IdentityInput) { confirmConnect(attemptId: $a, confirmation: $c, identity: $i) { provider status account { id name } } }`;

/** The message the callback page's script posts to its opener, read out of the page. */
export function callbackMessage(html: string): CallbackMessage | null {
  const json = /var message = (\{.*?\});\n/.exec(html)?.[1];
  return json ? (JSON.parse(json) as CallbackMessage) : null;
}

const CONNECT = `mutation($p: Provider!, $i: IdentityInput) { connect(provider: $p, identity: $i) { authorizationUrl attemptId expiresAt } }`;

/**
 * Runs the consent flow the way the widget in a browser would, without one: connect -> the
 * sandbox's authorize URL with its approve shortcut -> follow the redirect to our callback (on
 * `callbackServer`) -> confirmConnect with the confirmation the callback page carries, as the
 * same identity from the same page origin (unless `confirm: false`).
 */
export async function connectThroughSandbox(
  stack: Stack,
  provider: ProviderName,
  identity: { userId: string; orgId: string },
  options: {
    decision?: 'allow' | 'deny';
    account?: number;
    callbackServer?: TestServer;
    headers?: Record<string, string>;
    confirm?: boolean;
  } = {},
): Promise<ConnectResult> {
  const variables = options.headers?.authorization ? { p: ENUM[provider] } : { p: ENUM[provider], i: identity };
  const { body } = await stack.server.graphql<{ connect: { authorizationUrl: string; attemptId: string } }>(
    CONNECT,
    variables,
    options.headers,
  );
  if (!body.data?.connect) throw new Error(`connect failed: ${JSON.stringify(body.errors)}`);
  const { authorizationUrl, attemptId } = body.data.connect;
  const authorize = new URL(authorizationUrl);
  authorize.searchParams.set('sandbox_approve', options.decision ?? 'allow');
  if (options.account !== undefined) authorize.searchParams.set('sandbox_account', String(options.account));
  const consent = await fetch(authorize, { redirect: 'manual' });
  const location = consent.headers.get('location');
  const base = { attemptId, authorizationUrl, message: null, confirmCode: null, connected: false };
  if (!location) return { ...base, callbackStatus: consent.status, callbackHtml: await consent.text(), callbackUrl: null };
  const target = new URL(location);
  const via = options.callbackServer ?? stack.server;
  const callbackUrl = `${via.url}${target.pathname}${target.search}`;
  const callback = await fetch(callbackUrl, { redirect: 'manual' });
  const callbackHtml = await callback.text();
  const message = callbackMessage(callbackHtml);
  const result = {
    ...base,
    callbackStatus: callback.status,
    callbackHtml,
    callbackUrl,
    message,
    connected: message?.status === 'CONNECTED',
  };
  if (message?.status !== 'AWAITING_CONFIRMATION' || options.confirm === false) return result;
  const confirmVariables = options.headers?.authorization
    ? { a: attemptId, c: message.confirmation }
    : { a: attemptId, c: message.confirmation, i: identity };
  const confirmed = await stack.server.graphql<{ confirmConnect: unknown }>(CONFIRM, confirmVariables, options.headers);
  const confirmCode = confirmed.body.errors?.[0]?.extensions?.code ?? null;
  return { ...result, confirmCode, connected: confirmCode === null && !!confirmed.body.data?.confirmConnect };
}

export const CREDENTIALS = `query($p: Provider!, $i: IdentityInput) { credentials(provider: $p, identity: $i) { provider status account { id name } scopes connectedAt expiresAt } }`;
export const ATTEMPT = `query($id: ID!) { connectAttempt(id: $id) { id provider status errorCode expiresAt } }`;
export const DISCONNECT = `mutation($p: Provider!, $i: IdentityInput) { disconnect(provider: $p, identity: $i) }`;
