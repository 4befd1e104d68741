import { describe, expect, inject, it } from 'vitest';
import { connectThroughSandbox, useStack } from '../../../test/support/stack.js';
import { LoadService } from '../../src/load/load-service.js';
import { item, type ItemSource } from '../../src/providers/item-source.js';
import { freshIdentity } from '../../../test/support/identity.js';

// Notion's budget as the server enforces it per connection before calling (3 requests/s on average).
const NOTION_CALLS_PER_MINUTE = 180;

interface Answer {
  data?: { load: { totalCount: number | null; incomplete: boolean } } | null;
  errors?: Array<{ message: string; extensions: Record<string, unknown> }>;
}

/**
 * What a client needs to show progress honestly: when the provider's budget is used up it learns
 * at once (within its own `maxWaitSeconds`), which provider and for how long; each page says
 * whether the provider cut results short, and the run's total when the provider gives one.
 */
describe('load progress: bounded silent waits, retry hints, totals (real Redis, real HTTP)', () => {
  // The server's own bound stays long (30 s): the client's shorter one must win.
  const stack = useStack({
    redisUrl: inject('redisUrl'),
    sandbox: { notion: { size: { items: 20 } } },
    env: { PROVIDER_QUEUE_MAX_MS: '30000', LOAD_RATE_LIMIT: '1000' },
  });

  const QUERY = `query($p: Provider!, $i: IdentityInput, $first: Int, $after: String, $w: Int) {
    load(provider: $p, identity: $i, first: $first, after: $after, maxWaitSeconds: $w) { edges { cursor } pageInfo { hasNextPage endCursor } incomplete totalCount }
  }`;
  const load = (who: object, variables: Record<string, unknown>) =>
    stack.server.graphql<Answer['data']>(QUERY, { p: 'NOTION', i: who, ...variables });

  it('answers PROVIDER_RATE_LIMITED within maxWaitSeconds, naming the provider and when to retry', async () => {
    const who = freshIdentity();
    await connectThroughSandbox(stack, 'notion', who);
    const filled = await Promise.all(Array.from({ length: NOTION_CALLS_PER_MINUTE }, () => load(who, { first: 1 })));
    expect(filled.every(({ body }) => !body.errors)).toBe(true);
    const started = performance.now();
    const { body } = await load(who, { first: 1, w: 0 });
    const elapsed = performance.now() - started;
    expect(body.data ?? null).toBeNull();
    const error = body.errors![0] as unknown as {
      message: string;
      extensions: { code: string; provider: string; retryAfterSeconds: number };
    };
    expect(error.extensions).toMatchObject({ code: 'PROVIDER_RATE_LIMITED', provider: 'NOTION' });
    expect(error.extensions.retryAfterSeconds).toBeGreaterThanOrEqual(1);
    expect(error.extensions.retryAfterSeconds).toBeLessThanOrEqual(64);
    expect(error.message).toContain(`try again in ${String(error.extensions.retryAfterSeconds)} s`);
    // Not the server's 30 s bound: the client's 0 s.
    expect(elapsed).toBeLessThan(3_000);
  });

  it('refuses a negative maxWaitSeconds', async () => {
    const who = freshIdentity();
    await connectThroughSandbox(stack, 'notion', who);
    const { body } = await load(who, { first: 1, w: -1 });
    expect(body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('says on every page whether results were cut short, and gives no total where the provider has none', async () => {
    const who = freshIdentity();
    await connectThroughSandbox(stack, 'notion', who);
    const { body } = await load(who, { first: 5 });
    expect(body.data!.load).toMatchObject({ incomplete: false, totalCount: null });
  });

  it('carries a total a source reports', async () => {
    const who = freshIdentity();
    await connectThroughSandbox(stack, 'notion', who);
    const counted: ItemSource = {
      start: 0,
      read: async (position) => {
        const at = Number(position);
        return {
          items: [{ item: item({ id: `i${at}`, type: 'page', name: `Item ${at}`, directory: false }), after: at + 1 }],
          next: at + 1 < 3 ? at + 1 : null,
          total: 3,
        };
      },
    };
    // The server's own connections and limits, with this source in place of the provider's.
    const { config, stores, limits, connections } = stack.server.services;
    const loader = new LoadService({ config, stores, limits, connections, fetch, sources: { notion: counted } });
    const page = await loader.load({ identity: who, provider: 'notion', first: 2, after: null });
    expect(page).toMatchObject({ totalCount: 3, incomplete: false });
    expect(page.edges).toHaveLength(2);
  });
});
