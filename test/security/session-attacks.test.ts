import { SignJWT } from 'jose';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { createSessionToken } from '../../server/src/auth/session-token.js';
import { ATTEMPT, connectThroughSandbox, CREDENTIALS, DISCONNECT, useStack } from '../support/stack.js';
import { startTestServer, TEST_ORIGIN } from '../support/test-server.js';
import { attackSuite } from './attack-tally.js';
import { freshIdentity } from '../support/identity.js';

const SESSION_SECRET = 'test-session-secret-0123456789abcdef';
const ADMIN_API_KEY = 'test-admin-key-0123456789abcdef-0123';
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const codeOf = (body: { errors?: Array<{ extensions?: { code?: string } }> }) => body.errors?.[0]?.extensions?.code;
const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('session and tenant attack suite (AUTH_MODE=signed, real HTTP, real Redis)', () => {
  const attack = attackSuite('sessions');
  const stack = useStack({ redisUrl: inject('redisUrl'), env: { AUTH_MODE: 'signed', SESSION_SECRET, ADMIN_API_KEY } });
  let victim: { userId: string; orgId: string };
  let victimToken: string;
  let attackerToken: string;

  beforeAll(async () => {
    victim = freshIdentity();
    victimToken = await createSessionToken(victim, SESSION_SECRET);
    attackerToken = await createSessionToken(freshIdentity(), SESSION_SECRET);
    const result = await connectThroughSandbox(stack, 'hubspot', victim, { headers: bearer(victimToken) });
    expect(result.connected, result.callbackHtml).toBe(true);
  });

  attack('no session at all: guessing a user and org id no longer reads anything', async () => {
    const { body } = await stack.server.graphql(CREDENTIALS, { p: 'HUBSPOT', i: victim });
    expect(codeOf(body)).toBe('UNAUTHENTICATED');
  });

  attack('cross-tenant credentials with a valid token of another tenant', async () => {
    const { body } = await stack.server.graphql(CREDENTIALS, { p: 'HUBSPOT', i: victim }, bearer(attackerToken));
    expect(codeOf(body)).toBe('FORBIDDEN');
    const own = await stack.server.graphql<{ credentials: unknown }>(CREDENTIALS, { p: 'HUBSPOT' }, bearer(attackerToken));
    expect(own.body.data?.credentials).toBeNull();
  });

  attack('cross-tenant load with a valid token of another tenant', async () => {
    const { body } = await stack.server.graphql(
      `query($i: IdentityInput) { load(provider: HUBSPOT, identity: $i) { pageInfo { hasNextPage } } }`,
      { i: victim },
      bearer(attackerToken),
    );
    expect(codeOf(body)).toBe('FORBIDDEN');
  });

  attack('cross-tenant disconnect with a valid token of another tenant', async () => {
    const { body } = await stack.server.graphql(DISCONNECT, { p: 'HUBSPOT', i: victim }, bearer(attackerToken));
    expect(codeOf(body)).toBe('FORBIDDEN');
    expect(await stack.server.stores.connections.get({ ...victim, provider: 'hubspot' })).not.toBeNull();
  });

  attack("reading another tenant's connect attempt by id", async () => {
    const { body } = await stack.server.graphql<{ connect: { attemptId: string } }>(
      `mutation { connect(provider: NOTION) { attemptId } }`,
      {},
      bearer(victimToken),
    );
    const peek = await stack.server.graphql<{ connectAttempt: unknown }>(
      ATTEMPT,
      { id: body.data!.connect.attemptId },
      bearer(attackerToken),
    );
    expect(peek.body.data?.connectAttempt).toBeNull();
  });

  attack('tampered session token: payload changed to the victim, signature kept', async () => {
    const [header, , signature] = attackerToken.split('.');
    const forged = `${header}.${b64({ sub: victim.userId, org: victim.orgId, aud: 'integration-connector', iat: Math.floor(Date.now() / 1000), exp: Math.floor(Date.now() / 1000) + 600 })}.${signature}`;
    const { body } = await stack.server.graphql(CREDENTIALS, { p: 'HUBSPOT' }, bearer(forged));
    expect(codeOf(body)).toBe('UNAUTHENTICATED');
  });

  attack('expired session token', async () => {
    const expired = await new SignJWT({ org: victim.orgId })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(victim.userId)
      .setAudience('integration-connector')
      .setIssuedAt(Math.floor(Date.now() / 1000) - 3600)
      .setExpirationTime(Math.floor(Date.now() / 1000) - 120)
      .sign(new TextEncoder().encode(SESSION_SECRET));
    const { body } = await stack.server.graphql(CREDENTIALS, { p: 'HUBSPOT' }, bearer(expired));
    expect(codeOf(body)).toBe('UNAUTHENTICATED');
    expect(body.errors?.[0]?.message).toMatch(/expired/);
  });

  attack('alg: none token', async () => {
    const now = Math.floor(Date.now() / 1000);
    const none = `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ sub: victim.userId, org: victim.orgId, aud: 'integration-connector', iat: now, exp: now + 600 })}.`;
    const { body } = await stack.server.graphql(CREDENTIALS, { p: 'HUBSPOT' }, bearer(none));
    expect(codeOf(body)).toBe('UNAUTHENTICATED');
  });

  attack('token signed with the wrong key', async () => {
    const wrong = await createSessionToken(victim, 'another-secret-that-is-long-enough-1234');
    const { body } = await stack.server.graphql(CREDENTIALS, { p: 'HUBSPOT' }, bearer(wrong));
    expect(codeOf(body)).toBe('UNAUTHENTICATED');
  });

  attack('token without an expiry', async () => {
    const forever = await new SignJWT({ org: victim.orgId })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(victim.userId)
      .setAudience('integration-connector')
      .setIssuedAt()
      .sign(new TextEncoder().encode(SESSION_SECRET));
    const { body } = await stack.server.graphql(CREDENTIALS, { p: 'HUBSPOT' }, bearer(forever));
    expect(codeOf(body)).toBe('UNAUTHENTICATED');
  });

  attack('session limited to one provider used for another', async () => {
    const notionOnly = await createSessionToken({ ...victim, providers: ['notion'] }, SESSION_SECRET);
    const { body } = await stack.server.graphql(CREDENTIALS, { p: 'HUBSPOT' }, bearer(notionOnly));
    expect(codeOf(body)).toBe('FORBIDDEN');
  });

  attack('session bound to one page origin used from another', async () => {
    const bound = await createSessionToken({ ...victim, origin: 'https://app.example.com' }, SESSION_SECRET);
    const { body } = await stack.server.graphql(CREDENTIALS, { p: 'HUBSPOT' }, { ...bearer(bound), origin: TEST_ORIGIN });
    expect(codeOf(body)).toBe('FORBIDDEN');
  });

  attack('the access token is never in a GraphQL response without the admin key', async () => {
    const { body } = await stack.server.graphql<{ credentials: { accessToken: string | null } }>(
      `query { credentials(provider: HUBSPOT) { status accessToken } }`,
      {},
      bearer(victimToken),
    );
    expect(codeOf(body)).toBe('FORBIDDEN');
    const token = (await stack.server.stores.connections.get({ ...victim, provider: 'hubspot' }))!.accessToken;
    expect(JSON.stringify(body)).not.toContain(token);
  });

  attack('a wrong admin key is refused, not treated as anonymous', async () => {
    const { body } = await stack.server.graphql(
      `query($i: IdentityInput) { credentials(provider: HUBSPOT, identity: $i) { accessToken } }`,
      { i: victim },
      { 'x-admin-key': 'guess'.repeat(8) },
    );
    expect(codeOf(body)).toBe('UNAUTHENTICATED');
  });

  attack('minting sessions needs the admin key', async () => {
    const { body } = await stack.server.graphql(
      `mutation($i: IdentityInput!) { createSession(identity: $i) { token } }`,
      { i: victim },
      bearer(attackerToken),
    );
    expect(codeOf(body)).toBe('FORBIDDEN');
  });

  attack('tokens and secrets never appear in any log line', async () => {
    const connection = (await stack.server.stores.connections.get({ ...victim, provider: 'hubspot' }))!;
    const logs = stack.servers.map((s) => s.logs.text).join('\n');
    for (const secret of [
      connection.accessToken,
      connection.refreshToken!,
      SESSION_SECRET,
      ADMIN_API_KEY,
      victimToken,
      stack.sandbox.hubspot.clientSecret,
    ]) {
      expect(logs).not.toContain(secret);
    }
  });
});

describe('admin clients (server-side GraphQL with X-Admin-Key)', () => {
  const stack = useStack({ redisUrl: inject('redisUrl'), env: { AUTH_MODE: 'signed', SESSION_SECRET, ADMIN_API_KEY } });

  it('mint a session for the host page, and read the live access token of any identity', async () => {
    const who = freshIdentity();
    const admin = { 'x-admin-key': ADMIN_API_KEY };
    const minted = await stack.server.graphql<{ createSession: { token: string; expiresAt: string } }>(
      `mutation($i: IdentityInput!) { createSession(identity: $i, providers: [HUBSPOT], origin: "${TEST_ORIGIN}", ttlSeconds: 600) { token expiresAt } }`,
      { i: who },
      admin,
    );
    const token = minted.body.data!.createSession.token;
    expect(Date.parse(minted.body.data!.createSession.expiresAt)).toBeGreaterThan(Date.now() + 590_000);
    await connectThroughSandbox(stack, 'hubspot', who, { headers: bearer(token) });

    const { body } = await stack.server.graphql<{ credentials: { accessToken: string } }>(
      `query($i: IdentityInput) { credentials(provider: HUBSPOT, identity: $i) { status accessToken } }`,
      { i: who },
      admin,
    );
    const stored = (await stack.server.stores.connections.get({ ...who, provider: 'hubspot' }))!;
    expect(body.data?.credentials.accessToken).toBe(stored.accessToken);
  });
});

describe('hardening without a stack', () => {
  const attack = attackSuite('hardening');

  attack('deeply nested query is refused before execution', async () => {
    const server = await startTestServer();
    const nested = `query { __schema { types { fields { type { fields { type { fields { type { fields { type { name } } } } } } } } } } }`;
    expect(codeOf((await server.graphql('{ providers { id } }')).body)).toBeUndefined();
    expect(codeOf((await server.graphql(nested)).body)).toBe('GRAPHQL_VALIDATION_FAILED');
    await server.close();
  });

  attack('alias flood is refused', async () => {
    const server = await startTestServer();
    const flood = `query { ${Array.from({ length: 100 }, (_, i) => `a${i}: providers { id }`).join(' ')} }`;
    expect(codeOf((await server.graphql(flood)).body)).toBe('GRAPHQL_VALIDATION_FAILED');
    await server.close();
  });

  attack('oversized request body is refused', async () => {
    const server = await startTestServer();
    const response = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: TEST_ORIGIN },
      body: JSON.stringify({ query: `{ providers { id } }`, variables: { pad: 'x'.repeat(300_000) } }),
    });
    expect(response.status).toBe(413);
    await server.close();
  });

  attack('introspection is off in production', async () => {
    const server = await startTestServer({ NODE_ENV: 'production', AUTH_MODE: 'signed', SESSION_SECRET });
    expect(codeOf((await server.graphql('{ __schema { types { name } } }')).body)).toBe('GRAPHQL_VALIDATION_FAILED');
    await server.close();
  });

  attack('connect flood from one identity is rate limited', async () => {
    const server = await startTestServer({ CONNECT_RATE_LIMIT: '3', NOTION_CLIENT_ID: 'id', NOTION_CLIENT_SECRET: 'secret' });
    const who = freshIdentity();
    const codes = [];
    for (let i = 0; i < 5; i++) {
      codes.push(
        codeOf(
          (await server.graphql(`mutation($i: IdentityInput) { connect(provider: NOTION, identity: $i) { attemptId } }`, { i: who })).body,
        ),
      );
    }
    expect(codes.slice(0, 3)).toEqual([undefined, undefined, undefined]);
    expect(codes.slice(3)).toEqual(['RATE_LIMITED', 'RATE_LIMITED']);
    await server.close();
  });

  attack('connect flood from one address over many identities is rate limited', async () => {
    const server = await startTestServer({ CONNECT_RATE_LIMIT_PER_IP: '4', NOTION_CLIENT_ID: 'id', NOTION_CLIENT_SECRET: 'secret' });
    const codes = [];
    for (let i = 0; i < 6; i++) {
      codes.push(
        codeOf(
          (
            await server.graphql(`mutation($i: IdentityInput) { connect(provider: NOTION, identity: $i) { attemptId } }`, {
              i: freshIdentity(),
            })
          ).body,
        ),
      );
    }
    expect(codes.filter((c) => c === undefined)).toHaveLength(4);
    expect(codes.slice(4)).toEqual(['RATE_LIMITED', 'RATE_LIMITED']);
    await server.close();
  });
});
