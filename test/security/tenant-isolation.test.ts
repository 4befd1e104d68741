import { describe, expect, inject } from 'vitest';
import type { HubSpotAccount } from '../../sandbox/src/hubspot/index.js';
import { loadPage } from '../support/load.js';
import { connectThroughSandbox, type Stack, useStack } from '../support/stack.js';
import type { TestServer } from '../support/test-server.js';
import { attackSuite } from './attack-tally.js';

const ADMIN_API_KEY = 'isolation-admin-key-0123456789abcdef-42';
const TOKEN = `query($i: IdentityInput) { credentials(provider: HUBSPOT, identity: $i) { accessToken } }`;

/** Two tenants whose naive `org:user` names are the same string: `acme:team:alice`. */
const LEFT = { orgId: 'acme', userId: 'team:alice' };
const RIGHT = { orgId: 'acme:team', userId: 'alice' };

/** The hub a HubSpot access token reaches, asked of the sandbox (what HubSpot's token metadata says). */
async function hubOf(stack: Stack, token: string): Promise<number | null> {
  const response = await fetch(`${stack.sandbox.hubspot.apiUrl}/oauth/v1/access-tokens/${encodeURIComponent(token)}`);
  return response.ok ? ((await response.json()) as { hub_id: number }).hub_id : null;
}

const recordIds = (account: HubSpotAccount) => new Set([...account.contacts, ...account.companies, ...account.deals].map((r) => r.id));

describe('tenant isolation by construction (sandbox over real HTTP, real Redis, two instances)', () => {
  const attack = attackSuite('isolation');
  // Tokens live 2 s, well inside the 60 s refresh margin: every request of both tenants refreshes.
  const stack = useStack({
    redisUrl: inject('redisUrl'),
    instances: 2,
    env: { ADMIN_API_KEY },
    sandbox: { hubspot: { tokenLifetimeSeconds: 2 } },
  });

  attack(
    'identities whose parts only differ by where a ":" sits never share a refresh: each sees only its own items and token',
    async () => {
      for (const [who, account] of [
        [LEFT, 0],
        [RIGHT, 1],
      ] as const) {
        const result = await connectThroughSandbox(stack, 'hubspot', who, { account });
        expect(result.connected, result.callbackHtml).toBe(true);
      }
      const own = { left: stack.sandbox.dataset.hubspot[0]!, right: stack.sandbox.dataset.hubspot[1]! };
      const check = async (server: TestServer, who: typeof LEFT, mine: HubSpotAccount, theirs: HubSpotAccount) => {
        const [page, token] = await Promise.all([
          loadPage(server, 'hubspot', who, 20),
          server.graphql<{ credentials: { accessToken: string } }>(TOKEN, { i: who }, { 'x-admin-key': ADMIN_API_KEY }),
        ]);
        expect(page.code, page.message ?? '').toBeNull();
        const records = page.page!.edges.map((e) => e.node.id).filter((id) => !['contacts', 'companies', 'deals'].includes(id));
        expect(records.length).toBeGreaterThan(0);
        const foreign = recordIds(theirs);
        expect(
          records.filter((id) => foreign.has(id)),
          `${who.orgId} / ${who.userId} saw the other tenant's records`,
        ).toEqual([]);
        expect(records.every((id) => recordIds(mine).has(id))).toBe(true);
        const accessToken = token.body.data?.credentials.accessToken;
        expect(accessToken, JSON.stringify(token.body.errors)).toBeTruthy();
        expect(await hubOf(stack, accessToken!)).toBe(mine.hubId);
      };
      for (let round = 0; round < 15; round++) {
        // Both tenants at once, on both instances, so refreshes overlap in one process and across two.
        await Promise.all([
          check(stack.servers[round % 2]!, LEFT, own.left, own.right),
          check(stack.servers[round % 2]!, RIGHT, own.right, own.left),
          check(stack.servers[(round + 1) % 2]!, RIGHT, own.right, own.left),
          check(stack.servers[(round + 1) % 2]!, LEFT, own.left, own.right),
        ]);
      }
    },
    60_000,
  );

  const TOKEN_PATH = { hubspot: '/oauth/2026-03/token', airtable: '/oauth2/v1/token', notion: '/v1/oauth/token' } as const;
  for (const provider of ['hubspot', 'airtable', 'notion'] as const) {
    attack(`${provider}: a refresh answered with another account's grant is refused and nothing of it is stored`, async () => {
      const who = { orgId: `org-${provider}-refresh`, userId: 'u-1' };
      expect((await connectThroughSandbox(stack, provider, who)).connected).toBe(true);
      const before = (await stack.server.stores.connections.get({ ...who, provider }))!;
      stack.sandbox.faults.inject({ provider, kind: 'other_account', count: 1, pathPrefix: TOKEN_PATH[provider] });
      stack.sandbox.expireAccessTokens(provider); // the next call refreshes (near expiry, or after the 401)
      const page = await loadPage(stack.server, provider, who, 5);
      expect(page.code, page.message ?? '').toBe('RECONNECT_REQUIRED');
      const after = (await stack.server.stores.connections.get({ ...who, provider }))!;
      expect(after).toMatchObject({
        status: 'RECONNECT_REQUIRED',
        account: before.account,
        accessToken: before.accessToken,
        refreshToken: before.refreshToken,
      });
      stack.sandbox.faults.clear(provider);
    });
  }
});
