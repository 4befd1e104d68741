import { describe, expect, inject, it } from 'vitest';
import { startServerProcess } from '../support/server-process.js';
import { callbackMessage, CONFIRM, connectThroughSandbox, CREDENTIALS, ENUM, sandboxEnv, type Stack, useStack } from '../support/stack.js';
import { TEST_ENCRYPTION_KEY, TEST_ORIGIN } from '../support/test-server.js';
import { freshIdentity } from '../support/identity.js';

const ADMIN_API_KEY = 'fault-test-admin-key-0123456789abcdef';
const CONNECT = `mutation($p: Provider!, $i: IdentityInput) { connect(provider: $p, identity: $i) { authorizationUrl } }`;
const TOKEN = `query($i: IdentityInput) { credentials(provider: HUBSPOT, identity: $i) { accessToken } }`;

async function graphql(url: string, query: string, variables: Record<string, unknown>, headers: Record<string, string> = {}) {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: TEST_ORIGIN, ...headers },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as { data?: Record<string, unknown> | null; errors?: Array<{ extensions?: { code?: string } }> };
}

/** Env for a `npm run serve` process that shares Redis, PUBLIC_URL and the sandbox with the in-process stack. */
function processEnv(stack: Stack): Record<string, string> {
  return {
    ...sandboxEnv(stack.sandbox),
    REDIS_URL: inject('redisUrl'),
    REDIS_KEY_PREFIX: stack.server.config.redisKeyPrefix,
    ENCRYPTION_KEY: TEST_ENCRYPTION_KEY,
    PUBLIC_URL: stack.server.config.publicUrl,
    ALLOWED_ORIGINS: TEST_ORIGIN,
    AUTH_MODE: 'open',
    ADMIN_API_KEY,
    PROVIDER_TIMEOUT_MS: '1000',
  };
}

describe('server processes under faults', () => {
  const stack = useStack({
    redisUrl: inject('redisUrl'),
    sandbox: { hubspot: { tokenLifetimeSeconds: 1 } },
    env: { ADMIN_API_KEY, PROVIDER_TIMEOUT_MS: '1000' },
  });

  it('SIGTERM during traffic: the in-flight request finishes, new ones are refused, exit 0', async () => {
    const server = await startServerProcess(processEnv(stack));
    const who = freshIdentity();
    const started = await graphql(server.url, CONNECT, { p: 'NOTION', i: who });
    const authorize = new URL((started.data!.connect as { authorizationUrl: string }).authorizationUrl);
    authorize.searchParams.set('sandbox_approve', 'allow');
    const callback = new URL((await fetch(authorize, { redirect: 'manual' })).headers.get('location')!);
    // The code exchange will take 800 ms at the provider: the callback is in flight when SIGTERM lands.
    stack.sandbox.faults.inject({ provider: 'notion', kind: 'delay', delayMs: 800, pathPrefix: '/v1/oauth/token', count: 1 });
    const inFlight = fetch(`${server.url}${callback.pathname}${callback.search}`).then(async (r) => ({
      status: r.status,
      html: await r.text(),
    }));
    await new Promise((r) => setTimeout(r, 200));
    server.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 100));
    await expect(fetch(`${server.url}/healthz`)).rejects.toThrow();
    const finished = await inFlight;
    expect(finished.status).toBe(200);
    const message = callbackMessage(finished.html);
    expect(message?.status).toBe('AWAITING_CONFIRMATION');
    expect(await server.exited).toBe(0);
    // The pending grant is in the shared store: another instance takes the confirmation.
    const confirmed = await stack.server.graphql(CONFIRM, { a: message!.attemptId, c: message!.confirmation, i: who });
    expect(confirmed.body.errors).toBeUndefined();
    const { body } = await stack.server.graphql<{ credentials: { status: string } }>(CREDENTIALS, { p: ENUM.notion, i: who });
    expect(body.data?.credentials.status).toBe('CONNECTED');
  });

  it('a server instance killed during a refresh leaves the connection usable', async () => {
    const who = freshIdentity();
    expect((await connectThroughSandbox(stack, 'hubspot', who)).connected).toBe(true);
    const before = (await stack.server.stores.connections.get({ ...who, provider: 'hubspot' }))!;
    await new Promise((r) => setTimeout(r, 1_100)); // the 1 s access token has expired

    const doomed = await startServerProcess(processEnv(stack));
    stack.sandbox.faults.inject({ provider: 'hubspot', kind: 'delay', delayMs: 700, pathPrefix: '/oauth/2026-03/token', count: 1 });
    const refreshCalls = stack.sandbox.stats().hubspot.tokenCalls.refresh_token;
    void graphql(doomed.url, TOKEN, { i: who }, { 'x-admin-key': ADMIN_API_KEY }).catch(() => undefined);
    await expect
      .poll(() => stack.sandbox.stats().hubspot.tokenCalls.refresh_token, { timeout: 5_000, interval: 10 })
      .toBe(refreshCalls + 1);
    doomed.kill('SIGKILL'); // dies holding the refresh lease, before storing the result
    await doomed.exited;

    // Another instance waits out the dead owner's lease (3 x PROVIDER_TIMEOUT_MS) and refreshes itself.
    const after = await stack.server.graphql<{ credentials: { accessToken: string } }>(TOKEN, { i: who }, { 'x-admin-key': ADMIN_API_KEY });
    expect(after.body.errors).toBeUndefined();
    expect(after.body.data?.credentials.accessToken).toBeTruthy();
    const stored = (await stack.server.stores.connections.get({ ...who, provider: 'hubspot' }))!;
    expect(stored.status).toBe('CONNECTED');
    expect(stored.version).toBeGreaterThan(before.version);
    expect(stored.accessTokenExpiresAt).toBeGreaterThan(Date.now());
  });
});
