import { Redis } from 'ioredis';
import { describe, expect, inject, it } from 'vitest';
import { keys } from '../../src/store/keys.js';
import { ATTEMPT, CONFIRM, connectThroughSandbox, CREDENTIALS, ENUM, useStack } from '../../../test/support/stack.js';
import { startTestServer } from '../../../test/support/test-server.js';
import { freshIdentity } from '../../../test/support/identity.js';

const CONNECT = `mutation($p: Provider!, $i: IdentityInput, $r: String) { connect(provider: $p, identity: $i, returnTo: $r) { authorizationUrl attemptId expiresAt } }`;
interface Connect {
  connect: { authorizationUrl: string; attemptId: string; expiresAt: string };
}

describe('connect: the edges', () => {
  const stack = useStack({ redisUrl: inject('redisUrl') });

  it("builds each provider's authorize URL as documented", async () => {
    const urls = await Promise.all(
      (['hubspot', 'airtable', 'notion'] as const).map(async (p) => {
        const { body } = await stack.server.graphql<Connect>(CONNECT, { p: ENUM[p], i: freshIdentity() });
        return new URL(body.data!.connect.authorizationUrl);
      }),
    );
    const [hubspot, airtable, notion] = urls as [URL, URL, URL];
    expect(hubspot.pathname).toBe('/oauth/authorize');
    expect(hubspot.search).toContain('scope=oauth%20crm.objects.contacts.read%20crm.objects.companies.read%20crm.objects.deals.read');
    expect(airtable.pathname).toBe('/oauth2/v1/authorize');
    expect(airtable.searchParams.get('code_challenge_method')).toBe('S256');
    expect(airtable.searchParams.get('state')).toMatch(/^[A-Za-z0-9._-]{16,1024}$/);
    expect(notion.pathname).toBe('/v1/oauth/authorize');
    expect(notion.searchParams.get('owner')).toBe('user');
    expect(notion.searchParams.has('scope')).toBe(false);
    for (const url of urls) {
      expect(url.searchParams.get('redirect_uri')).toMatch(/\/integrations\/(hubspot|airtable|notion)\/oauth2callback$/);
      // >= 128 bits of state: 32 random bytes, base64url.
      expect(url.searchParams.get('state')!.length).toBeGreaterThanOrEqual(43);
    }
  });

  it('returns an attempt that expires in 10 minutes and reads PENDING until the user acts', async () => {
    const { body } = await stack.server.graphql<Connect>(CONNECT, { p: 'NOTION', i: freshIdentity() });
    const expires = Date.parse(body.data!.connect.expiresAt) - Date.now();
    expect(expires).toBeGreaterThan(9.9 * 60_000);
    expect(expires).toBeLessThanOrEqual(10 * 60_000);
    const attempt = await stack.server.graphql<{ connectAttempt: { status: string } }>(ATTEMPT, { id: body.data!.connect.attemptId });
    expect(attempt.body.data?.connectAttempt.status).toBe('PENDING');
  });

  it.each(['airtable', 'notion'] as const)('%s: deny redirects back and the attempt reads DENIED, nothing is stored', async (provider) => {
    const who = freshIdentity();
    const result = await connectThroughSandbox(stack, provider, who, { decision: 'deny' });
    expect(result.callbackHtml).toMatch(/declined/);
    const attempt = await stack.server.graphql<{ connectAttempt: { status: string } }>(ATTEMPT, { id: result.attemptId });
    expect(attempt.body.data?.connectAttempt.status).toBe('DENIED');
    const creds = await stack.server.graphql<{ credentials: unknown }>(CREDENTIALS, { p: ENUM[provider], i: who });
    expect(creds.body.data?.credentials).toBeNull();
  });

  it("hubspot: deny shows HubSpot's page and never comes back; the attempt stays PENDING until it expires", async () => {
    const result = await connectThroughSandbox(stack, 'hubspot', freshIdentity(), { decision: 'deny' });
    expect(result.callbackUrl).toBeNull();
    const attempt = await stack.server.graphql<{ connectAttempt: { status: string } }>(ATTEMPT, { id: result.attemptId });
    expect(attempt.body.data?.connectAttempt.status).toBe('PENDING');
  });

  it('rejects an expired state', async () => {
    const { body } = await stack.server.graphql<Connect>(CONNECT, { p: 'NOTION', i: freshIdentity() });
    const state = new URL(body.data!.connect.authorizationUrl).searchParams.get('state')!;
    const redis = new Redis(inject('redisUrl'));
    await redis.pexpire(`${stack.server.config.redisKeyPrefix}${keys.attemptByState(state)}`, 1);
    await redis.quit();
    await new Promise((r) => setTimeout(r, 20));
    const response = await fetch(`${stack.server.url}/integrations/notion/oauth2callback?code=c&state=${state}`);
    expect(response.status).toBe(400);
  });

  it('redirect mode: the callback sends the browser back to returnTo with the attempt id', async () => {
    const { body } = await stack.server.graphql<Connect>(CONNECT, {
      p: 'NOTION',
      i: freshIdentity(),
      r: 'http://localhost:3000/settings?tab=integrations',
    });
    const authorize = new URL(body.data!.connect.authorizationUrl);
    authorize.searchParams.set('sandbox_approve', 'allow');
    const consent = await fetch(authorize, { redirect: 'manual' });
    const callback = new URL(consent.headers.get('location')!);
    const response = await fetch(`${stack.server.url}${callback.pathname}${callback.search}`, { redirect: 'manual' });
    expect(response.status).toBe(303);
    const back = new URL(response.headers.get('location')!);
    expect(back.origin + back.pathname).toBe('http://localhost:3000/settings');
    expect(back.searchParams.get('tab')).toBe('integrations');
    expect(back.searchParams.get('ic_attempt')).toBe(body.data!.connect.attemptId);
    expect(back.searchParams.has('code')).toBe(false);
  });

  it('refuses a returnTo outside the allowed origins (no open redirect)', async () => {
    const { body } = await stack.server.graphql<Connect>(CONNECT, { p: 'NOTION', i: freshIdentity(), r: 'https://evil.example/phish' });
    expect(body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('refuses to connect for a page origin outside ALLOWED_ORIGINS', async () => {
    const { body } = await stack.server.graphql<Connect>(CONNECT, { p: 'NOTION', i: freshIdentity() }, { origin: 'https://evil.example' });
    expect(body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('answers 404 for an unknown provider callback and 400 for a callback without state', async () => {
    expect((await fetch(`${stack.server.url}/integrations/github/oauth2callback?code=x&state=y`)).status).toBe(404);
    expect((await fetch(`${stack.server.url}/integrations/notion/oauth2callback?code=x`)).status).toBe(400);
  });

  it('never logs a code, token, confirmation or client secret', async () => {
    const who = freshIdentity();
    const result = await connectThroughSandbox(stack, 'airtable', who);
    // A refused confirmation is logged as a warning: without the confirmation it carried.
    const refused = await connectThroughSandbox(stack, 'airtable', freshIdentity(), { confirm: false });
    await stack.server.graphql(CONFIRM, { a: refused.attemptId, c: refused.message!.confirmation, i: who });
    const stored = (await stack.server.stores.connections.get({ ...who, provider: 'airtable' }))!;
    const code = new URL(result.callbackUrl!).searchParams.get('code')!;
    const logs = stack.server.logs.text;
    expect(logs.length).toBeGreaterThan(0);
    expect(logs).toContain('approved grant discarded');
    for (const secret of [
      code,
      stored.accessToken,
      stored.refreshToken!,
      stack.sandbox.airtable.clientSecret,
      result.message!.confirmation!,
      refused.message!.confirmation!,
    ]) {
      expect(logs).not.toContain(secret);
    }
  });
});

describe('connect without provider credentials', () => {
  it('reports the provider unconfigured and answers PROVIDER_NOT_CONFIGURED instead of crashing', async () => {
    const server = await startTestServer();
    const { body } = await server.graphql<Connect>(CONNECT, { p: 'HUBSPOT', i: freshIdentity() });
    expect(body.errors?.[0]?.extensions?.code).toBe('PROVIDER_NOT_CONFIGURED');
    await server.close();
  });
});
