import { randomBytes, randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defineLimitersContract } from '../../server/src/limits/limiters.contract.js';
import { defineConnectionListingContract } from '../../server/src/store/connections-listing.contract.js';
import { defineKeyValueStoreContract } from '../../server/src/store/key-value-store.contract.js';
import { defineStoresContract } from '../../server/src/store/stores.contract.js';
import { RedisStore } from '../../server/src/store/redis-store.js';
import { defineDeliveryQueueContract } from '../../server/src/webhooks/delivery-queue.contract.js';
import { createDeliveryQueue } from '../../server/src/webhooks/delivery-queues.js';
import { startTestRedisCluster, type TestRedisCluster } from '../support/redis-cluster.js';
import { expectExactlyOnce, loadAll } from '../support/load.js';
import { connectThroughSandbox, CREDENTIALS, ENUM, PROVIDERS, useStack } from '../support/stack.js';
import { freshIdentity } from '../support/identity.js';

/** The same store contract and connect flow, against a real 3-master Redis Cluster. */
describe('Redis Cluster', () => {
  let cluster: TestRedisCluster;
  beforeAll(async () => {
    cluster = await startTestRedisCluster();
  }, 60_000);
  afterAll(() => cluster?.stop());

  const prefix = () => `test:${randomBytes(4).toString('hex')}:`;
  defineKeyValueStoreContract('redis-cluster', () => RedisStore.connectCluster(cluster.nodes, prefix()));
  defineStoresContract('redis-cluster', () => RedisStore.connectCluster(cluster.nodes, prefix()));
  defineConnectionListingContract('redis-cluster', () => RedisStore.connectCluster(cluster.nodes, prefix()));
  defineLimitersContract('redis-cluster', () => RedisStore.connectCluster(cluster.nodes, prefix()));
  defineDeliveryQueueContract('redis-cluster', {
    namespace: async () => {
      const kv = await RedisStore.connectCluster(cluster.nodes, prefix());
      return { instance: (options) => createDeliveryQueue(kv.redis, options), dispose: () => kv.close() };
    },
  });

  describe('connect flow on the cluster', () => {
    const stack = useStack(() => ({ env: { REDIS_CLUSTER_NODES: cluster.env }, instances: 2 }));

    it.each(PROVIDERS)('%s: connects, and any instance reads the connection', async (provider) => {
      const who = freshIdentity();
      const result = await connectThroughSandbox(stack, provider, who, { callbackServer: stack.servers[1] });
      expect(result.connected, result.callbackHtml).toBe(true);
      for (const server of stack.servers) {
        const { body } = await server.graphql<{ credentials: { status: string } }>(CREDENTIALS, { p: ENUM[provider], i: who });
        expect(body.data?.credentials.status).toBe('CONNECTED');
      }
    });

    it.each(PROVIDERS)(
      '%s: loads everything page by page, alternating instances (cursors, scratch and limits on the cluster)',
      async (provider) => {
        const who = freshIdentity();
        await connectThroughSandbox(stack, provider, who);
        const single = await loadAll(stack.server, provider, who, { first: 20 });
        let turn = 0;
        const ids: string[] = [];
        let after: string | null = null;
        for (;;) {
          const server = stack.servers[turn++ % 2]!;
          interface Page {
            load: { edges: Array<{ node: { id: string } }>; pageInfo: { hasNextPage: boolean; endCursor: string } };
          }
          const { body }: { body: { data?: Page | null; errors?: unknown[] } } = await server.graphql<Page>(
            `query($p: Provider!, $i: IdentityInput, $a: String) { load(provider: $p, identity: $i, first: 20, after: $a) { edges { node { id } } pageInfo { hasNextPage endCursor } } }`,
            { p: ENUM[provider], i: who, a: after },
          );
          expect(body.errors).toBeUndefined();
          ids.push(...body.data!.load.edges.map((e) => e.node.id));
          if (!body.data!.load.pageInfo.hasNextPage) break;
          after = body.data!.load.pageInfo.endCursor;
        }
        expectExactlyOnce(single.items, ids);
        expect(ids.length).toBeGreaterThan(0);
      },
    );

    it('spreads records over all three masters (a hash tag per record, not one hot slot)', async () => {
      for (let i = 0; i < 30; i++) {
        await stack.server.stores.connections.put({
          provider: 'notion',
          orgId: `o-${randomUUID()}`,
          userId: 'u',
          status: 'CONNECTED',
          account: { id: 'w', name: null },
          scopes: [],
          accessToken: 'a',
          refreshToken: null,
          accessTokenExpiresAt: null,
          connectedAt: Date.now(),
          metadata: {},
        });
      }
      // Each node of the 3-master cluster, asked directly (the test's own clients, not the server's).
      const nodes = cluster.nodes.map((node) => new Redis(node.port, node.host));
      const sizes = await Promise.all(nodes.map((node) => node.dbsize()));
      await Promise.all(nodes.map((node) => node.quit()));
      expect(sizes).toHaveLength(3);
      for (const size of sizes) expect(size).toBeGreaterThan(0);
    });
  });
});
