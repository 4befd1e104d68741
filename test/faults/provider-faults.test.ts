import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { expectExactlyOnce, loadAll } from '../support/load.js';
import { connectThroughSandbox, PROVIDERS, startStack, type ProviderName, type Stack } from '../support/stack.js';
import type { Dataset } from '../../sandbox/src/index.js';

const DATA_PATH: Record<ProviderName, string> = { hubspot: '/crm/', airtable: '/v0/meta/bases', notion: '/v1/search' };

function everyId(dataset: Dataset, provider: ProviderName): string[] {
  if (provider === 'hubspot') {
    const a = dataset.hubspot[0]!;
    return ['contacts', 'companies', 'deals', ...[...a.contacts, ...a.companies, ...a.deals].map((r) => r.id)];
  }
  if (provider === 'airtable') return dataset.airtable[0]!.bases.filter((b) => b.granted).flatMap((b) => [b.id, ...b.tables.map((t) => t.id)]);
  return dataset.notion[0]!.items.filter((i) => !i.inTrash).flatMap((i) => (i.kind === 'database' ? i.dataSources.map((s) => s.id) : [i.id]));
}

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
    expectExactlyOnce(items, everyId(stack.sandbox.dataset, provider));
    const fired = stack.sandbox.faults.list(provider).map((rule) => rule.fired);
    expect(fired.reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
  }, 30_000);
});
