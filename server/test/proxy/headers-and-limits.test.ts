import { request } from 'node:http';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { freshIdentity, type TestIdentity } from '../../../test/support/identity.js';
import { defaultUpstreamAnswer, PROXY_ADMIN_KEY, proxyCall, startUpstream, type Upstream } from '../../../test/support/proxy.js';
import { startTestServer, type TestServer } from '../../../test/support/test-server.js';

const ACCESS_TOKEN = 'upstream-access-token-never-shown';
const MAX_BODY = 1_000;
const MAX_RESPONSE = 5_000;
const TIMEOUT_MS = 500;

/**
 * The proxy against a recording stand-in for the provider API (the configured HUBSPOT_API_URL and
 * NOTION_API_URL point at it), so every header and byte that crosses can be seen. Connections are
 * written straight into the store: what is under test is the forwarding, not the consent.
 */
describe('what crosses the provider proxy, both ways', () => {
  let upstream: Upstream;
  let server: TestServer;
  let who: TestIdentity;

  const plant = async (provider: 'hubspot' | 'notion', identity: TestIdentity) => {
    await server.stores.connections.put({
      provider,
      ...identity,
      status: 'CONNECTED',
      account: { id: '4242', name: 'upstream' },
      scopes: [],
      accessToken: ACCESS_TOKEN,
      refreshToken: 'upstream-refresh-token',
      accessTokenExpiresAt: Date.now() + 3_600_000,
      connectedAt: Date.now(),
      metadata: {},
    });
  };

  beforeAll(async () => {
    upstream = await startUpstream();
    server = await startTestServer({
      ADMIN_API_KEY: PROXY_ADMIN_KEY,
      HUBSPOT_API_URL: upstream.url,
      NOTION_API_URL: upstream.url,
      PROXY_MAX_BODY_BYTES: String(MAX_BODY),
      PROXY_MAX_RESPONSE_BYTES: String(MAX_RESPONSE),
      PROVIDER_TIMEOUT_MS: String(TIMEOUT_MS),
    });
    who = freshIdentity();
    await plant('hubspot', who);
    await plant('notion', who);
  });
  afterAll(async () => {
    await server.close();
    await upstream.close();
  });
  beforeEach(() => {
    upstream.requests.length = 0;
    upstream.respond(defaultUpstreamAnswer);
  });

  it("towards the provider: the connection's token, the provider's host; no hop-by-hop header, credential or header of ours", async () => {
    const answer = await proxyCall(server, '/proxy/hubspot/crm/v3/objects/contacts', {
      identity: who,
      headers: {
        connection: 'keep-alive, x-named-by-connection',
        'x-named-by-connection': 'hop',
        'keep-alive': 'timeout=5',
        te: 'trailers',
        'proxy-authorization': 'Basic cHJveHk6c2VjcmV0',
        'proxy-connection': 'keep-alive',
        cookie: 'host-session=secret',
        authorization: 'Bearer caller-token',
        'x-forwarded-for': '203.0.113.9',
        forwarded: 'for=203.0.113.9',
        'x-real-ip': '203.0.113.9',
        'x-request-id': 'caller-request-id',
        origin: 'https://app.example.com',
        'x-custom': 'kept',
        accept: 'application/json',
        'user-agent': 'host-backend/1.0',
      },
    });
    expect(answer.status).toBe(200);
    const [sent] = upstream.requests;
    expect(sent?.headers).toMatchObject({
      authorization: `Bearer ${ACCESS_TOKEN}`,
      host: new URL(upstream.url).host,
      'x-custom': 'kept',
      accept: 'application/json',
      'user-agent': 'host-backend/1.0',
    });
    for (const name of [
      'x-named-by-connection',
      'te',
      'trailer',
      'proxy-authorization',
      'proxy-connection',
      'cookie',
      'x-forwarded-for',
      'forwarded',
      'x-real-ip',
      'x-request-id',
      'origin',
      'x-admin-key',
      'x-org-id',
      'x-user-id',
    ])
      expect(sent?.headers[name], name).toBeUndefined();
    expect(JSON.stringify(sent?.headers)).not.toContain('caller-token');
  });

  it("back to the caller: the provider's status, headers and body, without its cookies, CORS, Alt-Svc or hop-by-hop headers", async () => {
    upstream.respond((_request, response) => {
      response.writeHead(201, {
        'content-type': 'application/json; charset=utf-8',
        'set-cookie': ['provider-session=secret; HttpOnly', 'other=1'],
        'x-request-id': 'provider-request-7',
        'x-provider-fact': 'kept',
        'alt-svc': 'h3=":443"',
        'access-control-allow-origin': '*',
        'proxy-authenticate': 'Basic',
        'www-authenticate': 'Bearer realm="provider"',
        connection: 'keep-alive, x-hop',
        'x-hop': 'dropped',
      });
      response.end('{"created":true}');
    });
    const answer = await proxyCall(server, '/proxy/hubspot/crm/v3/objects/contacts', { identity: who, method: 'POST', body: '{}' });
    expect(answer.status).toBe(201);
    expect(answer.text).toBe('{"created":true}');
    expect(answer.headers).toMatchObject({ 'content-type': 'application/json; charset=utf-8', 'x-provider-fact': 'kept' });
    expect(answer.headers['x-provider-request-id']).toBe('provider-request-7');
    expect(answer.headers['x-request-id']).not.toBe('provider-request-7');
    for (const name of ['set-cookie', 'alt-svc', 'access-control-allow-origin', 'proxy-authenticate', 'www-authenticate', 'x-hop'])
      expect(answer.headers[name], name).toBeUndefined();
  });

  it('passes the query string through exactly as sent', async () => {
    const answer = await proxyCall(server, '/proxy/hubspot/crm/v3/objects/contacts?limit=2&properties=a,b&q=%20x%2By&f[]=1', {
      identity: who,
    });
    expect(answer.status).toBe(200);
    expect(upstream.requests[0]?.url).toBe('/crm/v3/objects/contacts?limit=2&properties=a,b&q=%20x%2By&f[]=1');
  });

  it("adds the provider's required headers unless the caller set them (Notion-Version)", async () => {
    await proxyCall(server, '/proxy/notion/v1/search', { identity: who, method: 'POST', body: '{}' });
    await proxyCall(server, '/proxy/notion/v1/search', {
      identity: who,
      method: 'POST',
      body: '{}',
      headers: { 'NOTION-VERSION': '2022-06-28' },
    });
    expect(upstream.requests.map((r) => r.headers['notion-version'])).toEqual(['2025-09-03', '2022-06-28']);
    // A HubSpot call gets no Notion header: each provider declares its own.
    await proxyCall(server, '/proxy/hubspot/crm/v3/objects/contacts', { identity: who });
    expect(upstream.requests[2]?.headers['notion-version']).toBeUndefined();
  });

  it('forwards the request body byte for byte with its own Content-Length', async () => {
    const body = Buffer.from([0x7b, 0x22, 0xc3, 0xa9, 0x22, 0x3a, 0x31, 0x7d, 0x00, 0xff]);
    const answer = await proxyCall(server, '/proxy/hubspot/files/v3/files', {
      identity: who,
      method: 'PUT',
      headers: { 'content-type': 'application/octet-stream' },
      body,
    });
    expect(answer.status).toBe(200);
    expect(upstream.requests[0]?.method).toBe('PUT');
    expect(upstream.requests[0]?.body.equals(body)).toBe(true);
    expect(upstream.requests[0]?.headers['content-length']).toBe(String(body.length));
  });

  it('refuses a declared body over PROXY_MAX_BODY_BYTES with 413 before anything reaches the provider', async () => {
    const answer = await proxyCall(server, '/proxy/hubspot/crm/v3/objects/contacts', {
      identity: who,
      method: 'POST',
      body: 'x'.repeat(MAX_BODY + 1),
    });
    expect(answer).toMatchObject({ status: 413, code: 'BAD_USER_INPUT' });
    expect(upstream.requests).toHaveLength(0);
    expect(
      (await proxyCall(server, '/proxy/hubspot/crm/v3/objects/contacts', { identity: who, method: 'POST', body: 'x'.repeat(MAX_BODY) }))
        .status,
    ).toBe(200);
  });

  it('refuses a chunked body at the first byte past PROXY_MAX_BODY_BYTES', async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const outgoing = request(
        {
          host: '127.0.0.1',
          port: server.port,
          path: '/proxy/hubspot/crm/v3/objects/contacts',
          method: 'POST',
          headers: { 'x-admin-key': PROXY_ADMIN_KEY, 'x-org-id': who.orgId, 'x-user-id': who.userId },
        },
        (response) => {
          response.resume();
          resolve(response.statusCode ?? 0);
        },
      );
      outgoing.on('error', reject);
      for (let i = 0; i < 3; i++) outgoing.write('y'.repeat(MAX_BODY / 2));
      outgoing.end();
    });
    expect(status).toBe(413);
    expect(upstream.requests).toHaveLength(0);
  });

  it('refuses a provider answer declared larger than PROXY_MAX_RESPONSE_BYTES: 502 PROVIDER_ERROR', async () => {
    upstream.respond((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json', 'content-length': MAX_RESPONSE + 1 });
      response.end('z'.repeat(MAX_RESPONSE + 1));
    });
    const answer = await proxyCall(server, '/proxy/hubspot/crm/v3/objects/contacts', { identity: who });
    expect(answer).toMatchObject({ status: 502, code: 'PROVIDER_ERROR' });
    expect((answer.json as { error: { message: string } }).error.message).toMatch(/PROXY_MAX_RESPONSE_BYTES/);
  });

  it('cuts an answer of undeclared length at PROXY_MAX_RESPONSE_BYTES: the caller never gets more', async () => {
    upstream.respond((_request, response) => {
      response.writeHead(200, { 'content-type': 'text/plain' });
      for (let i = 0; i < 10; i++) response.write('w'.repeat(MAX_RESPONSE / 4));
      response.end();
    });
    const received = await new Promise<{ bytes: number; complete: boolean }>((resolve) => {
      const outgoing = request(
        {
          host: '127.0.0.1',
          port: server.port,
          path: '/proxy/hubspot/crm/v3/objects/contacts',
          headers: { 'x-admin-key': PROXY_ADMIN_KEY, 'x-org-id': who.orgId, 'x-user-id': who.userId },
        },
        (response) => {
          let bytes = 0;
          response.on('data', (chunk: Buffer) => (bytes += chunk.length));
          response.on('end', () => resolve({ bytes, complete: response.complete }));
          response.on('error', () => resolve({ bytes, complete: false }));
        },
      );
      outgoing.on('error', () => resolve({ bytes: -1, complete: false }));
      outgoing.end();
    });
    expect(received.complete).toBe(false);
    expect(received.bytes).toBeLessThanOrEqual(MAX_RESPONSE);
    await expect.poll(() => server.logs.text).toContain('proxied answer cut off');
  });

  it('passes compressed answers through untouched (no decompression, the encoding and length kept)', async () => {
    const gzipped = gzipSync(JSON.stringify({ results: Array.from({ length: 50 }, (_, i) => ({ id: i })) }));
    upstream.respond((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip', 'content-length': gzipped.length });
      response.end(gzipped);
    });
    const raw = await new Promise<{ body: Buffer; encoding: string | undefined; length: string | undefined }>((resolve, reject) => {
      const outgoing = request(
        {
          host: '127.0.0.1',
          port: server.port,
          path: '/proxy/hubspot/crm/v3/objects/contacts',
          headers: { 'x-admin-key': PROXY_ADMIN_KEY, 'x-org-id': who.orgId, 'x-user-id': who.userId, 'accept-encoding': 'gzip' },
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () =>
            resolve({
              body: Buffer.concat(chunks),
              encoding: response.headers['content-encoding'],
              length: response.headers['content-length'],
            }),
          );
        },
      );
      outgoing.on('error', reject);
      outgoing.end();
    });
    expect(upstream.requests[0]?.headers['accept-encoding']).toBe('gzip');
    expect(raw.encoding).toBe('gzip');
    expect(raw.length).toBe(String(gzipped.length));
    expect(raw.body.equals(gzipped)).toBe(true);
  });

  it('answers 504 PROVIDER_ERROR when the provider stays silent past PROVIDER_TIMEOUT_MS', async () => {
    upstream.respond(() => {
      // never answers
    });
    const started = performance.now();
    const answer = await proxyCall(server, '/proxy/hubspot/crm/v3/objects/contacts', { identity: who });
    expect(answer).toMatchObject({ status: 504, code: 'PROVIDER_ERROR' });
    expect(performance.now() - started).toBeGreaterThanOrEqual(TIMEOUT_MS - 50);
    expect(performance.now() - started).toBeLessThan(TIMEOUT_MS * 6);
  });

  it('HEAD and 204 answers carry no body', async () => {
    upstream.respond((_request, response) => {
      response.writeHead(204, { 'x-provider-fact': 'kept' });
      response.end();
    });
    const deleted = await proxyCall(server, '/proxy/hubspot/crm/v3/objects/contacts/1', { identity: who, method: 'DELETE' });
    expect(deleted).toMatchObject({ status: 204, text: '' });
    expect(deleted.headers['x-provider-fact']).toBe('kept');
    upstream.respond(defaultUpstreamAnswer);
    const head = await proxyCall(server, '/proxy/hubspot/crm/v3/objects/contacts', { identity: who, method: 'HEAD' });
    expect(head).toMatchObject({ status: 200, text: '' });
    // The length of the body a GET would get, as the provider said it.
    expect(head.headers['content-length']).toBe(String(JSON.stringify({ ok: true }).length));
    expect(upstream.requests.map((r) => r.method)).toEqual(['DELETE', 'HEAD']);
  });
});

describe('a provider that cannot be reached', () => {
  it('answers 502 PROVIDER_ERROR', async () => {
    const gone = await startUpstream();
    await gone.close();
    const server = await startTestServer({ ADMIN_API_KEY: PROXY_ADMIN_KEY, HUBSPOT_API_URL: gone.url });
    const who = freshIdentity();
    await server.stores.connections.put({
      provider: 'hubspot',
      ...who,
      status: 'CONNECTED',
      account: { id: '1', name: null },
      scopes: [],
      accessToken: ACCESS_TOKEN,
      refreshToken: null,
      accessTokenExpiresAt: null,
      connectedAt: Date.now(),
      metadata: {},
    });
    const answer = await proxyCall(server, '/proxy/hubspot/crm/v3/objects/contacts', { identity: who });
    expect(answer).toMatchObject({ status: 502, code: 'PROVIDER_ERROR' });
    expect(answer.text).not.toContain(ACCESS_TOKEN);
    await server.close();
  });
});
