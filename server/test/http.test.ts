import {
  buildClientSchema,
  buildSchema,
  getIntrospectionQuery,
  lexicographicSortSchema,
  printSchema,
  type IntrospectionQuery,
} from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadTypeDefs } from '../src/graphql/schema.js';
import { startTestRedis, type TestRedis } from '../../test/support/redis-server.js';
import { startTestServer, TEST_ORIGIN, type TestServer } from '../../test/support/test-server.js';

describe('the HTTP surface (in-memory store)', () => {
  let server: TestServer;
  beforeAll(async () => {
    // Development: the only mode that serves introspection (checked below against schema/).
    server = await startTestServer({ NODE_ENV: 'development' });
  });
  afterAll(() => server.close());

  it('GET /healthz answers ok', async () => {
    const response = await fetch(`${server.url}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
  });

  it('GET /readyz answers ready when the store is reachable', async () => {
    const response = await fetch(`${server.url}/readyz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: 'ready' });
  });

  it('serves a schema whose introspection matches schema/ exactly', async () => {
    const { body } = await server.graphql<IntrospectionQuery>(
      getIntrospectionQuery({
        descriptions: true,
        schemaDescription: true,
        specifiedByUrl: true,
        directiveIsRepeatable: true,
        inputValueDeprecation: true,
      }),
    );
    const served = printSchema(lexicographicSortSchema(buildClientSchema(body.data!)));
    const declared = printSchema(lexicographicSortSchema(buildSchema(loadTypeDefs())));
    expect(served).toBe(declared);
  });

  it('lists the three providers, unconfigured without credentials', async () => {
    const { body } = await server.graphql<{ providers: unknown[] }>('{ providers { id displayName configured sandbox } }');
    expect(body.data?.providers).toEqual([
      { id: 'HUBSPOT', displayName: 'HubSpot', configured: false, sandbox: false },
      { id: 'AIRTABLE', displayName: 'Airtable', configured: false, sandbox: false },
      { id: 'NOTION', displayName: 'Notion', configured: false, sandbox: false },
    ]);
  });

  it('answers credentials null for an identity that never connected', async () => {
    const { body } = await server.graphql('query { credentials(provider: NOTION, identity: { userId: "u", orgId: "o" }) { status } }');
    expect(body).toEqual({ data: { credentials: null } });
  });

  it('rejects a malformed identity with BAD_USER_INPUT, and a missing one with UNAUTHENTICATED', async () => {
    const bad = await server.graphql('query { credentials(provider: NOTION, identity: { userId: "", orgId: "o" }) { status } }');
    expect(bad.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const missing = await server.graphql('query { credentials(provider: NOTION) { status } }');
    expect(missing.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('answers stable codes for invalid GraphQL and wrong argument types', async () => {
    const parse = await server.graphql('query {');
    expect(parse.body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_PARSE_FAILED');
    const validation = await server.graphql('{ nope }');
    expect(validation.body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    const coercion = await server.graphql(
      'query($p: Provider!) { credentials(provider: $p, identity: {userId: "u", orgId: "o"}) { status } }',
      { p: 'GITHUB' },
    );
    expect(coercion.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('forbids caching of GraphQL answers and sends the API security headers', async () => {
    for (const body of [{ query: '{ providers { id } }' }, { query: 'query {' }]) {
      const response = await fetch(`${server.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: TEST_ORIGIN },
        body: JSON.stringify(body),
      });
      expect(response.headers.get('cache-control')).toBe('no-store');
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('content-security-policy')).toBe("default-src 'none'; frame-ancestors 'none'");
    }
  });

  it('never sends a stack trace', async () => {
    const { body } = await server.graphql('query {');
    expect(JSON.stringify(body)).not.toMatch(/stacktrace|\bat .*\.ts:\d+/i);
  });

  it('allows CORS for listed origins only', async () => {
    const preflight = (origin: string) =>
      fetch(`${server.url}/graphql`, {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
      });
    const allowed = await preflight(TEST_ORIGIN);
    expect(allowed.headers.get('access-control-allow-origin')).toBe(TEST_ORIGIN);
    const denied = await preflight('https://evil.example');
    expect(denied.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('refuses GET queries without a preflight header (CSRF protection)', async () => {
    const response = await fetch(`${server.url}/graphql?query=${encodeURIComponent('{ providers { id } }')}`);
    expect(response.status).toBe(400);
  });

  it('limits the request body size', async () => {
    const response = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: TEST_ORIGIN },
      body: JSON.stringify({ query: `{ providers { id } } # ${'x'.repeat(200_000)}` }),
    });
    expect(response.status).toBe(413);
  });

  it('answers a stable code for operations of later milestones instead of crashing', async () => {
    const { body } = await server.graphql(
      'query { load(provider: HUBSPOT, identity: {userId: "u", orgId: "o"}) { pageInfo { hasNextPage } } }',
    );
    expect(body.errors?.[0]?.extensions?.code).toBeDefined();
  });

  it('writes structured JSON logs with a request id', async () => {
    await fetch(`${server.url}/healthz`, { headers: { 'x-request-id': 'trace-me-123' } });
    const line = server.logs.lines.map((l) => JSON.parse(l) as Record<string, unknown>).find((l) => l.requestId === 'trace-me-123');
    expect(line).toMatchObject({ path: '/healthz', status: 200, msg: 'request' });
  });
});

describe('readiness follows Redis', () => {
  let redis: TestRedis;
  let server: TestServer;
  beforeAll(async () => {
    redis = await startTestRedis();
    server = await startTestServer({ REDIS_URL: redis.url });
  });
  afterAll(async () => {
    await server?.close();
    await redis?.stop();
  });

  it('is ready with Redis, unavailable while Redis is down, ready again when it returns', async () => {
    expect((await fetch(`${server.url}/readyz`)).status).toBe(200);
    await redis.kill();
    const down = await fetch(`${server.url}/readyz`);
    expect(down.status).toBe(503);
    expect(await down.json()).toMatchObject({ status: 'unavailable' });
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    const { body } = await server.graphql('query { credentials(provider: HUBSPOT, identity: {userId: "u", orgId: "o"}) { status } }');
    expect(body.errors?.[0]?.extensions?.code).toBe('STORE_UNAVAILABLE');
    await redis.restart();
    await expect.poll(async () => (await fetch(`${server.url}/readyz`)).status, { timeout: 5_000, interval: 100 }).toBe(200);
  });
});
