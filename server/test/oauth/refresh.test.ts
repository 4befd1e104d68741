import { Redis } from 'ioredis';
import { describe, expect, inject, it } from 'vitest';
import { createLogger } from '../../src/logging/logger.js';
import { FreshConnections, ReconnectRequiredError } from '../../src/connections/fresh-connection.js';
import type { OAuthServices } from '../../src/oauth/services.js';
import { createStores } from '../../src/store/index.js';
import { connectThroughSandbox, CREDENTIALS, ENUM, type ProviderName, type Stack, useStack } from '../../../test/support/stack.js';
import { TEST_ENCRYPTION_KEY, type TestServer } from '../../../test/support/test-server.js';
import { freshIdentity } from '../../../test/support/identity.js';

/** The sandbox issues 1 s access tokens here: on this clock every token it issued has expired. */
const pastExpiry = () => Date.now() + 1_100;

/** What a server process uses to get a usable token; one per simulated process, on a clock past the tokens' expiry. */
function freshConnectionsOf(server: TestServer, stores = server.stores): FreshConnections {
  const services: OAuthServices = {
    config: server.config,
    stores,
    logger: createLogger({ level: 'silent' }),
    fetch,
    now: pastExpiry,
    providerTimeoutMs: 5_000,
    providerCalls: server.services.limits.providerCalls,
  };
  return new FreshConnections(services);
}

async function connected(stack: Stack, provider: ProviderName) {
  const who = freshIdentity();
  const result = await connectThroughSandbox(stack, provider, who);
  expect(result.connected, result.callbackHtml).toBe(true);
  return who;
}

const refreshCalls = (stack: Stack, provider: ProviderName) => stack.sandbox.stats()[provider].tokenCalls.refresh_token;

describe('token refresh (sandbox over real HTTP, real Redis)', () => {
  const stack = useStack({
    redisUrl: inject('redisUrl'),
    instances: 2,
    sandbox: { hubspot: { tokenLifetimeSeconds: 1 }, airtable: { tokenLifetimeSeconds: 1, refreshConflictMs: 0 } },
  });

  it.each(['hubspot', 'airtable'] as const)('%s: an expired access token is refreshed before use', async (provider) => {
    const who = await connected(stack, provider);
    const before = (await stack.server.stores.connections.get({ ...who, provider }))!;
    const fresh = await freshConnectionsOf(stack.server).get(who, provider);
    expect(fresh.accessToken).not.toBe(before.accessToken);
    expect(fresh.version).toBe(before.version + 1);
    expect(fresh.accessTokenExpiresAt).toBeGreaterThan(Date.now());
  });

  it('airtable: rotation stores the new pair; the old refresh token is dead at the provider and the connection still works', async () => {
    const who = await connected(stack, 'airtable');
    const before = (await stack.server.stores.connections.get({ ...who, provider: 'airtable' }))!;
    const fresh = await freshConnectionsOf(stack.server).get(who, 'airtable');
    expect(fresh.refreshToken).not.toBe(before.refreshToken);

    const reuse = await fetch(`${stack.sandbox.airtable.authUrl}/oauth2/v1/token`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        authorization: `Basic ${Buffer.from(`${stack.sandbox.airtable.clientId}:${stack.sandbox.airtable.clientSecret}`).toString('base64')}`,
      },
      body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: before.refreshToken! }),
    });
    expect(reuse.status).toBe(400);
    expect(await reuse.json()).toMatchObject({ error: 'invalid_grant' });

    const whoami = await fetch(`${stack.sandbox.airtable.apiUrl}/v0/meta/whoami`, {
      headers: { authorization: `Bearer ${fresh.accessToken}` },
    });
    expect(whoami.status).toBe(200);
  });

  it('notion: a 401 triggers one refresh that rotates the pair', async () => {
    const who = await connected(stack, 'notion');
    const before = (await stack.server.stores.connections.get({ ...who, provider: 'notion' }))!;
    expect(before.accessTokenExpiresAt).toBeNull();
    const fresh = await freshConnectionsOf(stack.server).afterUnauthorized(before);
    expect(fresh.accessToken).not.toBe(before.accessToken);
    expect(fresh.refreshToken).not.toBe(before.refreshToken);
  });

  it.each(['hubspot', 'airtable'] as const)(
    '%s: 50 concurrent requests on an expired token cause exactly 1 refresh call',
    async (provider) => {
      const who = await connected(stack, provider);
      const calls = refreshCalls(stack, provider);
      const connections = freshConnectionsOf(stack.server);
      const results = await Promise.all(Array.from({ length: 50 }, () => connections.get(who, provider)));
      expect(refreshCalls(stack, provider) - calls).toBe(1);
      expect(new Set(results.map((r) => r.accessToken)).size).toBe(1);
    },
  );

  it.each(['hubspot', 'airtable'] as const)(
    '%s: two server processes on one Redis still cause exactly 1 refresh call',
    async (provider) => {
      const who = await connected(stack, provider);
      // A second process: its own Redis connection and its own in-process state.
      const otherStores = await createStores({
        redisUrl: inject('redisUrl'),
        keyPrefix: stack.servers[1]!.config.redisKeyPrefix,
        encryptionKey: Buffer.from(TEST_ENCRYPTION_KEY, 'base64'),
      });
      const a = freshConnectionsOf(stack.servers[0]!);
      const b = freshConnectionsOf(stack.servers[1]!, otherStores);
      const calls = refreshCalls(stack, provider);
      const results = await Promise.all(Array.from({ length: 50 }, (_, i) => (i % 2 ? a : b).get(who, provider)));
      expect(refreshCalls(stack, provider) - calls).toBe(1);
      expect(new Set(results.map((r) => r.accessToken)).size).toBe(1);
      await otherStores.kv.close();
    },
  );

  it('a genuinely revoked grant marks the connection RECONNECT_REQUIRED', async () => {
    const who = await connected(stack, 'hubspot');
    stack.sandbox.revokeGrants('hubspot');
    await expect(freshConnectionsOf(stack.server).get(who, 'hubspot')).rejects.toBeInstanceOf(ReconnectRequiredError);
    const { body } = await stack.server.graphql<{ credentials: { status: string } }>(CREDENTIALS, { p: ENUM.hubspot, i: who });
    expect(body.data?.credentials.status).toBe('RECONNECT_REQUIRED');
  });

  it('a process still holding a replaced token adopts the newer one after a 401 instead of refreshing again', async () => {
    const who = await connected(stack, 'airtable');
    const stale = (await stack.server.stores.connections.get({ ...who, provider: 'airtable' }))!;
    const fresh = await freshConnectionsOf(stack.server).get(who, 'airtable');
    // A slow process still holding the old version now sees a 401 and tries to refresh.
    const late = await freshConnectionsOf(stack.servers[1]!).afterUnauthorized(stale);
    expect(late.accessToken).toBe(fresh.accessToken);
    expect((await stack.server.stores.connections.get({ ...who, provider: 'airtable' }))?.status).toBe('CONNECTED');
  });

  it('the Redis dump holds no plaintext token or secret', async () => {
    const who = await connected(stack, 'airtable');
    const stored = (await stack.server.stores.connections.get({ ...who, provider: 'airtable' }))!;
    const redis = new Redis(inject('redisUrl'));
    const keys = await redis.keys(`${stack.server.config.redisKeyPrefix}*`);
    expect(keys.length).toBeGreaterThan(0);
    // Strings (attempts, connections, scratch), sorted sets (the rate limiter, the connections index)
    // and lists (connection events waiting in an outbox).
    const values = await Promise.all(
      keys.map(async (k) => {
        const type = await redis.type(k);
        if (type === 'zset') return (await redis.zrange(k, '0', '-1')).join(' ');
        if (type === 'list') return (await redis.lrange(k, 0, -1)).join(' ');
        return redis.get(k);
      }),
    );
    await redis.quit();
    const dump = values.join('\n');
    expect(dump).not.toContain(stored.accessToken);
    expect(dump).not.toContain(stored.refreshToken!);
    expect(dump).not.toContain(stack.sandbox.airtable.clientSecret);
  });

  it('airtable: a refresh whose account check cannot run keeps the rotated pair unused, and the next refresh checks it', async () => {
    const who = await connected(stack, 'airtable');
    const before = (await stack.server.stores.connections.get({ ...who, provider: 'airtable' }))!;
    stack.sandbox.faults.inject({ provider: 'airtable', kind: 'server_error', status: 503, pathPrefix: '/v0/meta/whoami', count: 1 });
    await expect(freshConnectionsOf(stack.server).get(who, 'airtable')).rejects.toThrow();
    const unverified = (await stack.server.stores.connections.get({ ...who, provider: 'airtable' }))!;
    expect(unverified).toMatchObject({ status: 'CONNECTED', accountUnverified: true });
    expect(unverified.refreshToken).not.toBe(before.refreshToken); // the rotated pair is not lost...
    const fresh = await freshConnectionsOf(stack.server).get(who, 'airtable');
    expect(fresh.accountUnverified).toBeUndefined(); // ...and is used only once a refresh passed the check
    expect(fresh.refreshToken).not.toBe(unverified.refreshToken);
    expect(fresh.account).toEqual(before.account);
  });
});
