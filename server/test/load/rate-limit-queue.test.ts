import { describe, expect, inject, it } from 'vitest';
import { loadPage } from '../../../test/support/load.js';
import { connectThroughSandbox, useStack } from '../../../test/support/stack.js';
import { freshIdentity } from '../../../test/support/identity.js';

// Notion's budget as the server enforces it per connection before calling (3 requests/s on average).
const NOTION_CALLS_PER_MINUTE = 180;

describe('a load never queues longer than PROVIDER_QUEUE_MAX_MS for the provider rate limit (real Redis, real HTTP)', () => {
  // 5 s, not 1 s: the 190 requests are admitted one Redis round trip after another, which on a
  // busy 2-core machine (the browser tests run beside this one) can take more than a second.
  const stack = useStack({
    redisUrl: inject('redisUrl'),
    sandbox: { notion: { size: { items: 20 } } },
    env: { PROVIDER_QUEUE_MAX_MS: '5000', LOAD_RATE_LIMIT: '1000' },
  });

  it('spends the whole budget, then answers PROVIDER_RATE_LIMITED at once with when to retry, never a provider 429', async () => {
    const who = freshIdentity();
    await connectThroughSandbox(stack, 'notion', who);
    const before = stack.sandbox.stats().notion;

    const started = performance.now();
    const answers = await Promise.all(Array.from({ length: NOTION_CALLS_PER_MINUTE + 10 }, () => loadPage(stack.server, 'notion', who, 1)));
    const elapsed = performance.now() - started;

    const loaded = answers.filter((answer) => answer.page !== null);
    const refused = answers.filter((answer) => answer.page === null);
    expect(loaded).toHaveLength(NOTION_CALLS_PER_MINUTE);
    expect(refused).toHaveLength(10);
    for (const answer of refused) {
      expect(answer.code).toBe('PROVIDER_RATE_LIMITED');
      const seconds = Number(/try again in (\d+) s/.exec(answer.message ?? '')?.[1]);
      expect(seconds).toBeGreaterThanOrEqual(1);
      expect(seconds).toBeLessThanOrEqual(64);
    }
    // Refused without sitting out the minute (the queue limit is 5 s).
    expect(elapsed).toBeLessThan(8_000);
    const after = stack.sandbox.stats().notion;
    expect(after.apiRequests - before.apiRequests).toBe(NOTION_CALLS_PER_MINUTE);
    expect(after.rateLimited - before.rateLimited).toBe(0);
  });
});

describe("the per-plan budget comes from the provider's rate-limit variable (Q11: 180 / min is only the floor)", () => {
  const stack = useStack({
    redisUrl: inject('redisUrl'),
    sandbox: { notion: { size: { items: 20 } } },
    env: { PROVIDER_QUEUE_MAX_MS: '500', NOTION_RATE_LIMIT_PER_MINUTE: '30', LOAD_RATE_LIMIT: '1000' },
  });

  it('spends NOTION_RATE_LIMIT_PER_MINUTE calls a minute, not the built-in default', async () => {
    const who = freshIdentity();
    await connectThroughSandbox(stack, 'notion', who);
    const before = stack.sandbox.stats().notion.apiRequests;
    const answers = await Promise.all(Array.from({ length: 40 }, () => loadPage(stack.server, 'notion', who, 1)));
    expect(answers.filter((answer) => answer.page !== null)).toHaveLength(30);
    expect(answers.filter((answer) => answer.code === 'PROVIDER_RATE_LIMITED')).toHaveLength(10);
    expect(stack.sandbox.stats().notion.apiRequests - before).toBe(30);
  });
});
