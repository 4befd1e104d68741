import { afterEach, describe, expect, inject, it } from 'vitest';
import { expectExactlyOnce, expectedItemIds, loadAll, loadPage } from '../../../test/support/load.js';
import { connectThroughSandbox, useStack } from '../../../test/support/stack.js';
import { freshIdentity } from '../../../test/support/identity.js';

/** The longest single wait here: long enough to tell "waited the window" from sub-second jitter. */
const MAX_WAIT_MS = 1_500;

describe('what a provider 429 says decides the retry (sandbox over real HTTP, real Redis)', () => {
  const stack = useStack({
    redisUrl: inject('redisUrl'),
    sandbox: { hubspot: { size: { contacts: 30 } }, notion: { size: { items: 30 } } },
    // Jitter alone would retry within 5 ms; a documented window waits the (capped) window.
    env: { PROVIDER_RETRY_BASE_MS: '5', PROVIDER_MAX_WAIT_MS: String(MAX_WAIT_MS) },
  });
  afterEach(() => stack.sandbox.faults.clear());

  it('HubSpot TEN_SECONDLY_ROLLING: waits for the window (10 s x attempt, capped), then completes (Q6)', async () => {
    const who = freshIdentity();
    await connectThroughSandbox(stack, 'hubspot', who);
    stack.sandbox.faults.inject({ provider: 'hubspot', kind: 'rate_limit', policy: 'TEN_SECONDLY_ROLLING', count: 1, pathPrefix: '/crm/' });
    const started = performance.now();
    const { items } = await loadAll(stack.server, 'hubspot', who, { first: 200 });
    expect(performance.now() - started).toBeGreaterThanOrEqual(MAX_WAIT_MS - 50);
    expectExactlyOnce(items, expectedItemIds(stack.sandbox.dataset, 'hubspot'));
  });

  it.each([
    ['HubSpot DAILY', 'hubspot', 'DAILY', '/crm/'],
    ['Notion public_api_request_blocked', 'notion', 'public_api_request_blocked', '/v1/search'],
  ] as const)(
    '%s: answers PROVIDER_RATE_LIMITED after one call, without retrying (Q6, Q11)',
    async (_name, provider, policy, pathPrefix) => {
      const who = freshIdentity();
      await connectThroughSandbox(stack, provider, who);
      const id = stack.sandbox.faults.inject({ provider, kind: 'rate_limit', policy, count: 5, pathPrefix });
      const started = performance.now();
      expect(await loadPage(stack.server, provider, who, 10)).toMatchObject({ page: null, code: 'PROVIDER_RATE_LIMITED' });
      expect(performance.now() - started).toBeLessThan(MAX_WAIT_MS);
      expect(stack.sandbox.faults.list(provider).find((f) => f.id === id)?.fired).toBe(1);
    },
  );

  it('Notion: any other rate_limit_reason is waited out (Retry-After) and retried', async () => {
    const who = freshIdentity();
    await connectThroughSandbox(stack, 'notion', who);
    stack.sandbox.faults.inject({
      provider: 'notion',
      kind: 'rate_limit',
      policy: 'public_api_space_request_rate_limit',
      count: 1,
      pathPrefix: '/v1/search',
    });
    const { items } = await loadAll(stack.server, 'notion', who, { first: 200 });
    expectExactlyOnce(items, expectedItemIds(stack.sandbox.dataset, 'notion'));
  });
});

describe('every HubSpot API call of an account books the same per-account limit (Q5, Q7)', () => {
  // Budget 4 (server and HubSpot alike): account-info at connect, then contacts (1 list call),
  // companies (1 list call + 1 batch read: the key account's deals are cut); the deals list is the fifth.
  const stack = useStack({
    redisUrl: inject('redisUrl'),
    sandbox: {
      hubspot: { size: { contacts: 40, companies: 5, deals: 150, keyAccountDeals: 60 }, limits: { max: 4, intervalMs: 10_000 } },
    },
    env: { HUBSPOT_RATE_LIMIT_PER_10_SECONDS: '4', PROVIDER_QUEUE_MAX_MS: '300' },
  });

  it('counts account-info and the v4 batch read: refuses the fifth call itself, HubSpot never answers 429', async () => {
    const who = freshIdentity();
    await connectThroughSandbox(stack, 'hubspot', who);
    const before = stack.sandbox.stats().hubspot;
    let after: string | null = null;
    let code: string | null = null;
    for (let pages = 0; pages < 20; pages++) {
      const result = await loadPage(stack.server, 'hubspot', who, 200, after);
      code = result.code;
      if (!result.page?.pageInfo.hasNextPage) break;
      after = result.page.pageInfo.endCursor;
    }
    expect(code).toBe('PROVIDER_RATE_LIMITED');
    const stats = stack.sandbox.stats().hubspot;
    expect(stats.apiRequests - before.apiRequests).toBe(3);
    expect(stats.rateLimited).toBe(0);
  });
});
