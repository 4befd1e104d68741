import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { describe, expect, inject } from 'vitest';
import { keys } from '../../server/src/store/keys.js';
import { connectThroughSandbox, CREDENTIALS, ENUM, type ProviderName, type Stack, useStack } from '../support/stack.js';
import { attackSuite } from './attack-tally.js';
import { loadPage } from '../support/load.js';
import { freshIdentity } from '../support/identity.js';

const CONNECT = `mutation($p: Provider!, $i: IdentityInput) { connect(provider: $p, identity: $i) { authorizationUrl attemptId } }`;
interface Connect {
  connect: { authorizationUrl: string; attemptId: string };
}

/** A code the sandbox issued, and the state it was issued with, without delivering it to our callback. */
async function codeFor(stack: Stack, provider: 'hubspot' | 'airtable' | 'notion', who = freshIdentity()) {
  const { body } = await stack.server.graphql<Connect>(CONNECT, { p: ENUM[provider], i: who });
  const authorize = new URL(body.data!.connect.authorizationUrl);
  authorize.searchParams.set('sandbox_approve', 'allow');
  const location = new URL((await fetch(authorize, { redirect: 'manual' })).headers.get('location')!);
  return {
    code: location.searchParams.get('code')!,
    state: location.searchParams.get('state')!,
    attemptId: body.data!.connect.attemptId,
    who,
    location,
  };
}

const stored = (stack: Stack, who: { orgId: string; userId: string }, provider: ProviderName) =>
  stack.server.stores.connections.get({ ...who, provider });

describe('OAuth attack suite (sandbox over real HTTP, real Redis)', () => {
  const attack = attackSuite('oauth');
  const stack = useStack({ redisUrl: inject('redisUrl') });

  attack('forged state: a state this server never issued connects nothing', async () => {
    const { code } = await codeFor(stack, 'notion');
    const response = await fetch(
      `${stack.server.url}/integrations/notion/oauth2callback?code=${code}&state=${randomUUID()}${randomUUID()}`,
    );
    expect(response.status).toBe(400);
    expect(await response.text()).not.toContain('postMessage(message, target)\n');
  });

  attack('replayed state: the second delivery of a valid callback is refused', async () => {
    const { location, who } = await codeFor(stack, 'hubspot');
    const first = await fetch(`${stack.server.url}${location.pathname}${location.search}`);
    expect(first.status).toBe(200);
    await stack.server.stores.connections.delete({ ...who, provider: 'hubspot' });
    const replay = await fetch(`${stack.server.url}${location.pathname}${location.search}`);
    expect(replay.status).toBe(400);
    expect(await stored(stack, who, 'hubspot')).toBeNull();
  });

  attack('expired state: an attempt past its TTL is refused', async () => {
    const { location, state, who } = await codeFor(stack, 'airtable');
    const redis = new Redis(inject('redisUrl'));
    await redis.pexpire(`${stack.server.config.redisKeyPrefix}${keys.attemptByState(state)}`, 1);
    await redis.quit();
    await new Promise((r) => setTimeout(r, 20));
    expect((await fetch(`${stack.server.url}${location.pathname}${location.search}`)).status).toBe(400);
    expect(await stored(stack, who, 'airtable')).toBeNull();
  });

  attack('state from another provider: a Notion state on the HubSpot callback is refused and burned', async () => {
    const { code, state, who } = await codeFor(stack, 'notion');
    const crossed = await fetch(`${stack.server.url}/integrations/hubspot/oauth2callback?code=${code}&state=${state}`);
    expect(await crossed.text()).toMatch(/Could not connect/);
    expect(await stored(stack, who, 'hubspot')).toBeNull();
    expect((await fetch(`${stack.server.url}/integrations/notion/oauth2callback?code=${code}&state=${state}`)).status).toBe(400);
    expect(await stored(stack, who, 'notion')).toBeNull();
  });

  attack(
    "state from another identity (login CSRF): the victim opening the attacker's callback links nothing to the victim, nor to the attacker",
    async () => {
      const attacker = freshIdentity();
      const victim = freshIdentity();
      const { location } = await codeFor(stack, 'notion', attacker);
      await fetch(`${stack.server.url}${location.pathname}${location.search}`); // opened in the victim's browser
      const victimView = await stack.server.graphql<{ credentials: unknown }>(CREDENTIALS, { p: 'NOTION', i: victim });
      expect(victimView.body.data?.credentials).toBeNull();
      // The grant waits for a confirmation that only the victim's browser received.
      expect(await stored(stack, attacker, 'notion')).toBeNull();
    },
  );

  attack('authorization code injection: a code issued for another redirect URI is rejected at the exchange', async () => {
    // The attacker's own app/redirect gets a code from the provider...
    const foreignRedirect = 'http://127.0.0.1:9/attacker/callback';
    stack.sandbox.registerRedirectUri(foreignRedirect);
    const authorize = new URL(`${stack.sandbox.notion.apiUrl}/v1/oauth/authorize`);
    Object.entries({
      client_id: stack.sandbox.notion.clientId,
      redirect_uri: foreignRedirect,
      response_type: 'code',
      owner: 'user',
      state: 'x'.repeat(20),
      sandbox_approve: 'allow',
    }).forEach(([k, v]) => authorize.searchParams.set(k, v));
    const foreignCode = new URL((await fetch(authorize, { redirect: 'manual' })).headers.get('location')!).searchParams.get('code')!;
    // ...and injects it into a victim's legitimate attempt.
    const { state, who, attemptId } = await codeFor(stack, 'notion');
    const response = await fetch(`${stack.server.url}/integrations/notion/oauth2callback?code=${foreignCode}&state=${state}`);
    expect(await response.text()).toMatch(/Could not connect/);
    expect(await stored(stack, who, 'notion')).toBeNull();
    const outcome = await stack.server.stores.attempts.readOutcome(attemptId);
    expect(outcome).toMatchObject({ status: 'FAILED', errorCode: 'PROVIDER_ERROR' });
  });

  attack('authorization code injection: a code issued to another client is rejected', async () => {
    const { code } = await codeFor(stack, 'airtable');
    const other = await codeFor(stack, 'hubspot');
    // An Airtable code delivered with a HubSpot state: HubSpot's token endpoint never issued it.
    const response = await fetch(`${stack.server.url}/integrations/hubspot/oauth2callback?code=${code}&state=${other.state}`);
    expect(await response.text()).toMatch(/Could not connect/);
    expect(await stored(stack, other.who, 'hubspot')).toBeNull();
  });

  attack("PKCE: a code delivered with another attempt's state (so another verifier) is rejected", async () => {
    const first = await codeFor(stack, 'airtable');
    const second = await codeFor(stack, 'airtable');
    const response = await fetch(`${stack.server.url}/integrations/airtable/oauth2callback?code=${first.code}&state=${second.state}`);
    expect(await response.text()).toMatch(/Could not connect/);
    expect(await stored(stack, second.who, 'airtable')).toBeNull();
    expect(await stored(stack, first.who, 'airtable')).toBeNull();
  });

  attack('callback page: the result is never posted to "*" and never carries a code', async () => {
    const result = await connectThroughSandbox(stack, 'hubspot', freshIdentity());
    const code = new URL(result.callbackUrl!).searchParams.get('code')!;
    expect(result.callbackHtml).not.toContain(code);
    expect(result.callbackHtml).not.toMatch(/postMessage\([^)]*['"]\*['"]/);
  });

  attack('callback page: markup in error parameters cannot inject script', async () => {
    const { state } = await codeFor(stack, 'airtable');
    const evil = encodeURIComponent('<script>alert(1)</script>');
    const response = await fetch(
      `${stack.server.url}/integrations/airtable/oauth2callback?error=${evil}&error_description=${evil}&state=${state}`,
    );
    const html = await response.text();
    expect(html).not.toContain('<script>alert(1)</script>');
    expect(response.headers.get('content-security-policy')).toMatch(/script-src 'nonce-/);
  });

  attack("forged load cursors: tampered, random, another identity's, another provider's", async () => {
    const owner = freshIdentity();
    const other = freshIdentity();
    await connectThroughSandbox(stack, 'hubspot', owner);
    await connectThroughSandbox(stack, 'hubspot', other);
    await connectThroughSandbox(stack, 'notion', owner);
    const first = await loadPage(stack.server, 'hubspot', owner, 5);
    const cursor = first.page!.pageInfo.endCursor!;
    const flipped = cursor.slice(0, 20) + (cursor[20] === 'A' ? 'B' : 'A') + cursor.slice(21);
    const attempts = [
      await loadPage(stack.server, 'hubspot', owner, 5, flipped),
      await loadPage(
        stack.server,
        'hubspot',
        owner,
        5,
        Buffer.from(JSON.stringify({ offset: 0, account: 'victim' })).toString('base64url'),
      ),
      await loadPage(stack.server, 'hubspot', other, 5, cursor),
      await loadPage(stack.server, 'notion', owner, 5, cursor),
    ];
    for (const attempt of attempts) {
      expect(attempt.page).toBeNull();
      expect(attempt.code).toBe('BAD_USER_INPUT');
    }
  });

  attack('oversized callback query is refused', async () => {
    const response = await fetch(`${stack.server.url}/integrations/notion/oauth2callback?state=${'a'.repeat(10_000)}`);
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.status).toBeLessThan(500);
  });
});
