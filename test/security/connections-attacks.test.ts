import { beforeAll, describe, expect, inject } from 'vitest';
import { createSessionToken } from '../../server/src/auth/session-token.js';
import { connectThroughSandbox, useStack } from '../support/stack.js';
import { attackSuite } from './attack-tally.js';

const SESSION_SECRET = 'connections-attack-secret-0123456789abcdef';
const ADMIN_API_KEY = 'connections-attack-admin-0123456789abcdef';
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

/** Two tenants whose naive `org:user` names are the same string: `acme:team:alice`. */
const LEFT = { orgId: 'acme', userId: 'team:alice' };
const RIGHT = { orgId: 'acme:team', userId: 'alice' };

const LIST = `query($o: String, $u: String, $p: Provider, $a: String) {
  connections(orgId: $o, userId: $u, provider: $p, first: 100, after: $a) {
    edges { node { orgId userId provider account { id } } }
    pageInfo { endCursor }
  }
}`;
interface ListData {
  connections: { edges: Array<{ node: { orgId: string; userId: string; provider: string } }>; pageInfo: { endCursor: string | null } };
}

describe('connections list attack suite (AUTH_MODE=signed, real HTTP, real Redis)', () => {
  const attack = attackSuite('connections');
  const stack = useStack({ redisUrl: inject('redisUrl'), env: { AUTH_MODE: 'signed', SESSION_SECRET, ADMIN_API_KEY } });
  let left: Record<string, string>;
  const list = (variables: Record<string, string | undefined>, headers = left) => stack.server.graphql<ListData>(LIST, variables, headers);
  const owners = (body: { data?: ListData | null }) =>
    (body.data?.connections.edges ?? []).map((edge) => `${edge.node.orgId} | ${edge.node.userId}`);

  beforeAll(async () => {
    left = bearer(await createSessionToken(LEFT, SESSION_SECRET));
    const right = bearer(await createSessionToken(RIGHT, SESSION_SECRET));
    expect((await connectThroughSandbox(stack, 'hubspot', LEFT, { headers: left, account: 0 })).connected).toBe(true);
    expect((await connectThroughSandbox(stack, 'hubspot', RIGHT, { headers: right, account: 1 })).connected).toBe(true);
    expect((await connectThroughSandbox(stack, 'notion', RIGHT, { headers: right })).connected).toBe(true);
  });

  attack("a session of tenant A naming tenant B's org and user (ids that differ only by where a ':' sits) is FORBIDDEN", async () => {
    const { body } = await list({ o: RIGHT.orgId, u: RIGHT.userId });
    expect(body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(body.data ?? null).toBeNull();
  });

  attack("a session naming only tenant B's org, or only B's user, or B's user with a provider, is FORBIDDEN", async () => {
    for (const variables of [
      { o: RIGHT.orgId },
      { u: RIGHT.userId },
      { u: RIGHT.userId, p: 'NOTION' },
      { o: RIGHT.orgId, u: LEFT.userId },
    ]) {
      const { body } = await list(variables);
      expect(body.errors?.[0]?.extensions?.code, JSON.stringify(variables)).toBe('FORBIDDEN');
      expect(owners(body)).toEqual([]);
    }
  });

  attack('a session without filters, or with its own, never sees the look-alike tenant', async () => {
    for (const variables of [{}, { o: LEFT.orgId }, { o: LEFT.orgId, u: LEFT.userId }, { p: 'NOTION' }]) {
      const { body } = await list(variables);
      expect(body.errors, JSON.stringify(variables)).toBeUndefined();
      expect(
        owners(body).every((owner) => owner === 'acme | team:alice'),
        JSON.stringify(variables),
      ).toBe(true);
    }
    expect(owners((await list({})).body)).toEqual(['acme | team:alice']);
  });

  attack("tenant B's cursor (read by the admin) does not open for tenant A's session", async () => {
    const admin = { 'x-admin-key': ADMIN_API_KEY };
    const { body } = await stack.server.graphql<ListData>(
      `query($o: String, $u: String) { connections(orgId: $o, userId: $u, first: 1) { pageInfo { endCursor } } }`,
      { o: RIGHT.orgId, u: RIGHT.userId },
      admin,
    );
    const cursor = body.data!.connections.pageInfo.endCursor!;
    expect(cursor).toBeTruthy();
    for (const variables of [{ a: cursor }, { o: LEFT.orgId, u: LEFT.userId, a: cursor }]) {
      const replay = await list(variables);
      expect(replay.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(owners(replay.body)).toEqual([]);
    }
  });
});
