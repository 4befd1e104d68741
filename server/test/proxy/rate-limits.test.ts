import { afterEach, describe, expect, inject, it } from 'vitest';
import { freshIdentity } from '../../../test/support/identity.js';
import { loadPage } from '../../../test/support/load.js';
import { PROXY_ADMIN_KEY, proxyCall } from '../../../test/support/proxy.js';
import { connectThroughSandbox, useStack } from '../../../test/support/stack.js';

/** The budget the sandbox enforces and the server is told about: small, so a test spends it quickly. */
const NOTION_PER_MINUTE = 24;

describe('proxied calls and loads share one rate-limit budget (sandbox enforcing Notion 24/min, real Redis, two instances)', () => {
  const stack = useStack({
    redisUrl: inject('redisUrl'),
    instances: 2,
    sandbox: { notion: { size: { items: 20 }, limits: { perMinute: NOTION_PER_MINUTE } } },
    env: {
      ADMIN_API_KEY: PROXY_ADMIN_KEY,
      NOTION_RATE_LIMIT_PER_MINUTE: String(NOTION_PER_MINUTE),
      PROVIDER_QUEUE_MAX_MS: '1500',
      LOAD_RATE_LIMIT: '1000',
    },
  });

  it('together they never pass the provider budget: the sandbox answers no 429, the rest get our 429 with Retry-After at once', async () => {
    const who = freshIdentity();
    expect((await connectThroughSandbox(stack, 'notion', who)).connected).toBe(true);
    const before = stack.sandbox.stats().notion;

    // Each load page is one search call; each proxied search is one more: 40 calls for a budget of 24, on both instances.
    const started = performance.now();
    const [loads, proxied] = await Promise.all([
      Promise.all(Array.from({ length: 20 }, (_, i) => loadPage(stack.servers[i % 2]!, 'notion', who, 1))),
      Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          proxyCall(stack.servers[(i + 1) % 2]!, '/proxy/notion/v1/search', { identity: who, method: 'POST', body: '{"page_size":1}' }),
        ),
      ),
    ]);
    const elapsed = performance.now() - started;

    const after = stack.sandbox.stats().notion;
    expect(after.rateLimited - before.rateLimited).toBe(0);
    expect(after.apiRequests - before.apiRequests).toBe(NOTION_PER_MINUTE);
    const servedLoads = loads.filter((l) => l.page !== null).length;
    const servedProxied = proxied.filter((p) => p.status === 200).length;
    expect(servedLoads + servedProxied).toBe(NOTION_PER_MINUTE);
    expect(servedProxied).toBeGreaterThan(0);
    expect(servedLoads).toBeGreaterThan(0);
    for (const refused of proxied.filter((p) => p.status !== 200)) {
      expect(refused).toMatchObject({ status: 429, code: 'PROVIDER_RATE_LIMITED' });
      expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(1);
      expect(Number(refused.headers['retry-after'])).toBeLessThanOrEqual(64);
    }
    for (const refused of loads.filter((l) => l.page === null)) expect(refused.code).toBe('PROVIDER_RATE_LIMITED');
    // Refused without sitting out the minute (the queue bound is 1.5 s).
    expect(elapsed).toBeLessThan(6_000);
  });
});

describe("a provider 429 is read as load reads it (the provider module's verdict, Retry-After)", () => {
  const stack = useStack({
    redisUrl: inject('redisUrl'),
    env: { ADMIN_API_KEY: PROXY_ADMIN_KEY, PROVIDER_RETRY_BASE_MS: '5', PROVIDER_QUEUE_MAX_MS: '5000' },
  });
  afterEach(() => stack.sandbox.faults.clear());

  it('Notion: a rate_limited answer with Retry-After 1 s is waited out and retried, and the caller sees the success', async () => {
    const who = freshIdentity();
    await connectThroughSandbox(stack, 'notion', who);
    const before = stack.sandbox.stats().notion;
    stack.sandbox.faults.inject({ provider: 'notion', kind: 'rate_limit', count: 1, pathPrefix: '/v1/search' });
    const started = performance.now();
    const answer = await proxyCall(stack.server, '/proxy/notion/v1/search', { identity: who, method: 'POST', body: '{}' });
    expect(answer.status, answer.text).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(950);
    const after = stack.sandbox.stats().notion;
    expect(after.rateLimited - before.rateLimited).toBe(1);
    // The injected 429 is answered before the API counts a request: the one counted is the retry.
    expect(after.apiRequests - before.apiRequests).toBe(1);
  });

  it('HubSpot DAILY: not retried (it cannot help), our 429 PROVIDER_RATE_LIMITED after one call', async () => {
    const who = freshIdentity();
    await connectThroughSandbox(stack, 'hubspot', who);
    const id = stack.sandbox.faults.inject({ provider: 'hubspot', kind: 'rate_limit', policy: 'DAILY', count: 5, pathPrefix: '/crm/' });
    const answer = await proxyCall(stack.server, '/proxy/hubspot/crm/v3/objects/contacts', { identity: who });
    expect(answer).toMatchObject({ status: 429, code: 'PROVIDER_RATE_LIMITED' });
    expect(stack.sandbox.faults.list('hubspot').find((f) => f.id === id)?.fired).toBe(1);
  });

  it('Airtable: its 30 s lock-out is longer than the caller may wait: our 429 at once, saying when to retry', async () => {
    const who = freshIdentity();
    await connectThroughSandbox(stack, 'airtable', who);
    stack.sandbox.faults.inject({ provider: 'airtable', kind: 'rate_limit', count: 1, pathPrefix: '/v0/meta/bases' });
    const started = performance.now();
    const answer = await proxyCall(stack.server, '/proxy/airtable/v0/meta/bases', { identity: who });
    expect(answer).toMatchObject({ status: 429, code: 'PROVIDER_RATE_LIMITED' });
    expect(Number(answer.headers['retry-after'])).toBeGreaterThanOrEqual(30);
    expect(performance.now() - started).toBeLessThan(2_000);
  });
});
