import { afterEach, describe, expect, inject, it } from 'vitest';
import { freshIdentity } from '../../../test/support/identity.js';
import { PROXY_ADMIN_KEY, proxyCall } from '../../../test/support/proxy.js';
import { connectThroughSandbox, CREDENTIALS, ENUM, type ProviderName, type Stack, useStack } from '../../../test/support/stack.js';

async function connected(stack: Stack, provider: ProviderName, account?: number) {
  const who = freshIdentity();
  const result = await connectThroughSandbox(stack, provider, who, { account });
  expect(result.connected, result.callbackHtml).toBe(true);
  return who;
}

/** A proxied call's log line: the request's access line with the proxy's fields. */
const isProxiedLine = (line: Record<string, unknown>) => line.msg === 'request' && line.proxy !== undefined;
const refreshCalls = (stack: Stack, provider: ProviderName) => stack.sandbox.stats()[provider].tokenCalls.refresh_token;

describe('the provider proxy against the sandbox (real HTTP, real Redis)', () => {
  const stack = useStack({ redisUrl: inject('redisUrl'), env: { ADMIN_API_KEY: PROXY_ADMIN_KEY } });
  afterEach(() => stack.sandbox.faults.clear());

  describe('HubSpot', () => {
    it('GET: lists contacts with the query passed through, as HubSpot answered them', async () => {
      const who = await connected(stack, 'hubspot');
      const answer = await proxyCall(stack.server, '/proxy/hubspot/crm/v3/objects/contacts?limit=5&properties=email', { identity: who });
      expect(answer.status).toBe(200);
      const body = answer.json as { results: Array<{ id: string; properties: Record<string, string> }>; paging?: unknown };
      const expected = stack.sandbox.dataset.hubspot[0]!.contacts.slice(0, 5).map((c) => c.id);
      expect(body.results.map((r) => r.id)).toEqual(expected);
      expect(Object.keys(body.results[0]!.properties)).toContain('email');
      expect(answer.headers['content-type']).toMatch(/^application\/json/);
    });

    it('POST: a batch read of associations carries the JSON body to HubSpot and its answer back', async () => {
      const who = await connected(stack, 'hubspot');
      const company = stack.sandbox.dataset.hubspot[0]!.companies[0]!;
      const answer = await proxyCall(stack.server, '/proxy/hubspot/crm/v4/associations/companies/deals/batch/read', {
        identity: who,
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ inputs: [{ id: company.id }] }),
      });
      expect(answer.status).toBe(200);
      expect(answer.json).toMatchObject({ status: 'COMPLETE', results: [{ from: { id: company.id } }] });
    });

    it('passes a provider error on as HubSpot sent it: status and body', async () => {
      const who = await connected(stack, 'hubspot');
      const answer = await proxyCall(stack.server, '/proxy/hubspot/crm/v3/objects/widgets', { identity: who });
      expect(answer.status).toBe(404);
      expect(answer.code).toBeNull();
      expect(answer.json).toMatchObject({ status: 'error', category: 'OBJECT_NOT_FOUND' });
    });

    it('passes an injected 5xx on without retrying it (only the caller knows whether its call may be repeated)', async () => {
      const who = await connected(stack, 'hubspot');
      const id = stack.sandbox.faults.inject({ provider: 'hubspot', kind: 'server_error', status: 503, pathPrefix: '/crm/', count: 3 });
      const answer = await proxyCall(stack.server, '/proxy/hubspot/crm/v3/objects/contacts', { identity: who });
      expect(answer.status).toBe(503);
      expect(answer.code).toBeNull();
      expect(stack.sandbox.faults.list('hubspot').find((f) => f.id === id)?.fired).toBe(1);
    });
  });

  describe('Airtable', () => {
    it('GET: lists the bases, then the tables of one', async () => {
      const who = await connected(stack, 'airtable');
      const bases = await proxyCall(stack.server, '/proxy/airtable/v0/meta/bases', { identity: who });
      expect(bases.status).toBe(200);
      const listed = (bases.json as { bases: Array<{ id: string; permissionLevel: string }> }).bases;
      const granted = stack.sandbox.dataset.airtable[0]!.bases.filter((b) => b.granted);
      expect(listed.map((b) => b.id)).toEqual(granted.map((b) => b.id));
      const readable = granted.find((b) => b.permissionLevel !== 'none')!;
      const tables = await proxyCall(stack.server, `/proxy/airtable/v0/meta/bases/${readable.id}/tables`, { identity: who });
      expect(tables.status).toBe(200);
      expect((tables.json as { tables: Array<{ id: string }> }).tables.map((t) => t.id)).toEqual(readable.tables.map((t) => t.id));
    });

    it("POST listRecords without the records scope: Airtable's own 403 comes back, body and all", async () => {
      const who = await connected(stack, 'airtable');
      const base = stack.sandbox.dataset.airtable[0]!.bases[0]!;
      const answer = await proxyCall(stack.server, `/proxy/airtable/v0/${base.id}/${base.tables[0]!.id}/listRecords`, {
        identity: who,
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ pageSize: 2 }),
      });
      expect(answer.status).toBe(403);
      expect(answer.code).toBeNull();
      expect(answer.json).toMatchObject({ error: { type: 'INVALID_PERMISSIONS_OR_MODEL_NOT_FOUND' } });
    });
  });

  describe('Notion', () => {
    it('POST search: the body reaches Notion and Notion-Version is added (2025-09-03: data sources)', async () => {
      const who = await connected(stack, 'notion');
      const answer = await proxyCall(stack.server, '/proxy/notion/v1/search', {
        identity: who,
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ page_size: 3 }),
      });
      expect(answer.status, answer.text).toBe(200);
      const results = (answer.json as { results: Array<{ object: string }> }).results;
      expect(results).toHaveLength(3);
      const all = await proxyCall(stack.server, '/proxy/notion/v1/search', {
        identity: who,
        method: 'POST',
        body: '{}',
        headers: { 'content-type': 'application/json' },
      });
      const objects = new Set((all.json as { results: Array<{ object: string }> }).results.map((r) => r.object));
      expect(objects.has('data_source')).toBe(true);
      expect(objects.has('database')).toBe(false);
    });

    it("keeps the caller's own Notion-Version (2022-06-28: databases, no data sources)", async () => {
      const who = await connected(stack, 'notion');
      const answer = await proxyCall(stack.server, '/proxy/notion/v1/search', {
        identity: who,
        method: 'POST',
        headers: { 'content-type': 'application/json', 'notion-version': '2022-06-28' },
        body: '{}',
      });
      expect(answer.status, answer.text).toBe(200);
      const objects = new Set((answer.json as { results: Array<{ object: string }> }).results.map((r) => r.object));
      expect(objects.has('database')).toBe(true);
      expect(objects.has('data_source')).toBe(false);
    });
  });

  describe('refresh during a proxied call', () => {
    it('a provider 401 refreshes once and retries once, and the caller sees only the success', async () => {
      const who = await connected(stack, 'notion');
      const before = refreshCalls(stack, 'notion');
      stack.sandbox.faults.inject({ provider: 'notion', kind: 'expired_token', pathPrefix: '/v1/search', count: 1 });
      const answer = await proxyCall(stack.server, '/proxy/notion/v1/search', { identity: who, method: 'POST', body: '{}' });
      expect(answer.status, answer.text).toBe(200);
      expect(refreshCalls(stack, 'notion') - before).toBe(1);
      const log = stack.server.logs.lines.map((l) => JSON.parse(l) as Record<string, unknown>).findLast(isProxiedLine);
      expect(log).toMatchObject({ status: 200, proxy: { attempts: 2, refreshed: true } });
    });

    it('a second 401 with the freshly refreshed token answers RECONNECT_REQUIRED, as a load does', async () => {
      const who = await connected(stack, 'notion');
      stack.sandbox.faults.inject({ provider: 'notion', kind: 'expired_token', pathPrefix: '/v1/search', count: 2 });
      const answer = await proxyCall(stack.server, '/proxy/notion/v1/search', { identity: who, method: 'POST', body: '{}' });
      expect(answer.status).toBe(409);
      expect(answer.code).toBe('RECONNECT_REQUIRED');
    });

    it('a revoked grant answers RECONNECT_REQUIRED and marks the connection, as everywhere else', async () => {
      const who = await connected(stack, 'hubspot');
      stack.sandbox.revokeGrants('hubspot');
      stack.sandbox.expireAccessTokens('hubspot');
      const answer = await proxyCall(stack.server, '/proxy/hubspot/crm/v3/objects/contacts', { identity: who });
      expect(answer).toMatchObject({ status: 409, code: 'RECONNECT_REQUIRED' });
      const { body } = await stack.server.graphql<{ credentials: { status: string } }>(CREDENTIALS, { p: ENUM.hubspot, i: who });
      expect(body.data?.credentials.status).toBe('RECONNECT_REQUIRED');
      expect(await proxyCall(stack.server, '/proxy/hubspot/crm/v3/objects/contacts', { identity: who })).toMatchObject({
        status: 409,
        code: 'RECONNECT_REQUIRED',
      });
    });
  });

  describe('who may call', () => {
    it('NOT_CONNECTED for an identity without a connection (404)', async () => {
      const answer = await proxyCall(stack.server, '/proxy/hubspot/crm/v3/objects/contacts', { identity: freshIdentity() });
      expect(answer).toMatchObject({ status: 404, code: 'NOT_CONNECTED' });
    });

    it('an unknown provider is 404', async () => {
      const answer = await proxyCall(stack.server, '/proxy/salesforce/services/data', { identity: freshIdentity() });
      expect(answer).toMatchObject({ status: 404, code: 'BAD_USER_INPUT' });
    });

    it('the admin key is required (401 without, 401 when wrong, 403 for a session token)', async () => {
      const who = await connected(stack, 'hubspot');
      const path = '/proxy/hubspot/crm/v3/objects/contacts';
      expect(await proxyCall(stack.server, path, { identity: who, adminKey: false })).toMatchObject({
        status: 401,
        code: 'UNAUTHENTICATED',
      });
      expect(await proxyCall(stack.server, path, { identity: who, adminKey: `${PROXY_ADMIN_KEY}x` })).toMatchObject({
        status: 401,
        code: 'UNAUTHENTICATED',
      });
      expect(
        await proxyCall(stack.server, path, { identity: who, adminKey: false, headers: { authorization: 'Bearer a.b.c' } }),
      ).toMatchObject({
        status: 403,
        code: 'FORBIDDEN',
      });
    });

    it('the identity headers are required and validated like every identity', async () => {
      const path = '/proxy/hubspot/crm/v3/objects/contacts';
      expect(await proxyCall(stack.server, path)).toMatchObject({ status: 400, code: 'BAD_USER_INPUT' });
      expect(await proxyCall(stack.server, path, { headers: { 'x-org-id': 'acme', 'x-user-id': 'x'.repeat(300) } })).toMatchObject({
        status: 400,
        code: 'BAD_USER_INPUT',
      });
      expect(await proxyCall(stack.server, path, { headers: { 'x-org-id': ['a', 'b'], 'x-user-id': 'u' } })).toMatchObject({
        status: 400,
        code: 'BAD_USER_INPUT',
      });
    });

    it('logs one line per proxied call with the request id, never the token or the query values', async () => {
      const who = await connected(stack, 'hubspot');
      const stored = (await stack.server.stores.connections.get({ ...who, provider: 'hubspot' }))!;
      const answer = await proxyCall(stack.server, '/proxy/hubspot/crm/v3/objects/contacts?limit=2&properties=secret-query-value', {
        identity: who,
        headers: { 'x-request-id': 'proxy-log-check-1' },
      });
      expect(answer.status).toBe(200);
      const lines = stack.server.logs.lines.filter((line) => line.includes('proxy-log-check-1'));
      // The request's access line carries the proxy's fields: one line, not an access line and a proxy line.
      expect(lines).toHaveLength(1);
      const proxied = lines.map((l) => JSON.parse(l) as Record<string, unknown>).find(isProxiedLine);
      expect(proxied).toMatchObject({
        requestId: 'proxy-log-check-1',
        method: 'GET',
        path: '/proxy/hubspot/crm/v3/objects/contacts',
        status: 200,
        proxy: { provider: 'hubspot', query: ['limit', 'properties'], attempts: 1, refreshed: false },
      });
      expect(typeof proxied?.ms).toBe('number');
      expect(stack.server.logs.text).not.toContain('secret-query-value');
      expect(stack.server.logs.text).not.toContain(stored.accessToken);
      expect(stack.server.logs.text).not.toContain(PROXY_ADMIN_KEY);
    });
  });
});

describe('the provider proxy refreshes a near-expiry token first (sandbox tokens live 1 s)', () => {
  const stack = useStack({
    redisUrl: inject('redisUrl'),
    env: { ADMIN_API_KEY: PROXY_ADMIN_KEY },
    sandbox: { hubspot: { tokenLifetimeSeconds: 1 }, airtable: { tokenLifetimeSeconds: 1 } },
  });

  it.each(['hubspot', 'airtable'] as const)('%s: an expired token is refreshed before the call, which succeeds', async (provider) => {
    const who = await connected(stack, provider);
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    const before = refreshCalls(stack, provider);
    const path = provider === 'hubspot' ? '/proxy/hubspot/crm/v3/objects/contacts?limit=1' : '/proxy/airtable/v0/meta/bases';
    const answer = await proxyCall(stack.server, path, { identity: who });
    expect(answer.status, answer.text).toBe(200);
    expect(refreshCalls(stack, provider) - before).toBe(1);
    const log = stack.server.logs.lines.map((l) => JSON.parse(l) as Record<string, unknown>).findLast(isProxiedLine);
    // Refreshed before the call (near expiry), not after a 401: one provider call.
    expect(log).toMatchObject({ status: 200, proxy: { attempts: 1 } });
  });
});
