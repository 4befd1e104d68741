import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSandbox } from '../src/index.js';
import {
  hubspotAccessIntrospection,
  hubspotApiError,
  hubspotLegacyAccessTokenInfo,
  hubspotLegacyOAuthError,
  hubspotOAuthError,
  hubspotRefreshIntrospection,
  hubspotTokenResponse,
} from './contracts/hubspot.js';
import { authorize, connectHubSpot, get, pkce, postForm, REDIRECT, sleep, startSmallSandbox, url } from './helpers.js';

let sb: RunningSandbox;
beforeAll(async () => {
  sb = await startSmallSandbox({ codeTtlSeconds: 1 });
});
afterAll(() => sb.close());

const SCOPE = 'oauth crm.objects.contacts.read';
const authorizeUrl = (params: Record<string, string | undefined>) =>
  url(sb.hubspot.authUrl, '/oauth/authorize', {
    client_id: sb.hubspot.clientId,
    redirect_uri: REDIRECT,
    scope: SCOPE,
    state: 'xyz',
    ...params,
  });
const tokenUrl = (version = '2026-03') => url(sb.hubspot.apiUrl, `/oauth/${version}/token`);
const client = () => ({ client_id: sb.hubspot.clientId, client_secret: sb.hubspot.clientSecret });

async function code(params: Record<string, string | undefined> = {}): Promise<string> {
  const res = await authorize(authorizeUrl({ sandbox_approve: 'allow', ...params }));
  return res.location?.searchParams.get('code') ?? '';
}

describe('HubSpot authorize (app.hubspot.com/oauth/authorize)', () => {
  it('shows a consent page naming the app, the scopes and the simulator', async () => {
    const res = await authorize(authorizeUrl({}));
    expect(res.status).toBe(200);
    expect(res.html).toContain('Sandbox — simulated HubSpot');
    expect(res.html).toContain('Integration Connector (sandbox)');
    expect(res.html).toContain('crm.objects.contacts.read');
    expect(res.html).toMatch(/<button[^>]*value="allow"/);
    expect(res.html).toMatch(/<button[^>]*value="deny"/);
  });

  it('redirects with code and state when approved', async () => {
    const res = await authorize(authorizeUrl({ sandbox_approve: 'allow' }));
    expect(res.status).toBe(302);
    expect(`${res.location?.origin ?? ''}${res.location?.pathname ?? ''}`).toBe(REDIRECT);
    expect(res.location?.searchParams.get('code')).toBeTruthy();
    expect(res.location?.searchParams.get('state')).toBe('xyz');
  });

  it.each([
    ['an unknown client_id', { client_id: 'nope' }],
    ['an unregistered redirect_uri', { redirect_uri: 'http://localhost:3999/other' }],
    ['a redirect_uri differing only by a trailing slash', { redirect_uri: `${REDIRECT}/` }],
    ['a missing scope', { scope: undefined }],
    ['an unknown scope', { scope: 'oauth crm.objects.unicorns.read' }],
    ['a scope the app has not configured', { scope: 'oauth crm.objects.contacts.read crm.objects.contacts.write' }],
  ])('shows a 400 error page and never redirects for %s', async (_name, params) => {
    const res = await authorize(authorizeUrl({ ...params, sandbox_approve: 'allow' }));
    expect(res.status).toBe(400);
    expect(res.location).toBeUndefined();
    expect(res.html).toContain('role="alert"');
  });

  it('shows a page and sends nothing to the redirect URI when the user denies', async () => {
    const res = await authorize(authorizeUrl({ sandbox_approve: 'deny' }));
    expect(res.status).toBe(200);
    expect(res.location).toBeUndefined();
    expect(res.html).toContain('Connection cancelled');
  });

  it('drops optional scopes the portal cannot grant and keeps the others', async () => {
    const c = await code({ optional_scope: 'crm.objects.deals.read unknown.scope' });
    const res = await postForm(tokenUrl(), { grant_type: 'authorization_code', ...client(), redirect_uri: REDIRECT, code: c });
    expect(((await res.json()) as { scopes: string[] }).scopes).toEqual(['oauth', 'crm.objects.contacts.read', 'crm.objects.deals.read']);
  });

  it('pre-selects the account named in /oauth/{accountId}/authorize', async () => {
    const small = sb.dataset.hubspot[1];
    const res = await authorize(
      url(sb.hubspot.authUrl, `/oauth/${small?.hubId}/authorize`, {
        client_id: sb.hubspot.clientId,
        redirect_uri: REDIRECT,
        scope: SCOPE,
        sandbox_approve: 'allow',
      }),
    );
    const token = await postForm(tokenUrl(), {
      grant_type: 'authorization_code',
      ...client(),
      redirect_uri: REDIRECT,
      code: res.location?.searchParams.get('code') ?? '',
    });
    expect(((await token.json()) as { hub_id: number }).hub_id).toBe(small?.hubId);
  });
});

describe('HubSpot token endpoint (/oauth/2026-03/token, v3, v1)', () => {
  it.each(['2026-03', '2026-09', 'v3', 'v1'])('exchanges a code on /oauth/%s/token with the documented fields', async (version) => {
    const res = await postForm(tokenUrl(version), {
      grant_type: 'authorization_code',
      ...client(),
      redirect_uri: REDIRECT,
      code: await code(),
    });
    expect(res.status).toBe(200);
    const body = hubspotTokenResponse.parse(await res.json());
    expect(body).toMatchObject({
      token_type: 'bearer',
      expires_in: 1800,
      token_use: 'access_token',
      hub_id: sb.dataset.hubspot[0]?.hubId,
      scopes: ['oauth', 'crm.objects.contacts.read'],
    });
  });

  it.each([
    ['a wrong client_secret', { client_secret: 'wrong' }, 'invalid_client', 'BAD_CLIENT_ID'],
    ['a missing client_id', { client_id: undefined }, 'invalid_client', 'BAD_CLIENT_ID'],
    ['an unknown code', { code: 'not-a-code' }, 'invalid_grant', 'BAD_AUTH_CODE'],
    ['a different redirect_uri', { redirect_uri: 'http://localhost:3999/elsewhere' }, 'invalid_grant', 'BAD_REDIRECT_URI'],
    ['a missing grant_type', { grant_type: undefined }, 'invalid_request', 'BAD_GRANT_TYPE'],
    ['an unsupported grant_type', { grant_type: 'password' }, 'unsupported_grant_type', 'BAD_GRANT_TYPE'],
  ])('answers 400 with RFC 6749 + legacy fields for %s', async (_name, override, error, status) => {
    const fields: Record<string, string | undefined> = {
      grant_type: 'authorization_code',
      ...client(),
      redirect_uri: REDIRECT,
      code: await code(),
      ...override,
    };
    const res = await postForm(
      tokenUrl(),
      Object.fromEntries(Object.entries(fields).filter((e): e is [string, string] => e[1] !== undefined)),
    );
    expect(res.status).toBe(400);
    expect(hubspotOAuthError.parse(await res.json())).toMatchObject({ error, status });
  });

  it('rejects a JSON body: the endpoint takes form fields only', async () => {
    const res = await fetch(tokenUrl(), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ grant_type: 'authorization_code', ...client() }),
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: string }).error).toBe('invalid_request');
  });

  it('keeps the legacy {status, message} error body on /oauth/v1/token', async () => {
    const res = await postForm(tokenUrl('v1'), { grant_type: 'refresh_token', ...client(), refresh_token: 'na1-nope' });
    expect(res.status).toBe(400);
    expect(hubspotLegacyOAuthError.parse(await res.json()).status).toBe('BAD_REFRESH_TOKEN');
  });

  it('accepts a code only once', async () => {
    const fields = { grant_type: 'authorization_code', ...client(), redirect_uri: REDIRECT, code: await code() };
    expect((await postForm(tokenUrl(), fields)).status).toBe(200);
    const second = await postForm(tokenUrl(), fields);
    expect(second.status).toBe(400);
    expect(((await second.json()) as { error: string }).error).toBe('invalid_grant');
  });

  it('rejects an expired code (TTL shrunk to 1 s here; 10 minutes by default)', async () => {
    const c = await code();
    await sleep(1100);
    const res = await postForm(tokenUrl(), { grant_type: 'authorization_code', ...client(), redirect_uri: REDIRECT, code: c });
    expect(((await res.json()) as { error: string }).error).toBe('invalid_grant');
  });

  it('ignores PKCE parameters, which HubSpot does not document on its authorize page (Q8)', async () => {
    const { challenge } = pkce();
    const anyVerifier = await postForm(tokenUrl(), {
      grant_type: 'authorization_code',
      ...client(),
      redirect_uri: REDIRECT,
      code: await code({ code_challenge: challenge, code_challenge_method: 'plain' }),
      code_verifier: pkce().verifier,
    });
    expect(anyVerifier.status).toBe(200);
  });

  it('refreshes with the same refresh token returned (default), counting the refresh', async () => {
    const tokens = await connectHubSpot(sb);
    const before = sb.stats().hubspot;
    const res = await postForm(tokenUrl(), { grant_type: 'refresh_token', ...client(), refresh_token: tokens.refresh_token });
    const body = hubspotTokenResponse.parse(await res.json());
    expect(body.refresh_token).toBe(tokens.refresh_token);
    expect(body.access_token).not.toBe(tokens.access_token);
    const after = sb.stats().hubspot;
    expect(after.tokenCalls.refresh_token - before.tokenCalls.refresh_token).toBe(1);
    expect(after.successfulRefreshes - before.successfulRefreshes).toBe(1);
  });
});

describe('HubSpot token lifetime, rotation switch, introspection and revocation', () => {
  let rotating: RunningSandbox;
  beforeAll(async () => {
    rotating = await startSmallSandbox({ hubspot: { rotateRefreshTokens: true, tokenLifetimeSeconds: 1 } });
  });
  afterAll(() => rotating.close());

  it('rotates refresh tokens when rotateRefreshTokens is set, invalidating the old one', async () => {
    const tokens = await connectHubSpot(rotating);
    const form = {
      grant_type: 'refresh_token',
      client_id: rotating.hubspot.clientId,
      client_secret: rotating.hubspot.clientSecret,
      refresh_token: tokens.refresh_token,
    };
    const fresh = hubspotTokenResponse.parse(await (await postForm(url(rotating.hubspot.apiUrl, '/oauth/2026-03/token'), form)).json());
    expect(fresh.refresh_token).not.toBe(tokens.refresh_token);
    const reuse = await postForm(url(rotating.hubspot.apiUrl, '/oauth/2026-03/token'), form);
    expect(hubspotOAuthError.parse(await reuse.json()).status).toBe('BAD_REFRESH_TOKEN');
  });

  it('answers 401 EXPIRED_AUTHENTICATION once expires_in has passed', async () => {
    const tokens = await connectHubSpot(rotating);
    expect((await get(url(rotating.hubspot.apiUrl, '/crm/v3/objects/contacts'), tokens.access_token)).status).toBe(200);
    await sleep(1100);
    const res = await get(url(rotating.hubspot.apiUrl, '/crm/v3/objects/contacts'), tokens.access_token);
    expect(res.status).toBe(401);
    const body = hubspotApiError.parse(await res.json());
    expect(body.category).toBe('EXPIRED_AUTHENTICATION');
    expect(body.message).toMatch(/expired \d+ second\(s\) ago/);
  });

  it('answers 401 INVALID_AUTHENTICATION for a missing or unknown token', async () => {
    for (const token of [undefined, 'CNnot-a-token']) {
      const res = await get(url(sb.hubspot.apiUrl, '/crm/v3/objects/contacts'), token);
      expect(res.status).toBe(401);
      expect(hubspotApiError.parse(await res.json()).category).toBe('INVALID_AUTHENTICATION');
    }
  });

  it('introspects access and refresh tokens, and answers active:false for unknown ones', async () => {
    const tokens = await connectHubSpot(sb);
    const introspect = (fields: Record<string, string>) =>
      postForm(url(sb.hubspot.apiUrl, '/oauth/2026-03/token/introspect'), { ...client(), ...fields });
    const access = hubspotAccessIntrospection.parse(
      await (await introspect({ token: tokens.access_token, token_type_hint: 'access_token' })).json(),
    );
    expect(access.hub_id).toBe(sb.dataset.hubspot[0]?.hubId);
    hubspotRefreshIntrospection.parse(await (await introspect({ token: tokens.refresh_token, token_type_hint: 'refresh_token' })).json());
    expect(await (await introspect({ token: 'unknown' })).json()).toEqual({ active: false });
  });

  it('serves the legacy GET /oauth/v1/access-tokens/{token}', async () => {
    const tokens = await connectHubSpot(sb);
    const res = await get(url(sb.hubspot.apiUrl, `/oauth/v1/access-tokens/${tokens.access_token}`));
    expect(hubspotLegacyAccessTokenInfo.parse(await res.json()).token).toBe(tokens.access_token);
    expect((await get(url(sb.hubspot.apiUrl, '/oauth/v1/access-tokens/unknown'))).status).toBe(404);
  });

  it('revokes a refresh token; access tokens minted before stay valid', async () => {
    const tokens = await connectHubSpot(sb);
    const res = await postForm(url(sb.hubspot.apiUrl, '/oauth/2026-03/token/revoke'), {
      ...client(),
      token: tokens.refresh_token,
      token_type_hint: 'refresh_token',
    });
    expect(res.status).toBe(200);
    const refresh = await postForm(tokenUrl(), { grant_type: 'refresh_token', ...client(), refresh_token: tokens.refresh_token });
    expect(hubspotOAuthError.parse(await refresh.json()).error).toBe('invalid_grant');
    expect((await get(url(sb.hubspot.apiUrl, '/crm/v3/objects/contacts'), tokens.access_token)).status).toBe(200);
  });

  it('revokeGrants() kills access and refresh tokens; expireAccessTokens() only expires access', async () => {
    const a = await connectHubSpot(rotating);
    rotating.expireAccessTokens('hubspot');
    const expired = await get(url(rotating.hubspot.apiUrl, '/crm/v3/objects/contacts'), a.access_token);
    expect(hubspotApiError.parse(await expired.json()).category).toBe('EXPIRED_AUTHENTICATION');
    rotating.revokeGrants('hubspot');
    const refresh = await postForm(url(rotating.hubspot.apiUrl, '/oauth/2026-03/token'), {
      grant_type: 'refresh_token',
      client_id: rotating.hubspot.clientId,
      client_secret: rotating.hubspot.clientSecret,
      refresh_token: a.refresh_token,
    });
    expect(hubspotOAuthError.parse(await refresh.json()).status).toBe('BAD_REFRESH_TOKEN');
  });
});
