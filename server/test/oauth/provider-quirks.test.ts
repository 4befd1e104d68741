import { describe, expect, inject, it } from 'vitest';
import { expectExactlyOnce, expectedItemIds, loadAll } from '../../../test/support/load.js';
import { connectThroughSandbox, CREDENTIALS, ENUM, PROVIDERS, type Stack, useStack } from '../../../test/support/stack.js';
import { freshIdentity } from '../../../test/support/identity.js';

const CONNECT = `mutation($p: Provider!, $i: IdentityInput) { connect(provider: $p, identity: $i) { authorizationUrl } }`;

async function authorizationUrl(stack: Stack, provider: (typeof PROVIDERS)[number]): Promise<URL> {
  const { body } = await stack.server.graphql<{ connect: { authorizationUrl: string } }>(CONNECT, {
    p: ENUM[provider],
    i: freshIdentity(),
  });
  return new URL(body.data!.connect.authorizationUrl);
}

describe('what the real authorize pages and token endpoints expect (sandbox over real HTTP, real Redis)', () => {
  // The sandbox's apps have only the scopes README.md tells operators to enable.
  const stack = useStack({ redisUrl: inject('redisUrl') });

  it('Airtable: sends the raw Basic credentials, which hold "-", "." and "_" (Q1)', async () => {
    expect(stack.sandbox.airtable.clientId).toContain('-');
    expect(stack.sandbox.airtable.clientSecret).toMatch(/[._]/);
    const result = await connectThroughSandbox(stack, 'airtable', freshIdentity());
    expect(result.message?.status).toBe('AWAITING_CONFIRMATION');
    expect(result.connected).toBe(true);
  });

  it.each([
    ['hubspot', ['oauth', 'crm.objects.contacts.read', 'crm.objects.companies.read', 'crm.objects.deals.read']],
    ['airtable', ['schema.bases:read', 'user.email:read']],
  ] as const)('%s: asks for exactly the scopes its calls use (Q12)', async (provider, scopes) => {
    expect((await authorizationUrl(stack, provider)).searchParams.get('scope')?.split(' ')).toEqual(scopes);
  });

  it.each([
    ['hubspot', false],
    ['airtable', true],
    ['notion', false],
  ] as const)('%s: PKCE only where the authorize page documents it (%s; Q8)', async (provider, pkce) => {
    const url = await authorizationUrl(stack, provider);
    expect(url.searchParams.has('code_challenge')).toBe(pkce);
    expect(url.searchParams.get('code_challenge_method')).toBe(pkce ? 'S256' : null);
  });
});

describe('an Airtable integration without a client secret (a public client, Q2)', () => {
  const stack = useStack({
    redisUrl: inject('redisUrl'),
    sandbox: { airtable: { client: { clientId: '5a4db0c5-0000-4ab1-8e00-00000000b11c', clientSecret: null } } },
  });

  it('is configured from AIRTABLE_CLIENT_ID alone, connects and refreshes with client_id in the body', async () => {
    expect(stack.server.config.providers.airtable.clientSecret).toBeUndefined();
    const { body } = await stack.server.graphql<{ providers: Array<{ id: string; configured: boolean }> }>(
      `{ providers { id configured } }`,
    );
    expect(body.data!.providers.find((p) => p.id === 'AIRTABLE')?.configured).toBe(true);

    const who = freshIdentity();
    expect((await connectThroughSandbox(stack, 'airtable', who)).connected).toBe(true);
    const refreshes = stack.sandbox.stats().airtable.successfulRefreshes;
    stack.sandbox.expireAccessTokens('airtable');
    const { items } = await loadAll(stack.server, 'airtable', who, { first: 50 });
    expectExactlyOnce(items, expectedItemIds(stack.sandbox.dataset, 'airtable'));
    expect(stack.sandbox.stats().airtable.successfulRefreshes).toBe(refreshes + 1);
    const credentials = await stack.server.graphql<{ credentials: { status: string } }>(CREDENTIALS, { p: 'AIRTABLE', i: who });
    expect(credentials.body.data!.credentials.status).toBe('CONNECTED');
  });
});
