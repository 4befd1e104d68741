import { afterAll, beforeAll, beforeEach, describe, expect } from 'vitest';
import { createSessionToken } from '../../server/src/auth/session-token.js';
import { SealedBox } from '../../server/src/store/sealed-box.js';
import { storesOver } from '../../server/src/store/index.js';
import { freshIdentity, type TestIdentity } from '../support/identity.js';
import { PROXY_ADMIN_KEY, proxyCall, rawRequest, startUpstream, type Upstream } from '../support/proxy.js';
import { startTestServer, TEST_ENCRYPTION_KEY, type TestServer } from '../support/test-server.js';
import { attackSuite } from './attack-tally.js';

const SESSION_SECRET = 'proxy-attacks-session-secret-0123456789';
const tokenOf = (identity: TestIdentity) => `access-token-of-${identity.orgId}-${identity.userId}`;

/**
 * The provider proxy under attack. HubSpot's API URL points at a recording stand-in (`provider`);
 * `evil` is another server on loopback that no proxied request may ever reach. Connections are
 * written into the store directly (each with a token that names its owner), so every attack
 * shows exactly what would have left the server.
 */
describe('provider proxy attacks', () => {
  const attack = attackSuite('proxy');
  let provider: Upstream;
  let evil: Upstream;
  let server: TestServer;
  let who: TestIdentity;
  let evilHost: string;

  const plant = async (identity: TestIdentity) => {
    await server.stores.connections.put({
      provider: 'hubspot',
      ...identity,
      status: 'CONNECTED',
      account: { id: '777', name: null },
      scopes: [],
      accessToken: tokenOf(identity),
      refreshToken: null,
      accessTokenExpiresAt: null,
      connectedAt: Date.now(),
      metadata: {},
    });
  };

  /** Nothing reached either server: the request was refused before it left. */
  const nothingForwarded = () => {
    expect(evil.requests, 'a request reached the other host').toEqual([]);
    expect(
      provider.requests.map((r) => r.url),
      'a request reached the provider',
    ).toEqual([]);
  };

  beforeAll(async () => {
    provider = await startUpstream();
    evil = await startUpstream();
    evilHost = new URL(evil.url).host;
    server = await startTestServer({
      ADMIN_API_KEY: PROXY_ADMIN_KEY,
      SESSION_SECRET,
      HUBSPOT_API_URL: provider.url,
      PROXY_MAX_BODY_BYTES: '1000',
    });
    who = freshIdentity();
    await plant(who);
  });
  afterAll(async () => {
    await server.close();
    await provider.close();
    await evil.close();
  });
  beforeEach(() => {
    provider.requests.length = 0;
    evil.requests.length = 0;
  });

  // --- SSRF: the host cannot choose another host, or another path than the provider's API --------
  const hostile: ReadonlyArray<readonly [name: string, path: () => string]> = [
    ['an absolute URL', () => `http://${evilHost}/x`],
    ['an absolute URL with encoded slashes', () => `http:%2F%2F${evilHost}/x`],
    ['an absolute URL, fully percent-encoded', () => `http%3A%2F%2F${evilHost}%2Fx`],
    ['a scheme-relative URL (//host)', () => `/${evilHost}/x`],
    ['a scheme-relative URL with encoded slashes', () => `%2F%2F${evilHost}/x`],
    ['a scheme-relative URL with backslashes', () => `\\\\${evilHost}/x`],
    ['userinfo (@host) in the first segment', () => `@${evilHost}/x`],
    ['encoded userinfo (%40host)', () => `%40${evilHost}/x`],
    ['raw ".." segments', () => 'crm/../../oauth/v1/token'],
    ['percent-encoded ".." segments (%2e%2e)', () => 'crm/%2e%2e/%2E%2E/oauth/v1/token'],
    ['".." joined by encoded slashes', () => 'crm/%2e%2e%2f%2e%2e%2foauth/v1/token'],
    ['double-encoded ".." (%252e%252e)', () => 'crm/%252e%252e/%252e%252e/oauth/v1/token'],
    ['triple-encoded ".." and "/"', () => 'crm%25252f%25252e%25252e%25252f%25252e%25252e%25252foauth'],
    ['a half-encoded ".." (.%2e)', () => 'crm/.%2e/oauth/v1/token'],
    ['a "..;" segment (servers that strip path parameters)', () => 'crm/..;/oauth/v1/token'],
    ['a "." segment', () => 'crm/./v3/objects/contacts'],
    ['backslash traversal', () => 'crm\\..\\..\\oauth\\v1\\token'],
    ['encoded backslash traversal (%5C)', () => 'crm/%5C..%5C..%5Coauth'],
    ['an encoded CR/LF (header injection)', () => 'crm%0d%0aX-Injected:%20yes/x'],
    ['an encoded NUL byte', () => 'crm%00/v3/objects/contacts'],
    ['malformed percent-encoding', () => 'crm/%E0%A4%A/x'],
    ['an empty path (the API root)', () => ''],
  ];
  for (const [name, path] of hostile) {
    attack(`proxied path: ${name} is refused (400) and nothing leaves the server`, async () => {
      const answer = await proxyCall(server, `/proxy/hubspot/${path()}`, { identity: who });
      expect(answer.status, answer.text).toBe(400);
      expect(answer.code).toBe('BAD_USER_INPUT');
      nothingForwarded();
    });
  }

  attack('an absolute-form request target naming another host still reaches only the provider', async () => {
    const status = await rawRequest(
      server,
      `GET http://${evilHost}/proxy/hubspot/crm/v3/objects/contacts HTTP/1.1\r\nHost: ${evilHost}\r\nX-Admin-Key: ${PROXY_ADMIN_KEY}\r\nX-Org-Id: ${who.orgId}\r\nX-User-Id: ${who.userId}\r\nConnection: close\r\n\r\n`,
    );
    expect(status).toBe(200);
    expect(evil.requests).toEqual([]);
    expect(provider.requests.map((r) => r.headers.host)).toEqual([new URL(provider.url).host]);
  });

  attack('a spoofed Host header does not choose the upstream host', async () => {
    const answer = await proxyCall(server, '/proxy/hubspot/crm/v3/objects/contacts', { identity: who, headers: { host: evilHost } });
    expect(answer.status).toBe(200);
    expect(evil.requests).toEqual([]);
    expect(provider.requests[0]?.headers.host).toBe(new URL(provider.url).host);
  });

  attack('a provider name with a host in it is an unknown provider (404), not a target', async () => {
    for (const target of [
      `/proxy/hubspot@${evilHost}/x`,
      `/proxy/${evilHost}/x`,
      '/proxy/HUBSPOT/crm/v3/objects/contacts',
      '/proxy/%68ubspot/x',
    ]) {
      const answer = await proxyCall(server, target, { identity: who });
      expect(answer.status, target).toBe(404);
    }
    nothingForwarded();
  });

  // --- Who may call ------------------------------------------------------------------------------
  attack('without X-Admin-Key nothing is forwarded (401)', async () => {
    expect(await proxyCall(server, '/proxy/hubspot/crm/v3/objects/contacts', { identity: who, adminKey: false })).toMatchObject({
      status: 401,
      code: 'UNAUTHENTICATED',
    });
    nothingForwarded();
  });

  attack('a wrong admin key of the right length is refused (401)', async () => {
    const wrong = `${PROXY_ADMIN_KEY.slice(0, -1)}${PROXY_ADMIN_KEY.endsWith('f') ? 'e' : 'f'}`;
    expect(await proxyCall(server, '/proxy/hubspot/crm/v3/objects/contacts', { identity: who, adminKey: wrong })).toMatchObject({
      status: 401,
      code: 'UNAUTHENTICATED',
    });
    nothingForwarded();
  });

  attack('the admin key sent as a Bearer token or in the query is not the admin key', async () => {
    const asBearer = await proxyCall(server, '/proxy/hubspot/crm/v3/objects/contacts', {
      identity: who,
      adminKey: false,
      headers: { authorization: `Bearer ${PROXY_ADMIN_KEY}` },
    });
    expect(asBearer.status).toBe(403);
    const inQuery = await proxyCall(server, `/proxy/hubspot/crm/v3/objects/contacts?x-admin-key=${PROXY_ADMIN_KEY}`, {
      identity: who,
      adminKey: false,
    });
    expect(inQuery.status).toBe(401);
    nothingForwarded();
  });

  attack("a valid session token of the very identity cannot use the proxy (403: it is for the host's backend)", async () => {
    const session = await createSessionToken(who, SESSION_SECRET, { ttlSeconds: 60 });
    const answer = await proxyCall(server, '/proxy/hubspot/crm/v3/objects/contacts', {
      identity: who,
      adminKey: false,
      headers: { authorization: `Bearer ${session}` },
    });
    expect(answer).toMatchObject({ status: 403, code: 'FORBIDDEN' });
    nothingForwarded();
  });

  attack('the identity headers sent twice (one for each tenant) are refused, not joined or picked from', async () => {
    const other = freshIdentity();
    await plant(other);
    const answer = await proxyCall(server, '/proxy/hubspot/crm/v3/objects/contacts', {
      headers: { 'x-org-id': [who.orgId, other.orgId], 'x-user-id': [who.userId, other.userId] },
    });
    expect(answer).toMatchObject({ status: 400, code: 'BAD_USER_INPUT' });
    nothingForwarded();
  });

  attack(
    "tenants whose naive org:user names collide ('acme' + 'team:alice', 'acme:team' + 'alice') each reach the provider with their own token only",
    async () => {
      const left = { orgId: 'acme', userId: 'team:alice' };
      const right = { orgId: 'acme:team', userId: 'alice' };
      await plant(left);
      await plant(right);
      for (let round = 0; round < 5; round++) {
        await Promise.all([
          proxyCall(server, '/proxy/hubspot/crm/v3/objects/contacts?who=left', { identity: left }),
          proxyCall(server, '/proxy/hubspot/crm/v3/objects/contacts?who=right', { identity: right }),
        ]);
      }
      const tokensBy = (tag: string) =>
        new Set(provider.requests.filter((r) => r.url.endsWith(`who=${tag}`)).map((r) => r.headers.authorization));
      expect(tokensBy('left')).toEqual(new Set([`Bearer ${tokenOf(left)}`]));
      expect(tokensBy('right')).toEqual(new Set([`Bearer ${tokenOf(right)}`]));
    },
  );

  attack("an identity with no connection of its own gets NOT_CONNECTED, never somebody else's token", async () => {
    const stranger = { orgId: who.orgId, userId: `${who.userId}-other` };
    expect(await proxyCall(server, '/proxy/hubspot/crm/v3/objects/contacts', { identity: stranger })).toMatchObject({
      status: 404,
      code: 'NOT_CONNECTED',
    });
    nothingForwarded();
  });

  // --- Stale tokens: a token in memory is never used past a change in the store -------------------
  attack(
    'a connection another server instance refreshes, marks RECONNECT_REQUIRED or disconnects is seen on the very next proxied call',
    async () => {
      const target = freshIdentity();
      await plant(target);
      // Another instance of the server on the same store: none of its writes pass through this server.
      const elsewhere = storesOver(server.stores.kv, new SealedBox(Buffer.from(TEST_ENCRYPTION_KEY, 'base64')));
      const key = { ...target, provider: 'hubspot' as const };
      const call = () => proxyCall(server, '/proxy/hubspot/crm/v3/objects/contacts', { identity: target });
      expect((await call()).status).toBe(200);

      const first = (await elsewhere.connections.get(key))!;
      await elsewhere.connections.replace(first.version, { ...first, accessToken: 'refreshed-elsewhere' });
      expect((await call()).status).toBe(200);
      expect(provider.requests.map((r) => r.headers.authorization)).toEqual([`Bearer ${tokenOf(target)}`, 'Bearer refreshed-elsewhere']);

      const second = (await elsewhere.connections.get(key))!;
      await elsewhere.connections.replace(second.version, { ...second, status: 'RECONNECT_REQUIRED' });
      expect(await call()).toMatchObject({ status: 409, code: 'RECONNECT_REQUIRED' });
      await plant(target);
      expect((await call()).status).toBe(200);
      await elsewhere.connections.delete(key);
      expect(await call()).toMatchObject({ status: 404, code: 'NOT_CONNECTED' });
      expect(provider.requests).toHaveLength(3);
      expect(evil.requests).toEqual([]);
    },
  );

  // --- Headers and bodies ----------------------------------------------------------------------
  attack("the caller's Authorization never replaces the connection's token", async () => {
    await proxyCall(server, '/proxy/hubspot/crm/v3/objects/contacts', {
      identity: who,
      headers: { authorization: 'Bearer attacker-token' },
    });
    expect(provider.requests.map((r) => r.headers.authorization)).toEqual([`Bearer ${tokenOf(who)}`]);
  });

  attack('the admin key and the identity headers never reach the provider', async () => {
    await proxyCall(server, '/proxy/hubspot/crm/v3/objects/contacts', { identity: who });
    // The planted token names its owner, so the check reads every header but the token's own.
    const { authorization, ...rest } = provider.requests[0]?.headers ?? {};
    expect(authorization).toBe(`Bearer ${tokenOf(who)}`);
    const sent = JSON.stringify(rest);
    expect(sent).not.toContain(PROXY_ADMIN_KEY);
    expect(sent).not.toContain(who.userId);
    expect(sent).not.toContain(who.orgId);
  });

  attack('a header the caller names in Connection (hop-by-hop) is not forwarded', async () => {
    await proxyCall(server, '/proxy/hubspot/crm/v3/objects/contacts', {
      identity: who,
      headers: { connection: 'x-smuggled', 'x-smuggled': 'yes' },
    });
    expect(provider.requests[0]?.headers['x-smuggled']).toBeUndefined();
  });

  attack('the provider cannot set cookies on our origin', async () => {
    const answer = await proxyCall(server, '/proxy/hubspot/crm/v3/objects/contacts', { identity: who });
    expect(answer.status).toBe(200);
    expect(answer.headers['set-cookie']).toBeUndefined();
  });

  attack('a body over PROXY_MAX_BODY_BYTES is refused (413) and never forwarded', async () => {
    const answer = await proxyCall(server, '/proxy/hubspot/crm/v3/objects/contacts', {
      identity: who,
      method: 'POST',
      body: 'x'.repeat(5_000),
    });
    expect(answer).toMatchObject({ status: 413, code: 'BAD_USER_INPUT' });
    nothingForwarded();
  });

  attack('no answer of ours carries the access token, and neither does the log', async () => {
    provider.respond((_request, response) => {
      response.writeHead(401, { 'content-type': 'application/json' });
      response.end('{"message":"expired"}');
    });
    // A 401 asks for a refresh; this planted connection has no refresh token, so it needs a reconnect.
    const answer = await proxyCall(server, '/proxy/hubspot/crm/v3/objects/contacts', { identity: who });
    expect(answer.code).toBe('RECONNECT_REQUIRED');
    expect(answer.text).not.toContain(tokenOf(who));
    expect(JSON.stringify(answer.headers)).not.toContain(tokenOf(who));
    expect(server.logs.text).not.toContain(tokenOf(who));
    expect(server.logs.text).not.toContain(PROXY_ADMIN_KEY);
  });
});
