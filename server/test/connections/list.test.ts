import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { createSessionToken } from '../../src/auth/session-token.js';
import type { StoredConnection } from '../../src/store/index.js';
import { freshIdentity } from '../../../test/support/identity.js';
import { LOAD } from '../../../test/support/load.js';
import { connectThroughSandbox, DISCONNECT, type ProviderName, useStack } from '../../../test/support/stack.js';
import type { GraphQLResponse } from '../../../test/support/test-server.js';

const SESSION_SECRET = 'connections-session-secret-0123456789abcdef';
const ADMIN_API_KEY = 'connections-admin-key-0123456789abcdef-42';
const admin = { 'x-admin-key': ADMIN_API_KEY };
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

export const LIST = `query($o: String, $u: String, $p: Provider, $f: Int, $a: String) {
  connections(orgId: $o, userId: $u, provider: $p, first: $f, after: $a) {
    edges { cursor node { provider status account { id name } orgId userId scopes connectedAt expiresAt } }
    pageInfo { hasNextPage endCursor }
  }
}`;

interface Node {
  provider: string;
  status: string;
  account: { id: string; name: string | null };
  orgId: string;
  userId: string;
  scopes: string[];
  connectedAt: string;
  expiresAt: string | null;
}
interface ListData {
  connections: { edges: Array<{ cursor: string; node: Node }>; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
}
interface Filters {
  o?: string;
  u?: string;
  p?: string;
  f?: number;
  a?: string;
}

const codeOf = (response: GraphQLResponse<unknown>) => response.body.errors?.[0]?.extensions?.code ?? null;
const who = (node: Node) => `${node.orgId}/${node.userId}/${node.provider}`;

describe('connections: the list host backends page through (AUTH_MODE=signed, real Redis)', () => {
  const stack = useStack({ redisUrl: inject('redisUrl'), env: { AUTH_MODE: 'signed', SESSION_SECRET, ADMIN_API_KEY } });
  const list = (variables: Filters, headers: Record<string, string> = admin) =>
    stack.server.graphql<ListData>(LIST, { ...variables }, headers);

  /** A stored connection, as confirmConnect would write it (the list reads the same store). */
  const seed = (orgId: string, userId: string, provider: ProviderName = 'hubspot', overrides: Partial<StoredConnection> = {}) =>
    stack.server.stores.connections.put({
      provider,
      orgId,
      userId,
      status: 'CONNECTED',
      account: { id: `acct-${userId}`, name: `Account of ${userId}` },
      scopes: ['crm.objects.contacts.read'],
      accessToken: `secret-access-${randomUUID()}`,
      refreshToken: `secret-refresh-${randomUUID()}`,
      accessTokenExpiresAt: Date.now() + 3_600_000,
      connectedAt: Date.now(),
      metadata: {},
      ...overrides,
    });

  /** Every page of a listing, following endCursor. */
  async function pages(variables: Filters, headers: Record<string, string> = admin) {
    const all: Array<ListData['connections']> = [];
    let after: string | undefined;
    for (;;) {
      const response = await list({ ...variables, ...(after ? { a: after } : {}) }, headers);
      expect(response.body.errors).toBeUndefined();
      const page = response.body.data!.connections;
      all.push(page);
      if (!page.pageInfo.hasNextPage) return all;
      after = page.pageInfo.endCursor!;
    }
  }

  describe('with the admin key', () => {
    it('pages 45 connections of an organization 20 at a time: each once, in order, never a token', async () => {
      const org = `org-${randomUUID()}`;
      const stored = [];
      for (let i = 0; i < 45; i++) stored.push(await seed(org, `user-${String(i).padStart(2, '0')}`));
      const all = await pages({ o: org, f: 20 });
      expect(all.map((page) => page.edges.length)).toEqual([20, 20, 5]);
      expect(all.map((page) => page.pageInfo.hasNextPage)).toEqual([true, true, false]);
      const users = all.flatMap((page) => page.edges.map((edge) => edge.node.userId));
      expect(users).toEqual(stored.map((connection) => connection.userId));
      expect(all[2]!.pageInfo.endCursor).toBe(all[2]!.edges.at(-1)!.cursor);
      const text = JSON.stringify(all);
      for (const connection of stored) {
        expect(text).not.toContain(connection.accessToken);
        expect(text).not.toContain(connection.refreshToken);
      }
    });

    it('shows what the widget shows, plus whose it is', async () => {
      const org = `org-${randomUUID()}`;
      const stored = await seed(org, 'ada', 'airtable', { scopes: ['schema.bases:read'], accessTokenExpiresAt: null });
      const { body } = await list({ o: org });
      expect(body.data!.connections.edges.map((edge) => edge.node)).toEqual([
        {
          provider: 'AIRTABLE',
          status: 'CONNECTED',
          account: { id: 'acct-ada', name: 'Account of ada' },
          orgId: org,
          userId: 'ada',
          scopes: ['schema.bases:read'],
          connectedAt: new Date(stored.connectedAt).toISOString(),
          expiresAt: null,
        },
      ]);
    });

    it('filters by organization, user and provider in any combination', async () => {
      const org = `org-${randomUUID()}`;
      const user = `user-${randomUUID()}`;
      await seed(org, user, 'hubspot');
      await seed(org, user, 'notion');
      await seed(org, 'zed', 'notion');
      await seed(`${org}:other`, user, 'notion'); // another org, same user id
      const listed = async (variables: Filters) => (await pages(variables)).flatMap((page) => page.edges.map((edge) => who(edge.node)));
      expect(await listed({ o: org })).toEqual([`${org}/${user}/hubspot`, `${org}/${user}/notion`, `${org}/zed/notion`].map(upper));
      expect(await listed({ o: org, u: user })).toEqual([`${org}/${user}/hubspot`, `${org}/${user}/notion`].map(upper));
      expect(await listed({ o: org, p: 'NOTION' })).toEqual([`${org}/${user}/notion`, `${org}/zed/notion`].map(upper));
      expect(await listed({ o: org, u: user, p: 'HUBSPOT' })).toEqual([`${org}/${user}/hubspot`].map(upper));
      // Byte order of the encoded ids: `:` is `%3A`, which sorts before the separator.
      expect(await listed({ u: user, p: 'NOTION', f: 1 })).toEqual([`${org}:other/${user}/notion`, `${org}/${user}/notion`].map(upper));
      const everyone = await listed({ f: 100 });
      expect(everyone).toEqual(expect.arrayContaining([`${org}/zed/notion`, `${org}:other/${user}/notion`].map(upper)));
    });

    it('bounds first to 1..100 (default 20)', async () => {
      for (const f of [0, -1, 101]) expect(codeOf(await list({ f })), String(f)).toBe('BAD_USER_INPUT');
      const org = `org-${randomUUID()}`;
      for (let i = 0; i < 21; i++) await seed(org, `u${String(i).padStart(2, '0')}`);
      const { body } = await list({ o: org });
      expect(body.data!.connections.edges).toHaveLength(20);
      expect(body.data!.connections.pageInfo.hasNextPage).toBe(true);
    });

    it('refuses a tampered cursor, and a cursor replayed with other filters', async () => {
      const org = `org-${randomUUID()}`;
      await seed(org, 'a');
      await seed(org, 'b');
      await seed(org, 'b', 'notion');
      const first = (await list({ o: org, f: 1 })).body.data!.connections.pageInfo.endCursor!;
      expect((await list({ o: org, f: 1, a: first })).body.data!.connections.edges[0]!.node.userId).toBe('b');
      const flipped = first.slice(0, -2) + (first.at(-2) === 'A' ? 'B' : 'A') + first.at(-1)!;
      for (const a of [flipped, 'garbage', first.slice(0, -4), 'x'.repeat(5_000)])
        expect(codeOf(await list({ o: org, f: 1, a }))).toBe('BAD_USER_INPUT');
      // The same position under other filters: another org, a provider added, no filter at all.
      for (const other of [{ o: `${org}-2` }, { o: org, p: 'HUBSPOT' }, { o: org, u: 'a' }, {}])
        expect(codeOf(await list({ ...other, f: 1, a: first })), JSON.stringify(other)).toBe('BAD_USER_INPUT');
    });

    it('refuses ids the store cannot name', async () => {
      expect(codeOf(await list({ o: '' }))).toBe('BAD_USER_INPUT');
      expect(codeOf(await list({ u: 'a\u0000b' }))).toBe('BAD_USER_INPUT');
    });
  });

  describe('with a session', () => {
    let me: { orgId: string; userId: string };
    let token: string;
    beforeAll(async () => {
      me = freshIdentity();
      token = await createSessionToken(me, SESSION_SECRET);
      await seed(me.orgId, me.userId, 'hubspot');
      await seed(me.orgId, me.userId, 'notion');
      await seed(me.orgId, `colleague-${randomUUID()}`, 'hubspot'); // same org, another user
    });

    it('lists only its own connections; absent filters default to the session', async () => {
      const { body } = await list({}, bearer(token));
      expect(body.data!.connections.edges.map((edge) => who(edge.node))).toEqual(
        [`${me.orgId}/${me.userId}/hubspot`, `${me.orgId}/${me.userId}/notion`].map(upper),
      );
      const matching = await list({ o: me.orgId, u: me.userId, p: 'NOTION' }, bearer(token));
      expect(matching.body.data!.connections.edges.map((edge) => edge.node.provider)).toEqual(['NOTION']);
    });

    it('is FORBIDDEN to name anyone else, even a colleague of its own organization', async () => {
      for (const variables of [{ o: `${me.orgId}-x` }, { u: 'someone-else' }, { o: me.orgId, u: 'someone-else' }, { o: 'x', u: me.userId }])
        expect(codeOf(await list(variables, bearer(token))), JSON.stringify(variables)).toBe('FORBIDDEN');
    });

    it('sees only the providers the session is limited to', async () => {
      const limited = await createSessionToken({ ...me, providers: ['notion'] }, SESSION_SECRET);
      const { body } = await list({}, bearer(limited));
      expect(body.data!.connections.edges.map((edge) => edge.node.provider)).toEqual(['NOTION']);
      expect(codeOf(await list({ p: 'HUBSPOT' }, bearer(limited)))).toBe('FORBIDDEN');
    });

    it('without a session or admin key nothing is listed', async () => {
      expect(codeOf(await list({ o: me.orgId, u: me.userId }, {}))).toBe('UNAUTHENTICATED');
      expect(codeOf(await list({}, { authorization: 'Bearer not-a-token' }))).toBe('UNAUTHENTICATED');
    });
  });

  describe('kept in step with the connection flow', () => {
    it('connect lists CONNECTED, a revoked grant RECONNECT_REQUIRED, disconnect removes it', async () => {
      const me = freshIdentity();
      const token = await createSessionToken(me, SESSION_SECRET);
      const mine = async () =>
        (await list({}, bearer(token))).body.data!.connections.edges.map((edge) => [edge.node.provider, edge.node.status]);
      expect(await mine()).toEqual([]);
      expect((await connectThroughSandbox(stack, 'hubspot', me, { headers: bearer(token) })).connected).toBe(true);
      expect(await mine()).toEqual([['HUBSPOT', 'CONNECTED']]);

      stack.sandbox.revokeGrants('hubspot');
      stack.sandbox.expireAccessTokens('hubspot');
      expect(codeOf(await stack.server.graphql(LOAD, { p: 'HUBSPOT', first: 5 }, bearer(token)))).toBe('RECONNECT_REQUIRED');
      expect(await mine()).toEqual([['HUBSPOT', 'RECONNECT_REQUIRED']]);

      const { body } = await stack.server.graphql<{ disconnect: boolean }>(DISCONNECT, { p: 'HUBSPOT' }, bearer(token));
      expect(body.data?.disconnect).toBe(true);
      expect(await mine()).toEqual([]);
    });
  });
});

describe('connections in AUTH_MODE=open (the demo): the identity is the filters', () => {
  const stack = useStack({ redisUrl: inject('redisUrl') });

  it('needs both orgId and userId, and lists only that identity', async () => {
    const me = freshIdentity();
    expect((await connectThroughSandbox(stack, 'notion', me)).connected).toBe(true);
    const { body } = await stack.server.graphql<ListData>(LIST, { o: me.orgId, u: me.userId });
    expect(body.data!.connections.edges.map((edge) => who(edge.node))).toEqual([`${me.orgId}/${me.userId}/NOTION`]);
    for (const variables of [{ o: me.orgId }, { u: me.userId }, {}])
      expect(codeOf(await stack.server.graphql(LIST, variables)), JSON.stringify(variables)).toBe('UNAUTHENTICATED');
  });
});

/** `org/user/provider` with the provider as the API spells it. */
function upper(name: string): string {
  const at = name.lastIndexOf('/');
  return name.slice(0, at + 1) + name.slice(at + 1).toUpperCase();
}
