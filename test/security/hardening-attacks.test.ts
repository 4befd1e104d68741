import { randomUUID } from 'node:crypto';
import { request } from 'node:http';
import { connect as connectSocket, type Socket } from 'node:net';
import { Redis } from 'ioredis';
import { describe, expect, inject } from 'vitest';
import { createSessionToken } from '../../server/src/auth/session-token.js';
import { loadPage } from '../support/load.js';
import { ATTEMPT, connectThroughSandbox, useStack } from '../support/stack.js';
import { startTestServer, TEST_ORIGIN, type TestServer } from '../support/test-server.js';
import { attackSuite } from './attack-tally.js';
import { freshIdentity } from '../support/identity.js';

const SESSION_SECRET = 'edge-test-session-secret-0123456789ab';
const codeOf = (body: { errors?: Array<{ extensions?: { code?: string } }> }) => body.errors?.[0]?.extensions?.code;
const messageOf = (body: { errors?: Array<{ message: string }> }) => body.errors?.[0]?.message ?? '';
const CONNECT = `mutation($i: IdentityInput, $r: String) { connect(provider: NOTION, identity: $i, returnTo: $r) { attemptId } }`;
const NOTION = { NOTION_CLIENT_ID: 'id', NOTION_CLIENT_SECRET: 'secret' };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Starting a server with this configuration must fail, naming `variable`. */
async function refusesToStart(env: Record<string, string>, variable: RegExp): Promise<void> {
  let server: TestServer | undefined;
  try {
    server = await startTestServer(env);
  } catch (error) {
    expect(String(error)).toMatch(variable);
    return;
  }
  await server.close();
  throw new Error(`the server started with ${JSON.stringify(env)}`);
}

/** Resolves when the server closes the socket (true) or after `ms` with it still open (false). */
function closedWithin(socket: Socket, ms: number): Promise<boolean> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    socket.once('close', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

async function openSocket(server: TestServer): Promise<Socket> {
  const socket = connectSocket(server.port, '127.0.0.1');
  socket.on('error', () => {});
  await new Promise((resolve) => socket.once('connect', resolve));
  return socket;
}

describe('server edges without a provider', () => {
  const attack = attackSuite('edges');

  attack('TRUST_PROXY: a spoofed X-Forwarded-For entry does not buy a fresh per-IP connect budget', async () => {
    const server = await startTestServer({ TRUST_PROXY: 'true', CONNECT_RATE_LIMIT_PER_IP: '2', ...NOTION });
    const codes = [];
    // The client writes the left entry; the trusted proxy appends the address it saw (the right one).
    for (let i = 0; i < 4; i++) {
      codes.push(
        codeOf((await server.graphql(CONNECT, { i: freshIdentity() }, { 'x-forwarded-for': `198.51.100.${i}, 203.0.113.7` })).body),
      );
    }
    expect(codes).toEqual([undefined, undefined, 'RATE_LIMITED', 'RATE_LIMITED']);
    await server.close();
  });

  attack("TRUST_PROXY: a spoofed X-Forwarded-For entry cannot drain another address's budget", async () => {
    const server = await startTestServer({ TRUST_PROXY: 'true', CONNECT_RATE_LIMIT_PER_IP: '2', ...NOTION });
    for (let i = 0; i < 3; i++) await server.graphql(CONNECT, { i: freshIdentity() }, { 'x-forwarded-for': '192.0.2.50, 203.0.113.8' });
    const victim = await server.graphql(CONNECT, { i: freshIdentity() }, { 'x-forwarded-for': '192.0.2.50' });
    expect(codeOf(victim.body)).toBeUndefined();
    await server.close();
  });

  attack('ALLOWED_ORIGINS without a scheme (origin "null") stops start-up instead of allowing returnTo=javascript:', async () => {
    await refusesToStart({ ALLOWED_ORIGINS: 'localhost:3000', ...NOTION }, /ALLOWED_ORIGINS/);
    const server = await startTestServer(NOTION);
    // The last one is 1,000 characters as sent and 12,000 once percent-encoded: the stored attempt would be too.
    for (const returnTo of [
      'javascript:alert(1)',
      'data:text/html,hi',
      `${TEST_ORIGIN.replace('http', 'ftp')}/x`,
      `${TEST_ORIGIN}/${'😀'.repeat(500)}`,
    ]) {
      expect(codeOf((await server.graphql(CONNECT, { i: freshIdentity(), r: returnTo })).body), returnTo).toBe('BAD_USER_INPUT');
    }
    await server.close();
  });

  attack('a 100 kB query is refused by the parser (GRAPHQL_PARSE_FAILED), never validated', async () => {
    const server = await startTestServer();
    const query = `query { providers { ${'id '.repeat(33_000)} } }`;
    expect(query.length).toBeGreaterThan(99_000);
    const { body } = await server.graphql(query);
    expect(codeOf(body)).toBe('GRAPHQL_PARSE_FAILED');
    expect(messageOf(body)).toMatch(/contains more th(an|at) \d+ tokens/);
    await server.close();
  });

  attack('a body that trickles in is cut at REQUEST_TIMEOUT_MS', async () => {
    const server = await startTestServer({ REQUEST_TIMEOUT_MS: '1000' });
    const socket = await openSocket(server);
    socket.write(
      `POST /graphql HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\nContent-Type: application/json\r\nContent-Length: 10000\r\n\r\n{`,
    );
    const drip = setInterval(() => socket.write(' '), 200);
    const closed = await closedWithin(socket, 4_000);
    clearInterval(drip);
    socket.destroy();
    expect(closed).toBe(true);
    await server.close();
  });

  attack('headers that trickle in are cut', async () => {
    const server = await startTestServer({ REQUEST_TIMEOUT_MS: '1000' });
    const socket = await openSocket(server);
    socket.write(`GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n`);
    const drip = setInterval(() => socket.write('X-Slow: 1\r\n'), 200);
    const closed = await closedWithin(socket, 4_000);
    clearInterval(drip);
    socket.destroy();
    expect(closed).toBe(true);
    await server.close();
  });

  attack('idle connections beyond MAX_CONNECTIONS are dropped, the server keeps answering', async () => {
    const server = await startTestServer({ MAX_CONNECTIONS: '5' });
    const held = await Promise.all(Array.from({ length: 5 }, () => openSocket(server)));
    const extra = await openSocket(server);
    expect(await closedWithin(extra, 2_000)).toBe(true);
    for (const socket of held) socket.destroy();
    await sleep(100);
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    await server.close();
  });

  attack('introspection and "Did you mean" suggestions (fields and enum values) are off outside development', async () => {
    for (const env of [{ NODE_ENV: 'test' }, { NODE_ENV: 'production', AUTH_MODE: 'signed', SESSION_SECRET }]) {
      const server = await startTestServer(env);
      expect(codeOf((await server.graphql('{ __schema { types { name } } }')).body)).toBe('GRAPHQL_VALIDATION_FAILED');
      const answers = [
        await server.graphql('{ provder { id } }'),
        await server.graphql('{ credentials(provider: HUBSPOTT, identity: { userId: "u", orgId: "o" }) { status } }'),
        await server.graphql('query($p: Provider!) { credentials(provider: $p, identity: { userId: "u", orgId: "o" }) { status } }', {
          p: 'HUBSPOTT',
        }),
        await server.graphql('{ providers { idd } }'),
      ];
      for (const answer of answers) {
        expect(answer.body.errors?.length, JSON.stringify(answer.body)).toBeGreaterThan(0);
        expect(JSON.stringify(answer.body)).not.toMatch(/Did you mean|HUBSPOT"|providers"\?|"id"\?/);
      }
      await server.close();
    }
  });

  attack('AUTH_MODE=open with NODE_ENV=production does not start without ALLOW_OPEN_MODE=true', async () => {
    await refusesToStart({ NODE_ENV: 'production', AUTH_MODE: 'open' }, /AUTH_MODE: open .*ALLOW_OPEN_MODE=true/);
  });

  attack('SESSION_SECRET equal to ADMIN_API_KEY, or one repeated character, does not start', async () => {
    const same = 'shared-secret-for-both-0123456789abcd';
    await refusesToStart(
      { AUTH_MODE: 'signed', SESSION_SECRET: same, ADMIN_API_KEY: same },
      /SESSION_SECRET: must differ from ADMIN_API_KEY/,
    );
    await refusesToStart({ AUTH_MODE: 'signed', SESSION_SECRET: 'x'.repeat(32) }, /SESSION_SECRET: is one character repeated/);
  });

  attack('DNS rebinding: in open mode a request addressed to another host name is refused', async () => {
    const server = await startTestServer();
    const ask = (host: string) =>
      new Promise<{ status: number; body: string }>((resolve, reject) => {
        const body = JSON.stringify({ query: '{ credentials(provider: NOTION, identity: { userId: "u", orgId: "o" }) { status } }' });
        const req = request(
          {
            host: '127.0.0.1',
            port: server.port,
            path: '/graphql',
            method: 'POST',
            headers: { host, 'content-type': 'application/json', 'x-forwarded-host': 'localhost' },
          },
          (res) => {
            let text = '';
            res.on('data', (chunk: Buffer) => (text += chunk.toString()));
            res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
          },
        );
        req.on('error', reject);
        req.end(body);
      });
    const rebound = await ask(`rebind.attacker.example:${server.port}`);
    expect(rebound.status).toBe(421);
    expect(rebound.body).not.toContain('"data"');
    expect((await ask(`localhost:${server.port}`)).status).toBe(200);
    expect((await ask(`127.0.0.1:${server.port}`)).status).toBe(200);
    await server.close();
  });

  attack('connectAttempt tells an unauthenticated caller nothing, not even whether an id exists', async () => {
    const server = await startTestServer({ AUTH_MODE: 'signed', SESSION_SECRET, ...NOTION });
    const token = await createSessionToken(freshIdentity(), SESSION_SECRET);
    const { body } = await server.graphql<{ connect: { attemptId: string } }>(CONNECT, {}, { authorization: `Bearer ${token}` });
    const known = body.data!.connect.attemptId;
    const unknown = randomUUID().replace(/-/g, '');
    for (const headers of [{}, { authorization: 'Bearer not-a-token' }] as Array<Record<string, string>>) {
      const answers = [await server.graphql(ATTEMPT, { id: known }, headers), await server.graphql(ATTEMPT, { id: unknown }, headers)];
      expect(answers.map((a) => codeOf(a.body))).toEqual(['UNAUTHENTICATED', 'UNAUTHENTICATED']);
      expect(answers[0]!.body).toEqual(answers[1]!.body);
    }
    await server.close();
  });

  attack("connect refuses a bad returnTo before spending the identity's quota", async () => {
    const server = await startTestServer({ CONNECT_RATE_LIMIT: '2', ...NOTION });
    const who = freshIdentity();
    for (let i = 0; i < 5; i++)
      expect(codeOf((await server.graphql(CONNECT, { i: who, r: 'https://evil.example/steal' })).body)).toBe('BAD_USER_INPUT');
    expect(codeOf((await server.graphql(CONNECT, { i: who, r: `${TEST_ORIGIN}/back` })).body)).toBeUndefined();
    await server.close();
  });
});

describe('load budgets per identity (sandbox over real HTTP, real Redis)', () => {
  const attack = attackSuite('edges');
  const stack = useStack({ redisUrl: inject('redisUrl'), env: { LOAD_RATE_LIMIT: '3' } });

  attack('a flood of new load runs from one identity is rate limited; other identities are not affected', async () => {
    const [flooder, bystander] = [freshIdentity(), freshIdentity()];
    for (const who of [flooder, bystander]) expect((await connectThroughSandbox(stack, 'hubspot', who)).connected).toBe(true);
    const codes = [];
    for (let i = 0; i < 5; i++) codes.push((await loadPage(stack.server, 'hubspot', flooder, 5)).code);
    expect(codes).toEqual([null, null, null, 'RATE_LIMITED', 'RATE_LIMITED']);
    expect((await loadPage(stack.server, 'hubspot', bystander, 5)).code).toBeNull();
  });

  attack('load scratch data at rest is sealed: Redis holds no item names', async () => {
    const who = freshIdentity();
    expect((await connectThroughSandbox(stack, 'hubspot', who)).connected).toBe(true);
    // A full walk: deals pages look up company names in the run's scratch space.
    let after: string | null = null;
    do {
      const { page, code } = await loadPage(stack.server, 'hubspot', who, 200, after);
      expect(code).toBeNull();
      after = page!.pageInfo.hasNextPage ? page!.pageInfo.endCursor : null;
    } while (after);
    const redis = new Redis(inject('redisUrl'));
    const keys = await redis.keys(`${stack.server.config.redisKeyPrefix}{load:*`);
    expect(keys.length).toBeGreaterThan(0);
    const values = await redis.mget(keys);
    await redis.quit();
    const names = stack.sandbox.dataset.hubspot[0]!.companies.map((c) => c.properties.name).filter((n): n is string => !!n && n.length > 3);
    for (const value of values) {
      expect(value).toMatch(/^v1\./);
      for (const name of names) expect(value).not.toContain(name);
    }
  });
});
