import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { DATA_PATH, expectExactlyOnce, expectedItemIds, loadAll } from '../support/load.js';
import { connectThroughSandbox, PROVIDERS, startStack, type ProviderName, type Stack } from '../support/stack.js';



/** Issue 8: every kind of provider fault at once, 20% of data calls in all, during a full load. */
describe('a full load through 429s, 5xx, timeouts and slow responses at 20%', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({
      redisUrl: inject('redisUrl'),
      sandbox: { size: { hubspotContacts: 150, airtableBases: 4, notionItems: 200 } },
      env: { PROVIDER_RETRY_BASE_MS: '5', PROVIDER_MAX_WAIT_MS: '40', PROVIDER_TIMEOUT_MS: '300' },
    });
  });
  afterEach(() => stack.sandbox.faults.clear());
  afterAll(() => stack.close());

  it.each(PROVIDERS)('%s: completes with every item exactly once and nothing surfaced', async (provider) => {
    const who = { userId: `u-${randomUUID()}`, orgId: `o-${randomUUID()}` };
    await connectThroughSandbox(stack, provider, who);
    const pathPrefix = DATA_PATH[provider];
    stack.sandbox.faults.inject({ provider, kind: 'rate_limit', rate: 0.05, pathPrefix });
    stack.sandbox.faults.inject({ provider, kind: 'server_error', status: 502, rate: 0.05, pathPrefix });
    stack.sandbox.faults.inject({ provider, kind: 'timeout', rate: 0.05, pathPrefix });
    stack.sandbox.faults.inject({ provider, kind: 'delay', delayMs: 150, rate: 0.05, pathPrefix });
    const { items } = await loadAll(stack.server, provider, who, { first: 25 });
    expectExactlyOnce(items, expectedItemIds(stack.sandbox.dataset, provider));
    const fired = stack.sandbox.faults.list(provider).map((rule) => rule.fired);
    expect(fired.reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
  }, 30_000);
});
