import { randomUUID } from 'node:crypto';
import { serverEnv, startSandbox, type RunningSandbox, type SandboxOptions } from '../../sandbox/src/index.js';
import { startTestServer, type TestServer } from './test-server.js';
import { freePort } from './redis-server.js';

export type ProviderName = 'hubspot' | 'airtable' | 'notion';
export const PROVIDERS: readonly ProviderName[] = ['hubspot', 'airtable', 'notion'];
export const ENUM: Record<ProviderName, string> = { hubspot: 'HUBSPOT', airtable: 'AIRTABLE', notion: 'NOTION' };

/** Env that points a server at a running sandbox: the same variables production uses. */
export const sandboxEnv = (sandbox: RunningSandbox): Record<string, string> => serverEnv(sandbox);

export interface Stack {
  sandbox: RunningSandbox;
  servers: TestServer[];
  server: TestServer;
  close(): Promise<void>;
}

/**
 * Sandbox providers + N server instances sharing one store (Redis when `redisUrl` is given).
 * All instances share one PUBLIC_URL, as behind a load balancer; the callback is sent to the
 * first instance unless a test picks another.
 */
export async function startStack(options: { sandbox?: SandboxOptions; redisUrl?: string; instances?: number; env?: Record<string, string> } = {}): Promise<Stack> {
  // Small data and no rate limits unless a test asks: flow tests must not trip Airtable's 30 s lock-out.
  const sandbox = await startSandbox({
    size: { hubspotContacts: 50, airtableBases: 3, notionItems: 40 },
    limits: { hubspot: false, airtable: false, notion: false },
    ...options.sandbox,
  });
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
  for (let i = 0; i < (options.instances ?? 1); i++) servers.push(await startTestServer({ ...env, PORT: i === 0 ? String(port) : '0' }));
  for (const provider of PROVIDERS) sandbox.registerRedirectUri(`${publicUrl}/integrations/${provider}/oauth2callback`);
  return {
    sandbox,
    servers,
    server: servers[0]!,
    async close() {
      await Promise.all(servers.map((s) => s.close()));
      await sandbox.close();
    },
  };
}

export interface ConnectResult {
  attemptId: string;
  authorizationUrl: string;
  callbackStatus: number;
  callbackHtml: string;
  callbackUrl: string | null;
  /** The consent ended in a stored connection for the identity. */
  connected: boolean;
}

const CONNECT = `mutation($p: Provider!, $i: IdentityInput) { connect(provider: $p, identity: $i) { authorizationUrl attemptId expiresAt } }`;

/**
 * Runs the consent flow the way a browser would, without one: connect -> the sandbox's authorize
 * URL with its approve shortcut -> follow the redirect to our callback (on `callbackServer`).
 */
export async function connectThroughSandbox(
  stack: Stack,
  provider: ProviderName,
  identity: { userId: string; orgId: string },
  options: { decision?: 'allow' | 'deny'; account?: number; callbackServer?: TestServer; headers?: Record<string, string> } = {},
): Promise<ConnectResult> {
  const variables = options.headers?.authorization ? { p: ENUM[provider] } : { p: ENUM[provider], i: identity };
  const { body } = await stack.server.graphql<{ connect: { authorizationUrl: string; attemptId: string } }>(CONNECT, variables, options.headers);
  if (!body.data?.connect) throw new Error(`connect failed: ${JSON.stringify(body.errors)}`);
  const { authorizationUrl, attemptId } = body.data.connect;
  const authorize = new URL(authorizationUrl);
  authorize.searchParams.set('sandbox_approve', options.decision ?? 'allow');
  if (options.account !== undefined) authorize.searchParams.set('sandbox_account', String(options.account));
  const consent = await fetch(authorize, { redirect: 'manual' });
  const location = consent.headers.get('location');
  if (!location) return { attemptId, authorizationUrl, callbackStatus: consent.status, callbackHtml: await consent.text(), callbackUrl: null, connected: false };
  const target = new URL(location);
  const via = options.callbackServer ?? stack.server;
  const callbackUrl = `${via.url}${target.pathname}${target.search}`;
  const callback = await fetch(callbackUrl, { redirect: 'manual' });
  const callbackHtml = await callback.text();
  return { attemptId, authorizationUrl, callbackStatus: callback.status, callbackHtml, callbackUrl, connected: /Connected to/.test(callbackHtml) };
}

export const CREDENTIALS = `query($p: Provider!, $i: IdentityInput) { credentials(provider: $p, identity: $i) { provider status account { id name } scopes connectedAt expiresAt } }`;
export const ATTEMPT = `query($id: ID!) { connectAttempt(id: $id) { id provider status errorCode expiresAt } }`;
export const DISCONNECT = `mutation($p: Provider!, $i: IdentityInput) { disconnect(provider: $p, identity: $i) }`;
