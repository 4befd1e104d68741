import { afterEach, describe, expect, inject, it } from 'vitest';
import { freshIdentity } from '../support/identity.js';
import { dataPath, expectExactlyOnce, expectedItemIds, loadAll, loadPage } from '../support/load.js';
import { connectThroughSandbox, PROVIDERS, useStack } from '../support/stack.js';

/**
 * Loads while providers misbehave (sandbox over real HTTP, real Redis): what the retry policy
 * absorbs, and what it must pass on to the client with a stable code and without a token.
 */
describe('load under provider faults', () => {
  const stack = useStack({
    redisUrl: inject('redisUrl'),
    sandbox: { hubspot: { size: { contacts: 150 } }, airtable: { size: { bases: 4 } }, notion: { size: { items: 200 } } },
    // Backoff shrunk so the suite stays fast; the policy is the production one.
    env: { PROVIDER_RETRY_BASE_MS: '5', PROVIDER_MAX_WAIT_MS: '40', PROVIDER_TIMEOUT_MS: '300' },
  });
  afterEach(() => stack.sandbox.faults.clear());

  it.each(PROVIDERS)(
    '%s: completes through 429s, 502s, 503s, timeouts and slow responses (30% of data calls): every item once, nothing surfaced',
    async (provider) => {
      const who = freshIdentity();
      await connectThroughSandbox(stack, provider, who);
      const before = stack.sandbox.stats()[provider].faultsInjected;
      const pathPrefix = dataPath(provider);
      // The first data call always fails (an account's load may be only a handful of calls), then 30% at random.
      stack.sandbox.faults.inject({ provider, kind: 'server_error', status: 503, count: 1, pathPrefix });
      stack.sandbox.faults.inject({ provider, kind: 'rate_limit', rate: 0.1, pathPrefix });
      stack.sandbox.faults.inject({ provider, kind: 'server_error', status: 503, rate: 0.05, pathPrefix });
      stack.sandbox.faults.inject({ provider, kind: 'server_error', status: 502, rate: 0.05, pathPrefix });
      stack.sandbox.faults.inject({ provider, kind: 'timeout', rate: 0.05, pathPrefix });
      stack.sandbox.faults.inject({ provider, kind: 'delay', delayMs: 150, rate: 0.05, pathPrefix });
      const { items } = await loadAll(stack.server, provider, who, { first: 25 });
      expectExactlyOnce(items, expectedItemIds(stack.sandbox.dataset, provider));
      expect(stack.sandbox.stats()[provider].faultsInjected - before).toBeGreaterThan(0);
    },
    30_000,
  );

  it('retries a request the provider never answers (per-request timeout)', async () => {
    const who = freshIdentity();
    await connectThroughSandbox(stack, 'hubspot', who);
    stack.sandbox.faults.inject({ provider: 'hubspot', kind: 'timeout', count: 2, pathPrefix: '/crm/' });
    const { items } = await loadAll(stack.server, 'hubspot', who);
    expectExactlyOnce(items, expectedItemIds(stack.sandbox.dataset, 'hubspot'));
  });

  it.each(PROVIDERS)('%s: an access token that expires mid-load is refreshed transparently', async (provider) => {
    const who = freshIdentity();
    await connectThroughSandbox(stack, provider, who);
    const refreshes = stack.sandbox.stats()[provider].tokenCalls.refresh_token;
    const { items } = await loadAll(stack.server, provider, who, {
      first: 40,
      between: (page) => {
        if (page === 1) stack.sandbox.expireAccessTokens(provider);
      },
    });
    expectExactlyOnce(items, expectedItemIds(stack.sandbox.dataset, provider));
    expect(stack.sandbox.stats()[provider].tokenCalls.refresh_token).toBe(refreshes + 1);
  });

  it('refuses a cursor read by one identity when another presents it', async () => {
    const alice = freshIdentity();
    const mallory = freshIdentity();
    await connectThroughSandbox(stack, 'hubspot', alice);
    await connectThroughSandbox(stack, 'hubspot', mallory);
    const { page } = await loadPage(stack.server, 'hubspot', alice, 5);
    const stolen = page!.pageInfo.endCursor!;
    expect(await loadPage(stack.server, 'hubspot', mallory, 5, stolen)).toMatchObject({ page: null, code: 'BAD_USER_INPUT' });
    // ... and for another provider, and once tampered with.
    await connectThroughSandbox(stack, 'notion', alice);
    expect((await loadPage(stack.server, 'notion', alice, 5, stolen)).code).toBe('BAD_USER_INPUT');
    const tampered = `${stolen.slice(0, -4)}${stolen.endsWith('AAAA') ? 'BBBB' : 'AAAA'}`;
    expect((await loadPage(stack.server, 'hubspot', alice, 5, tampered)).code).toBe('BAD_USER_INPUT');
    expect((await loadPage(stack.server, 'hubspot', alice, 5, stolen)).page!.edges).toHaveLength(5);
  });

  it('answers PROVIDER_RATE_LIMITED only once every retry met a 429', async () => {
    const who = freshIdentity();
    await connectThroughSandbox(stack, 'notion', who);
    stack.sandbox.faults.inject({ provider: 'notion', kind: 'rate_limit', pathPrefix: '/v1/search' });
    expect(await loadPage(stack.server, 'notion', who)).toMatchObject({ page: null, code: 'PROVIDER_RATE_LIMITED' });
  });

  it('answers RECONNECT_REQUIRED when the grant was revoked at the provider', async () => {
    const who = freshIdentity();
    await connectThroughSandbox(stack, 'airtable', who);
    stack.sandbox.revokeGrants('airtable');
    expect(await loadPage(stack.server, 'airtable', who)).toMatchObject({ page: null, code: 'RECONNECT_REQUIRED' });
  });

  it('passes a provider error on as PROVIDER_ERROR with its message and never a token', async () => {
    const who = freshIdentity();
    await connectThroughSandbox(stack, 'hubspot', who);
    stack.sandbox.faults.inject({ provider: 'hubspot', kind: 'server_error', status: 500, pathPrefix: '/crm/' });
    const result = await loadPage(stack.server, 'hubspot', who);
    expect(result).toMatchObject({ page: null, code: 'PROVIDER_ERROR' });
    const connection = await stack.server.stores.connections.get({ ...who, provider: 'hubspot' });
    expect(result.message).not.toContain(connection!.accessToken);
    expect(stack.server.logs.text).not.toContain(connection!.accessToken);
  });

  it('answers NOT_CONNECTED and BAD_USER_INPUT for a bad page size', async () => {
    const who = freshIdentity();
    expect((await loadPage(stack.server, 'notion', who)).code).toBe('NOT_CONNECTED');
    await connectThroughSandbox(stack, 'notion', who);
    expect((await loadPage(stack.server, 'notion', who, 201)).code).toBe('BAD_USER_INPUT');
    expect((await loadPage(stack.server, 'notion', who, 0)).code).toBe('BAD_USER_INPUT');
  });
});
