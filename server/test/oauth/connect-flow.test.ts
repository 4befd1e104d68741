import { randomUUID } from 'node:crypto';
import { describe, expect, inject, it } from 'vitest';
import {
  ATTEMPT,
  connectThroughSandbox,
  CREDENTIALS,
  DISCONNECT,
  ENUM,
  PROVIDERS,
  type Stack,
  useStack,
} from '../../../test/support/stack.js';
import { freshIdentity } from '../../../test/support/identity.js';

const MESSAGE = /window\.opener\.postMessage\(message, target\)/;

describe.each(PROVIDERS)('connecting %s (sandbox over real HTTP, real Redis)', (provider) => {
  const stack = useStack({ redisUrl: inject('redisUrl') });

  it('connects: authorize -> approve -> callback -> confirmConnect -> credentials CONNECTED with the right account', async () => {
    const who = freshIdentity();
    const result = await connectThroughSandbox(stack, provider, who);
    expect(result.callbackStatus).toBe(200);
    expect(result.callbackHtml).toMatch(/Finishing the .* connection/);
    expect(result.callbackHtml).toMatch(MESSAGE);
    expect(result.message).toMatchObject({
      status: 'AWAITING_CONFIRMATION',
      attemptId: result.attemptId,
      confirmation: expect.stringMatching(/^[\w-]{43}$/) as unknown,
    });
    expect(result.connected).toBe(true);

    const { body } = await stack.server.graphql<{ credentials: Record<string, unknown> }>(CREDENTIALS, { p: ENUM[provider], i: who });
    const credentials = body.data!.credentials;
    expect(credentials).toMatchObject({ provider: ENUM[provider], status: 'CONNECTED' });
    const account = stack.sandbox.dataset[provider][0]!;
    expect((credentials.account as { id: string }).id).toBe(expectedAccountId(provider, account));
    expect(JSON.stringify(body)).not.toMatch(/token/i);

    const attempt = await stack.server.graphql<{ connectAttempt: { status: string } }>(ATTEMPT, { id: result.attemptId });
    expect(attempt.body.data?.connectAttempt.status).toBe('CONNECTED');
  });

  it('posts the result only to the requesting origin, with the state and without code or token', async () => {
    const result = await connectThroughSandbox(stack, provider, freshIdentity());
    const state = new URL(result.authorizationUrl).searchParams.get('state')!;
    expect(result.callbackHtml).toContain(`var target = "http://localhost:3000"`);
    expect(result.callbackHtml).toContain(`"state":"${state}"`);
    const code = new URL(result.callbackUrl!).searchParams.get('code')!;
    expect(result.callbackHtml).not.toContain(code);
    expect(result.callbackHtml).not.toContain('"*"');
  });

  it('sets no-store, no-referrer and a nonce-only CSP on the callback page', async () => {
    const result = await connectThroughSandbox(stack, provider, freshIdentity());
    const response = await fetch(result.callbackUrl!.replace(/state=[^&]+/, 'state=replayed'));
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
    expect(response.headers.get('content-security-policy')).toMatch(/script-src 'nonce-[^']+';/);
  });

  it('rejects a replayed state: the second use of a callback URL connects nothing', async () => {
    const who = freshIdentity();
    const first = await connectThroughSandbox(stack, provider, who);
    expect(first.callbackStatus).toBe(200);
    const replay = await fetch(first.callbackUrl!);
    expect(replay.status).toBe(400);
    expect(await replay.text()).toMatch(/not valid/);
  });

  it('rejects an unknown state', async () => {
    const response = await fetch(`${stack.server.url}/integrations/${provider}/oauth2callback?code=abc&state=${randomUUID()}`);
    expect(response.status).toBe(400);
  });

  it("rejects a state used on another provider's callback, and burns it", async () => {
    const other = provider === 'notion' ? 'hubspot' : 'notion';
    const who = freshIdentity();
    const { body } = await stack.server.graphql<{ connect: { authorizationUrl: string; attemptId: string } }>(
      `mutation($p: Provider!, $i: IdentityInput) { connect(provider: $p, identity: $i) { authorizationUrl attemptId } }`,
      { p: ENUM[provider], i: who },
    );
    const state = new URL(body.data!.connect.authorizationUrl).searchParams.get('state')!;
    const crossed = await fetch(`${stack.server.url}/integrations/${other}/oauth2callback?code=abc&state=${state}`);
    expect(await crossed.text()).toMatch(/Could not connect/);
    const attempt = await stack.server.graphql<{ connectAttempt: { status: string; errorCode: string } }>(ATTEMPT, {
      id: body.data!.connect.attemptId,
    });
    expect(attempt.body.data?.connectAttempt).toMatchObject({ status: 'FAILED', errorCode: 'FORBIDDEN' });
    const again = await fetch(`${stack.server.url}/integrations/${provider}/oauth2callback?code=abc&state=${state}`);
    expect(again.status).toBe(400);
    const creds = await stack.server.graphql<{ credentials: unknown }>(CREDENTIALS, { p: ENUM[provider], i: who });
    expect(creds.body.data?.credentials).toBeNull();
  });

  it('fails cleanly when the provider rejects the code exchange', async () => {
    stack.sandbox.faults.inject({ provider, kind: 'server_error', status: 500, pathPrefix: tokenPath(provider), count: 1 });
    const who = freshIdentity();
    const result = await connectThroughSandbox(stack, provider, who);
    expect(result.callbackHtml).toMatch(/Could not connect/);
    const attempt = await stack.server.graphql<{ connectAttempt: { status: string; errorCode: string } }>(ATTEMPT, {
      id: result.attemptId,
    });
    expect(attempt.body.data?.connectAttempt).toMatchObject({ status: 'FAILED', errorCode: 'PROVIDER_ERROR' });
    stack.sandbox.faults.clear();
  });

  it('disconnects: revokes at the provider where it can, then forgets the connection', async () => {
    const who = freshIdentity();
    await connectThroughSandbox(stack, provider, who);
    const stored = (await stack.server.stores.connections.get({ ...who, provider }))!;
    expect(await isActiveAtProvider(stack, provider, stored)).toBe(true);
    const { body } = await stack.server.graphql<{ disconnect: boolean }>(DISCONNECT, { p: ENUM[provider], i: who });
    expect(body.data?.disconnect).toBe(true);
    // Airtable has no revocation endpoint: its grant stays valid at the provider (documented).
    expect(await isActiveAtProvider(stack, provider, stored)).toBe(provider === 'airtable');
    const creds = await stack.server.graphql<{ credentials: unknown }>(CREDENTIALS, { p: ENUM[provider], i: who });
    expect(creds.body.data?.credentials).toBeNull();
    const again = await stack.server.graphql<{ disconnect: boolean }>(DISCONNECT, { p: ENUM[provider], i: who });
    expect(again.body.data?.disconnect).toBe(false);
  });

  it('reconnecting replaces the connection (another account), never duplicates it', async () => {
    const who = freshIdentity();
    await connectThroughSandbox(stack, provider, who, { account: 0 });
    await connectThroughSandbox(stack, provider, who, { account: 1 });
    const { body } = await stack.server.graphql<{ credentials: { account: { id: string } } }>(CREDENTIALS, { p: ENUM[provider], i: who });
    expect(body.data?.credentials.account.id).toBe(expectedAccountId(provider, stack.sandbox.dataset[provider][1]!));
  });
});

function tokenPath(provider: string) {
  return { hubspot: '/oauth/2026-03/token', airtable: '/oauth2/v1/token', notion: '/v1/oauth/token' }[provider]!;
}

function expectedAccountId(provider: string, account: unknown): string {
  const a = account as Record<string, unknown>;
  if (provider === 'hubspot') return String(a.hubId);
  if (provider === 'airtable') return String(a.userId);
  return String(a.workspaceId);
}

/** Asks the sandbox whether the grant still works: introspection (HubSpot, Notion) or whoami (Airtable). */
async function isActiveAtProvider(
  stack: Stack,
  provider: string,
  stored: { accessToken: string; refreshToken: string | null },
): Promise<boolean> {
  const sb = stack.sandbox;
  if (provider === 'hubspot') {
    const body = new URLSearchParams({
      token: stored.refreshToken!,
      token_type_hint: 'refresh_token',
      client_id: sb.hubspot.clientId,
      client_secret: sb.hubspot.clientSecret,
    });
    const response = await fetch(`${sb.hubspot.apiUrl}/oauth/2026-03/token/introspect`, { method: 'POST', body });
    return ((await response.json()) as { active: boolean }).active;
  }
  if (provider === 'notion') {
    const response = await fetch(`${sb.notion.apiUrl}/v1/oauth/introspect`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Basic ${Buffer.from(`${sb.notion.clientId}:${sb.notion.clientSecret}`).toString('base64')}`,
        'Notion-Version': '2025-09-03',
      },
      body: JSON.stringify({ token: stored.accessToken }),
    });
    return ((await response.json()) as { active: boolean }).active;
  }
  const response = await fetch(`${sb.airtable.apiUrl}/v0/meta/whoami`, { headers: { authorization: `Bearer ${stored.accessToken}` } });
  return response.ok;
}
