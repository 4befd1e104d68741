import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSandbox } from '../src/index.js';
import { airtableError, airtableOAuthError, airtableTokenResponse, airtableWhoami } from './contracts/airtable.js';
import {
  AIRTABLE_STATE,
  airtableAuthorizeParams,
  authorize,
  basic,
  connectAirtable,
  get,
  pkce,
  postForm,
  REDIRECT,
  sleep,
  startSmallSandbox,
  url,
} from './helpers.js';

let sb: RunningSandbox;
beforeAll(async () => {
  sb = await startSmallSandbox({ airtable: { refreshConflictMs: 300, tokenLifetimeSeconds: 1 } });
});
afterAll(() => sb.close());

const authorizeUrl = (challenge: string, extra: Record<string, string | undefined> = {}) =>
  url(sb.airtable.authUrl, '/oauth2/v1/authorize', airtableAuthorizeParams(sb, challenge, extra));
const tokenUrl = () => url(sb.airtable.authUrl, '/oauth2/v1/token');
const auth = () => ({ authorization: basic(sb.airtable.clientId, sb.airtable.clientSecret) });

async function codeWithVerifier(): Promise<{ code: string; verifier: string }> {
  const { verifier, challenge } = pkce();
  const res = await authorize(authorizeUrl(challenge, { sandbox_approve: 'allow' }));
  return { code: res.location?.searchParams.get('code') ?? '', verifier };
}

describe('Airtable authorize (airtable.com/oauth2/v1/authorize)', () => {
  it('shows a consent page, then redirects with code, state and the PKCE echo', async () => {
    const { challenge } = pkce();
    const page = await authorize(authorizeUrl(challenge));
    expect(page.html).toContain('Sandbox — simulated Airtable');
    expect(page.html).toContain('schema.bases:read');
    const res = await authorize(authorizeUrl(challenge, { sandbox_approve: 'allow' }));
    expect(res.status).toBe(302);
    expect(Object.fromEntries(res.location?.searchParams ?? [])).toMatchObject({
      state: AIRTABLE_STATE,
      code_challenge: challenge,
      code_challenge_method: 'S256',
    });
  });

  it.each([
    ['an unknown client_id', { client_id: 'nope' }],
    ['an unregistered redirect_uri', { redirect_uri: 'http://localhost:3999/evil' }],
  ])('shows a 400 page without redirecting for %s', async (_name, extra) => {
    const res = await authorize(authorizeUrl(pkce().challenge, { ...extra, sandbox_approve: 'allow' }));
    expect(res.status).toBe(400);
    expect(res.location).toBeUndefined();
  });

  it.each([
    ['response_type=token', { response_type: 'token' }, 'unsupported_response_type'],
    ['a 15-character state', { state: 'a'.repeat(15) }, 'invalid_request'],
    ['a 1025-character state', { state: 'a'.repeat(1025) }, 'invalid_request'],
    ['a state with a space', { state: 'state with spaces ok?' }, 'invalid_request'],
    ['no code_challenge', { code_challenge: undefined }, 'invalid_request'],
    ['code_challenge_method=plain', { code_challenge_method: 'plain' }, 'invalid_request'],
    ['no scope', { scope: undefined }, 'invalid_scope'],
    ['a duplicated scope', { scope: 'data.records:read data.records:read' }, 'invalid_scope'],
    ['an unknown scope', { scope: 'data.records:read everything:write' }, 'invalid_scope'],
  ])('redirects with error for %s', async (_name, extra, error) => {
    const res = await authorize(authorizeUrl(pkce().challenge, { ...extra, sandbox_approve: 'allow' }));
    expect(res.status).toBe(302);
    expect(res.location?.searchParams.get('error')).toBe(error);
    expect(res.location?.searchParams.get('error_description')).toBeTruthy();
  });

  it('redirects with error=access_denied, error_description and state when the user denies', async () => {
    const res = await authorize(authorizeUrl(pkce().challenge, { sandbox_approve: 'deny' }));
    expect(res.location?.searchParams.get('error')).toBe('access_denied');
    expect(res.location?.searchParams.get('error_description')).toBeTruthy();
    expect(res.location?.searchParams.get('state')).toBe(AIRTABLE_STATE);
  });
});

describe('Airtable token endpoint (airtable.com/oauth2/v1/token)', () => {
  it('exchanges a code with Basic auth and the verifier', async () => {
    const { code, verifier } = await codeWithVerifier();
    const res = await postForm(
      tokenUrl(),
      { grant_type: 'authorization_code', code, redirect_uri: REDIRECT, code_verifier: verifier },
      auth(),
    );
    expect(res.status).toBe(200);
    const body = airtableTokenResponse.parse(await res.json());
    expect(body).toMatchObject({
      token_type: 'Bearer',
      scope: 'data.records:read schema.bases:read user.email:read',
      expires_in: 1,
      refresh_expires_in: 60 * 24 * 3600,
    });
  });

  it.each([
    ['no Authorization header', {}, 401, 'invalid_client'],
    ['a wrong client secret', { authorization: basic('sandbox-airtable-client-not-real', 'wrong') }, 401, 'invalid_client'],
  ])('answers %s with 401 invalid_client', async (_name, headers, status, error) => {
    const { code, verifier } = await codeWithVerifier();
    const res = await postForm(
      tokenUrl(),
      { grant_type: 'authorization_code', code, redirect_uri: REDIRECT, code_verifier: verifier, client_id: sb.airtable.clientId },
      headers,
    );
    expect(res.status).toBe(status);
    expect(airtableOAuthError.parse(await res.json()).error).toBe(error);
  });

  it.each([
    ['a wrong code_verifier', (v: string) => ({ code_verifier: `${v.slice(0, -1)}${v.endsWith('x') ? 'y' : 'x'}` }), 'invalid_grant'],
    ['a missing code_verifier', () => ({ code_verifier: undefined }), 'invalid_request'],
    ['a different redirect_uri', () => ({ redirect_uri: 'http://localhost:3999/other' }), 'invalid_grant'],
    ['an unknown code', () => ({ code: 'bogus' }), 'invalid_grant'],
    ['an unsupported grant_type', () => ({ grant_type: 'client_credentials' }), 'unsupported_grant_type'],
  ])('answers 400 for %s', async (_name, change, error) => {
    const { code, verifier } = await codeWithVerifier();
    const fields: Record<string, string | undefined> = {
      grant_type: 'authorization_code',
      code,
      redirect_uri: REDIRECT,
      code_verifier: verifier,
      ...change(verifier),
    };
    const res = await postForm(
      tokenUrl(),
      Object.fromEntries(Object.entries(fields).filter((e): e is [string, string] => e[1] !== undefined)),
      auth(),
    );
    expect(res.status).toBe(400);
    expect(airtableOAuthError.parse(await res.json()).error).toBe(error);
  });

  it('burns the code even when the exchange fails', async () => {
    const { code, verifier } = await codeWithVerifier();
    const bad = await postForm(
      tokenUrl(),
      { grant_type: 'authorization_code', code, redirect_uri: REDIRECT, code_verifier: pkce().verifier },
      auth(),
    );
    expect(bad.status).toBe(400);
    const good = await postForm(
      tokenUrl(),
      { grant_type: 'authorization_code', code, redirect_uri: REDIRECT, code_verifier: verifier },
      auth(),
    );
    expect(good.status).toBe(400);
    expect(airtableOAuthError.parse(await good.json()).error).toBe('invalid_grant');
  });

  it('compares the Basic credentials raw: the RFC 6749 form-encoded variant is another client (Q1)', async () => {
    expect(sb.airtable.clientId).toMatch(/[-._]/);
    const encode = (v: string) => encodeURIComponent(v).replace(/[-_.!~*'()]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
    const { code, verifier } = await codeWithVerifier();
    const encoded = await postForm(
      tokenUrl(),
      { grant_type: 'authorization_code', code, redirect_uri: REDIRECT, code_verifier: verifier },
      { authorization: basic(encode(sb.airtable.clientId), encode(sb.airtable.clientSecret ?? '')) },
    );
    expect(encoded.status).toBe(401);
    expect(airtableOAuthError.parse(await encoded.json()).error).toBe('invalid_client');
  });

  it('rejects a JSON body with 400 invalid_request', async () => {
    const res = await fetch(tokenUrl(), { method: 'POST', headers: { 'content-type': 'application/json', ...auth() }, body: '{}' });
    expect(res.status).toBe(400);
    expect(airtableOAuthError.parse(await res.json()).error).toBe('invalid_request');
  });
});

describe('Airtable integration without a client secret (a public client, Q2)', () => {
  let pub: RunningSandbox;
  beforeAll(async () => {
    pub = await startSmallSandbox({ airtable: { client: { clientId: '5a4db0c5-0000-4ab1-8e00-00000000b11c', clientSecret: null } } });
  });
  afterAll(() => pub.close());

  const exchange = async (headers: Record<string, string>, withClientId: boolean) => {
    const { verifier, challenge } = pkce();
    const res = await authorize(
      url(pub.airtable.authUrl, '/oauth2/v1/authorize', { ...airtableAuthorizeParams(pub, challenge), sandbox_approve: 'allow' }),
    );
    const code = res.location?.searchParams.get('code') ?? '';
    return postForm(
      url(pub.airtable.authUrl, '/oauth2/v1/token'),
      {
        grant_type: 'authorization_code',
        code,
        redirect_uri: REDIRECT,
        code_verifier: verifier,
        ...(withClientId ? { client_id: pub.airtable.clientId } : {}),
      },
      headers,
    );
  };

  it('exchanges and refreshes with client_id in the body and no Authorization header', async () => {
    expect(pub.airtable.clientSecret).toBeNull();
    const res = await exchange({}, true);
    expect(res.status).toBe(200);
    const tokens = airtableTokenResponse.parse(await res.json());
    const refreshed = await postForm(url(pub.airtable.authUrl, '/oauth2/v1/token'), {
      grant_type: 'refresh_token',
      refresh_token: tokens.refresh_token,
      client_id: pub.airtable.clientId,
    });
    expect(refreshed.status).toBe(200);
  });

  it('refuses Basic auth (forbidden without a secret) and a missing client_id with 401 invalid_client', async () => {
    for (const [headers, withClientId] of [
      [{ authorization: basic(pub.airtable.clientId, '') }, true],
      [{}, false],
    ] as const) {
      const res = await exchange(headers, withClientId);
      expect(res.status).toBe(401);
      expect(airtableOAuthError.parse(await res.json()).error).toBe('invalid_client');
    }
  });
});

describe('Airtable scopes must be enabled on the integration (Q12)', () => {
  it('refuses consent with invalid_scope for a scope the integration has not enabled', async () => {
    const plain = await startSmallSandbox({ airtable: { enabledScopes: ['schema.bases:read', 'user.email:read'] } });
    try {
      const asked = (scope: string) =>
        authorize(
          url(plain.airtable.authUrl, '/oauth2/v1/authorize', {
            ...airtableAuthorizeParams(plain, pkce().challenge, { scope }),
            sandbox_approve: 'allow',
          }),
        );
      const refused = await asked('data.records:read schema.bases:read user.email:read');
      expect(refused.location?.searchParams.get('error')).toBe('invalid_scope');
      expect(refused.location?.searchParams.get('error_description')).toContain('data.records:read');
      expect((await asked('schema.bases:read user.email:read')).location?.searchParams.get('code')).toBeTruthy();
    } finally {
      await plain.close();
    }
  });
});

describe('Airtable refresh: single use, rotating, 409 on a double submit', () => {
  it('rotates both tokens; the old access token stops working', async () => {
    const first = await connectAirtable(sb);
    const res = await postForm(tokenUrl(), { grant_type: 'refresh_token', refresh_token: first.refresh_token }, auth());
    const next = airtableTokenResponse.parse(await res.json());
    expect(next.refresh_token).not.toBe(first.refresh_token);
    expect((await get(url(sb.airtable.apiUrl, '/v0/meta/whoami'), first.access_token)).status).toBe(401);
    expect((await get(url(sb.airtable.apiUrl, '/v0/meta/whoami'), next.access_token)).status).toBe(200);
  });

  it('answers 409 when the same refresh token comes back within the window, 400 invalid_grant after it', async () => {
    const first = await connectAirtable(sb);
    const refresh = () => postForm(tokenUrl(), { grant_type: 'refresh_token', refresh_token: first.refresh_token }, auth());
    expect((await refresh()).status).toBe(200);
    const conflict = await refresh();
    expect(conflict.status).toBe(409);
    await sleep(350);
    const reuse = await refresh();
    expect(reuse.status).toBe(400);
    expect(airtableOAuthError.parse(await reuse.json()).error).toBe('invalid_grant');
  });

  it('allows narrowing the scope on refresh, never widening it', async () => {
    const first = await connectAirtable(sb, 0, 'data.records:read schema.bases:read');
    const widen = await postForm(
      tokenUrl(),
      { grant_type: 'refresh_token', refresh_token: first.refresh_token, scope: 'data.records:read user.email:read' },
      auth(),
    );
    expect(airtableOAuthError.parse(await widen.json()).error).toBe('invalid_scope');
    const narrow = await postForm(
      tokenUrl(),
      { grant_type: 'refresh_token', refresh_token: first.refresh_token, scope: 'data.records:read' },
      auth(),
    );
    expect(airtableTokenResponse.parse(await narrow.json()).scope).toBe('data.records:read');
  });
});

describe('Airtable identity and token expiry', () => {
  it('whoami returns the user, the email only with user.email:read, and the scopes', async () => {
    const withEmail = airtableWhoami.parse(
      await (await get(url(sb.airtable.apiUrl, '/v0/meta/whoami'), (await connectAirtable(sb)).access_token)).json(),
    );
    expect(withEmail).toEqual({
      id: sb.dataset.airtable[0]?.userId,
      email: sb.dataset.airtable[0]?.email,
      scopes: ['data.records:read', 'schema.bases:read', 'user.email:read'],
    });
    const noEmail = airtableWhoami.parse(
      await (
        await get(url(sb.airtable.apiUrl, '/v0/meta/whoami'), (await connectAirtable(sb, 1, 'schema.bases:read')).access_token)
      ).json(),
    );
    expect(noEmail.email).toBeUndefined();
    expect(noEmail.id).toBe(sb.dataset.airtable[1]?.userId);
  });

  it('answers 401 for expired, unknown and missing tokens', async () => {
    const tokens = await connectAirtable(sb);
    await sleep(1100);
    for (const token of [tokens.access_token, 'oaaunknown', undefined]) {
      const res = await get(url(sb.airtable.apiUrl, '/v0/meta/bases'), token);
      expect(res.status).toBe(401);
      airtableError.parse(await res.json());
    }
  });
});
