import { Redis } from 'ioredis';
import { describe, expect, inject, it } from 'vitest';
import { createSessionToken } from '../../src/auth/session-token.js';
import { keys } from '../../src/store/keys.js';
import {
  ATTEMPT,
  CONFIRM,
  connectThroughSandbox,
  CREDENTIALS,
  ENUM,
  type ProviderName,
  type Stack,
  useStack,
} from '../../../test/support/stack.js';
import { TEST_ORIGIN } from '../../../test/support/test-server.js';
import { freshIdentity } from '../../../test/support/identity.js';

const OTHER_ORIGIN = 'http://other.localhost:4000';
const SESSION_SECRET = 'confirm-test-session-secret-0123456789';
const ADMIN_API_KEY = 'confirm-test-admin-key-0123456789abcdef';
const codeOf = (body: { errors?: Array<{ extensions?: { code?: string } }> }) => body.errors?.[0]?.extensions?.code ?? null;
interface Who {
  userId: string;
  orgId: string;
}

/** Approved at the sandbox, not confirmed: what the consenting browser holds. */
async function approved(stack: Stack, provider: ProviderName, who: Who, headers?: Record<string, string>) {
  const result = await connectThroughSandbox(stack, provider, who, { confirm: false, headers });
  expect(result.message?.status).toBe('AWAITING_CONFIRMATION');
  return { attemptId: result.attemptId, confirmation: result.message!.confirmation! };
}

const confirm = (
  stack: Stack,
  attempt: { attemptId: string; confirmation: string },
  who: Who | null,
  headers: Record<string, string> = {},
) =>
  stack.server.graphql<{ confirmConnect: { status: string; account: { id: string } } }>(
    CONFIRM,
    who ? { a: attempt.attemptId, c: attempt.confirmation, i: who } : { a: attempt.attemptId, c: attempt.confirmation },
    headers,
  );

const stored = (stack: Stack, who: Who, provider: ProviderName) => stack.server.stores.connections.get({ ...who, provider });
const attemptOf = async (stack: Stack, id: string, headers: Record<string, string> = {}) =>
  (await stack.server.graphql<{ connectAttempt: { status: string; errorCode: string | null } }>(ATTEMPT, { id }, headers)).body.data
    ?.connectAttempt;

describe('confirmConnect: a consent becomes a connection only in the browser that asked (open mode, real Redis)', () => {
  const stack = useStack({ redisUrl: inject('redisUrl'), env: { ALLOWED_ORIGINS: `${TEST_ORIGIN},${OTHER_ORIGIN}`, ADMIN_API_KEY } });

  it('between callback and confirmation the attempt reads AWAITING_CONFIRMATION and nothing is stored; then CONNECTED', async () => {
    const who = freshIdentity();
    const attempt = await approved(stack, 'notion', who);
    expect(await stored(stack, who, 'notion')).toBeNull();
    expect(await attemptOf(stack, attempt.attemptId)).toMatchObject({ status: 'AWAITING_CONFIRMATION', errorCode: null });
    const { body } = await confirm(stack, attempt, who);
    expect(body.data?.confirmConnect).toMatchObject({ status: 'CONNECTED', account: { id: stack.sandbox.dataset.notion[0]!.workspaceId } });
    expect((await attemptOf(stack, attempt.attemptId))?.status).toBe('CONNECTED');
    expect(await stored(stack, who, 'notion')).toMatchObject({ status: 'CONNECTED' });
  });

  it('works once: a reused confirmation is BAD_USER_INPUT, and of 20 concurrent confirmations exactly one wins', async () => {
    const who = freshIdentity();
    const attempt = await approved(stack, 'hubspot', who);
    const answers = await Promise.all(Array.from({ length: 20 }, () => confirm(stack, attempt, who)));
    expect(answers.filter((a) => codeOf(a.body) === null)).toHaveLength(1);
    expect(answers.filter((a) => codeOf(a.body) === 'BAD_USER_INPUT')).toHaveLength(19);
    expect((await stored(stack, who, 'hubspot'))?.version).toBe(1);
  });

  it('a wrong confirmation is FORBIDDEN and discards the grant: revoked at the provider, the right one no longer works', async () => {
    const who = freshIdentity();
    const attempt = await approved(stack, 'hubspot', who);
    const held = (await stack.server.stores.pendingGrants.take(attempt.attemptId))!;
    await stack.server.stores.pendingGrants.put(held); // peeked at by the test, put back untouched
    expect(codeOf((await confirm(stack, { ...attempt, confirmation: 'A'.repeat(43) }, who)).body)).toBe('FORBIDDEN');
    expect(codeOf((await confirm(stack, attempt, who)).body)).toBe('BAD_USER_INPUT');
    expect(await stored(stack, who, 'hubspot')).toBeNull();
    expect(await attemptOf(stack, attempt.attemptId)).toMatchObject({ status: 'FAILED', errorCode: 'FORBIDDEN' });
    const refresh = await fetch(`${stack.sandbox.hubspot.apiUrl}/oauth/v1/refresh-tokens/${encodeURIComponent(held.refreshToken!)}`);
    expect(refresh.status).toBe(404);
  });

  it('another identity presenting the right confirmation is FORBIDDEN and connects nobody', async () => {
    const [owner, other] = [freshIdentity(), freshIdentity()];
    const attempt = await approved(stack, 'notion', owner);
    expect(codeOf((await confirm(stack, attempt, other)).body)).toBe('FORBIDDEN');
    expect(codeOf((await confirm(stack, attempt, owner)).body)).toBe('BAD_USER_INPUT');
    expect(await stored(stack, owner, 'notion')).toBeNull();
    expect(await stored(stack, other, 'notion')).toBeNull();
  });

  it('a page on another allowed origin, or a server-side caller, is FORBIDDEN for an attempt a page started', async () => {
    for (const headers of [{ origin: OTHER_ORIGIN }, { origin: '' }]) {
      const who = freshIdentity();
      const attempt = await approved(stack, 'notion', who);
      expect(codeOf((await confirm(stack, attempt, who, headers)).body), JSON.stringify(headers)).toBe('FORBIDDEN');
      expect(await stored(stack, who, 'notion')).toBeNull();
    }
  });

  it('an expired grant is BAD_USER_INPUT and stores nothing', async () => {
    const who = freshIdentity();
    const attempt = await approved(stack, 'airtable', who);
    const redis = new Redis(inject('redisUrl'));
    await redis.pexpire(`${stack.server.config.redisKeyPrefix}${keys.pendingGrant(attempt.attemptId)}`, 1);
    await redis.quit();
    await new Promise((r) => setTimeout(r, 20));
    expect(codeOf((await confirm(stack, attempt, who)).body)).toBe('BAD_USER_INPUT');
    expect(await stored(stack, who, 'airtable')).toBeNull();
  });

  it('keeps the pending grant sealed, with only a hash of the confirmation', async () => {
    const who = freshIdentity();
    const attempt = await approved(stack, 'airtable', who);
    const redis = new Redis(inject('redisUrl'));
    const raw = await redis.get(`${stack.server.config.redisKeyPrefix}${keys.pendingGrant(attempt.attemptId)}`);
    await redis.quit();
    const grant = (await stack.server.stores.pendingGrants.take(attempt.attemptId))!;
    expect(raw).toMatch(/^v1\./);
    for (const secret of [grant.accessToken, grant.refreshToken!, attempt.confirmation]) expect(raw).not.toContain(secret);
    expect(JSON.stringify(grant)).not.toContain(attempt.confirmation);
  });

  it('redirect display: back to returnTo with ic_attempt and ic_confirmation; the page there confirms', async () => {
    const who = freshIdentity();
    const { body } = await stack.server.graphql<{ connect: { authorizationUrl: string; attemptId: string } }>(
      `mutation($i: IdentityInput, $r: String) { connect(provider: NOTION, identity: $i, returnTo: $r) { authorizationUrl attemptId } }`,
      { i: who, r: `${TEST_ORIGIN}/settings?tab=integrations` },
    );
    const authorize = new URL(body.data!.connect.authorizationUrl);
    authorize.searchParams.set('sandbox_approve', 'allow');
    const location = new URL((await fetch(authorize, { redirect: 'manual' })).headers.get('location')!);
    const callback = await fetch(`${stack.server.url}${location.pathname}${location.search}`, { redirect: 'manual' });
    expect(callback.status).toBe(303);
    const back = new URL(callback.headers.get('location')!);
    expect(`${back.origin}${back.pathname}`).toBe(`${TEST_ORIGIN}/settings`);
    expect(back.searchParams.get('tab')).toBe('integrations');
    expect(back.searchParams.get('ic_attempt')).toBe(body.data!.connect.attemptId);
    const confirmation = back.searchParams.get('ic_confirmation')!;
    expect(confirmation).toMatch(/^[\w-]{43}$/);
    expect(codeOf((await confirm(stack, { attemptId: body.data!.connect.attemptId, confirmation }, who)).body)).toBeNull();
  });

  it('popup display with returnTo: the callback page continues there (with the confirmation) when it has no opener', async () => {
    const who = freshIdentity();
    const { body } = await stack.server.graphql<{ connect: { authorizationUrl: string; attemptId: string } }>(
      `mutation($i: IdentityInput, $r: String) { connect(provider: NOTION, identity: $i, returnTo: $r, display: POPUP) { authorizationUrl attemptId } }`,
      { i: who, r: `${TEST_ORIGIN}/app` },
    );
    const authorize = new URL(body.data!.connect.authorizationUrl);
    authorize.searchParams.set('sandbox_approve', 'allow');
    const location = new URL((await fetch(authorize, { redirect: 'manual' })).headers.get('location')!);
    const html = await (await fetch(`${stack.server.url}${location.pathname}${location.search}`)).text();
    const next = /var next = "([^"]+)";/.exec(html)?.[1];
    expect(next).toBeDefined();
    const continued = new URL(JSON.parse(`"${next}"`) as string);
    expect(continued.origin).toBe(TEST_ORIGIN);
    expect(continued.searchParams.get('ic_attempt')).toBe(body.data!.connect.attemptId);
    expect(html).toContain('var target = "http://localhost:3000"');
  });

  it('connect refuses a returnTo on another origin than the calling page, and redirect display without returnTo', async () => {
    const who = freshIdentity();
    const across = await stack.server.graphql(
      `mutation($i: IdentityInput, $r: String) { connect(provider: NOTION, identity: $i, returnTo: $r) { attemptId } }`,
      { i: who, r: `${OTHER_ORIGIN}/x` },
    );
    expect(codeOf(across.body)).toBe('BAD_USER_INPUT');
    const bare = await stack.server.graphql(
      `mutation($i: IdentityInput) { connect(provider: NOTION, identity: $i, display: REDIRECT) { attemptId } }`,
      { i: who },
    );
    expect(codeOf(bare.body)).toBe('BAD_USER_INPUT');
  });

  it('connect links are off by default, even for the admin', async () => {
    const { body } = await stack.server.graphql(
      `mutation($i: IdentityInput) { connect(provider: NOTION, identity: $i, connectLink: true) { attemptId } }`,
      { i: freshIdentity() },
      { 'x-admin-key': ADMIN_API_KEY, origin: '' },
    );
    expect(codeOf(body)).toBe('FORBIDDEN');
  });
});

describe('confirmConnect in signed mode, and the admin-only connect link', () => {
  const stack = useStack({
    redisUrl: inject('redisUrl'),
    env: { AUTH_MODE: 'signed', SESSION_SECRET, ADMIN_API_KEY, ALLOW_CONNECT_LINKS: 'true' },
  });
  const bearer = async (who: Who, extra: { providers?: Array<'hubspot' | 'airtable' | 'notion'> } = {}) => ({
    authorization: `Bearer ${await createSessionToken({ ...who, ...extra }, SESSION_SECRET)}`,
  });

  it("the session that asked confirms; another tenant's session, or one not allowed this provider, is FORBIDDEN", async () => {
    const who = freshIdentity();
    const mine = await bearer(who);
    const ok = await approved(stack, 'notion', who, mine);
    expect(codeOf((await confirm(stack, ok, null, mine)).body)).toBeNull();

    const stolen = await approved(stack, 'notion', who, mine);
    expect(codeOf((await confirm(stack, stolen, null, await bearer(freshIdentity()))).body)).toBe('FORBIDDEN');
    const narrowed = await approved(stack, 'notion', who, mine);
    expect(codeOf((await confirm(stack, narrowed, null, await bearer(who, { providers: ['hubspot'] }))).body)).toBe('FORBIDDEN');
    expect(codeOf((await confirm(stack, stolen, null, mine)).body)).toBe('BAD_USER_INPUT');
  });

  it('a connect link (admin, ALLOW_CONNECT_LINKS=true) is stored at the callback without confirmation; sessions may not start one', async () => {
    const who = freshIdentity();
    const refused = await stack.server.graphql(
      `mutation { connect(provider: NOTION, connectLink: true) { attemptId } }`,
      {},
      await bearer(who),
    );
    expect(codeOf(refused.body)).toBe('FORBIDDEN');
    const { body } = await stack.server.graphql<{ connect: { authorizationUrl: string; attemptId: string } }>(
      `mutation($i: IdentityInput) { connect(provider: NOTION, identity: $i, connectLink: true) { authorizationUrl attemptId } }`,
      { i: who },
      { 'x-admin-key': ADMIN_API_KEY, origin: '' },
    );
    const authorize = new URL(body.data!.connect.authorizationUrl);
    authorize.searchParams.set('sandbox_approve', 'allow');
    const location = new URL((await fetch(authorize, { redirect: 'manual' })).headers.get('location')!);
    const html = await (await fetch(`${stack.server.url}${location.pathname}${location.search}`)).text();
    expect(html).toMatch(/Connected to Notion/);
    expect(html).not.toMatch(/"confirmation":"/);
    const credentials = await stack.server.graphql<{ credentials: { status: string } }>(CREDENTIALS, { p: ENUM.notion }, await bearer(who));
    expect(credentials.body.data?.credentials.status).toBe('CONNECTED');
    expect((await attemptOf(stack, body.data!.connect.attemptId, { 'x-admin-key': ADMIN_API_KEY }))?.status).toBe('CONNECTED');
  });
});
