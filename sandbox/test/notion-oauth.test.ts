import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSandbox } from '../src/index.js';
import { notionBotUser, notionError, notionIntrospection, notionTokenResponse } from './contracts/notion.js';
import { authorize, basic, connectNotion, get, NOTION_V2025, notionCode, postJson, REDIRECT, startSmallSandbox, url } from './helpers.js';

let sb: RunningSandbox;
beforeAll(async () => {
  sb = await startSmallSandbox();
});
afterAll(() => sb.close());

const authorizeUrl = (extra: Record<string, string | undefined> = {}) =>
  url(sb.notion.apiUrl, '/v1/oauth/authorize', {
    client_id: sb.notion.clientId,
    redirect_uri: REDIRECT,
    response_type: 'code',
    owner: 'user',
    state: 'st4te',
    ...extra,
  });
const tokenUrl = () => url(sb.notion.apiUrl, '/v1/oauth/token');
const auth = () => ({ authorization: basic(sb.notion.clientId, sb.notion.clientSecret) });
const exchange = (code: string, headers: Record<string, string> = auth(), redirect = REDIRECT) =>
  postJson(tokenUrl(), { grant_type: 'authorization_code', code, redirect_uri: redirect }, headers);

describe('Notion authorize (api.notion.com/v1/oauth/authorize)', () => {
  it('shows a consent page offering the workspaces, then redirects with code and state', async () => {
    const page = await authorize(authorizeUrl());
    expect(page.html).toContain('Sandbox — simulated Notion');
    expect(page.html).toContain(sb.dataset.notion[1]?.workspaceName.replace("'", '&#39;'));
    const res = await authorize(authorizeUrl({ sandbox_approve: 'allow' }));
    expect(res.location?.searchParams.get('code')).toBeTruthy();
    expect(res.location?.searchParams.get('state')).toBe('st4te');
  });

  it.each([
    ['an unknown client_id', { client_id: '00000000-0000-4000-8000-000000000000' }],
    ['an unregistered redirect_uri', { redirect_uri: 'http://localhost:3999/x' }],
    ['a missing redirect_uri', { redirect_uri: undefined }],
  ])('shows a 400 page without redirecting for %s', async (_name, extra) => {
    const res = await authorize(authorizeUrl({ ...extra, sandbox_approve: 'allow' }));
    expect(res.status).toBe(400);
    expect(res.location).toBeUndefined();
  });

  it.each([
    ['owner other than user', { owner: 'workspace' }, 'invalid_request'],
    ['a missing owner', { owner: undefined }, 'invalid_request'],
    ['response_type other than code', { response_type: 'token' }, 'unsupported_response_type'],
  ])('redirects with an RFC 6749 error for %s', async (_name, extra, error) => {
    const res = await authorize(authorizeUrl({ ...extra, sandbox_approve: 'allow' }));
    expect(res.location?.searchParams.get('error')).toBe(error);
    expect(res.location?.searchParams.get('state')).toBe('st4te');
  });

  it('redirects with error=access_denied and state (no description) when the user cancels', async () => {
    const res = await authorize(authorizeUrl({ sandbox_approve: 'deny' }));
    expect(Object.fromEntries(res.location?.searchParams ?? [])).toEqual({ error: 'access_denied', state: 'st4te' });
  });
});

describe('Notion token endpoint (JSON body, HTTP Basic)', () => {
  it('exchanges a code for the documented fields and no expires_in', async () => {
    const res = await exchange(await notionCode(sb));
    expect(res.status).toBe(200);
    const body = notionTokenResponse.parse(await res.json());
    const ws = sb.dataset.notion[0];
    expect(body).toMatchObject({ workspace_id: ws?.workspaceId, workspace_name: ws?.workspaceName, duplicated_template_id: null });
    expect(body.owner).toMatchObject({ type: 'user', user: { id: ws?.owner.id } });
  });

  it.each([
    ['no Basic credentials', {}, 401, 'invalid_client'],
    ['a wrong secret', { authorization: basic('5a4db0c5-0000-4000-8000-000000a0710e', 'nope') }, 401, 'invalid_client'],
  ])('answers %s in the Notion error envelope', async (_name, headers, status, code) => {
    const res = await exchange(await notionCode(sb), headers);
    expect(res.status).toBe(status);
    expect(notionError.parse(await res.json())).toMatchObject({ object: 'error', status, code });
  });

  it('answers 400 invalid_grant for a reused code, a wrong redirect_uri or an unknown code', async () => {
    const code = await notionCode(sb);
    expect((await exchange(code)).status).toBe(200);
    for (const res of [
      await exchange(code),
      await exchange(await notionCode(sb), auth(), 'http://localhost:3999/other'),
      await exchange('nope'),
    ]) {
      expect(res.status).toBe(400);
      expect(notionError.parse(await res.json()).code).toBe('invalid_grant');
    }
  });

  it('answers 400 invalid_json for a body that is not JSON, and unsupported_grant_type', async () => {
    const bad = await fetch(tokenUrl(), {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...auth() },
      body: 'grant_type=authorization_code',
    });
    expect(notionError.parse(await bad.json()).code).toBe('invalid_json');
    const grant = await postJson(tokenUrl(), { grant_type: 'password' }, auth());
    expect(notionError.parse(await grant.json()).code).toBe('unsupported_grant_type');
  });

  it('rotates on refresh: a new pair, same bot, and the old refresh token is dead', async () => {
    const first = notionTokenResponse.parse(await (await exchange(await notionCode(sb))).json());
    const refresh = (token: string | null) => postJson(tokenUrl(), { grant_type: 'refresh_token', refresh_token: token }, auth());
    const second = notionTokenResponse.parse(await (await refresh(first.refresh_token)).json());
    expect(second.access_token).not.toBe(first.access_token);
    expect(second.refresh_token).not.toBe(first.refresh_token);
    expect(second.bot_id).toBe(first.bot_id);
    const reuse = await refresh(first.refresh_token);
    expect(reuse.status).toBe(400);
    expect(notionError.parse(await reuse.json()).code).toBe('invalid_grant');
  });
});

describe('Notion identity, introspection and revocation', () => {
  it('GET /v1/users/me returns the bot user with its owner', async () => {
    const tokens = await connectNotion(sb, 1);
    const me = notionBotUser.parse(await (await get(url(sb.notion.apiUrl, '/v1/users/me'), tokens.access_token, NOTION_V2025)).json());
    expect(me.bot.owner.user.id).toBe(sb.dataset.notion[1]?.owner.id);
  });

  it('requires Notion-Version on API calls (400 missing_version) and a valid token (401 unauthorized)', async () => {
    const tokens = await connectNotion(sb);
    const missing = await get(url(sb.notion.apiUrl, '/v1/users/me'), tokens.access_token);
    expect(missing.status).toBe(400);
    expect(notionError.parse(await missing.json()).code).toBe('missing_version');
    const invalid = await get(url(sb.notion.apiUrl, '/v1/users/me'), 'ntn_nope', NOTION_V2025);
    expect(invalid.status).toBe(401);
    expect(notionError.parse(await invalid.json())).toMatchObject({ code: 'unauthorized', message: 'API token is invalid.' });
    expect(invalid.headers.get('x-notion-request-id')).toBeTruthy();
  });

  it('introspects, then revokes the connection so its tokens answer 401', async () => {
    const tokens = await connectNotion(sb);
    const active = notionIntrospection.parse(
      await (await postJson(url(sb.notion.apiUrl, '/v1/oauth/introspect'), { token: tokens.access_token }, auth())).json(),
    );
    expect(active.active).toBe(true);
    expect((await postJson(url(sb.notion.apiUrl, '/v1/oauth/revoke'), { token: tokens.access_token }, auth())).status).toBe(200);
    const after = notionIntrospection.parse(
      await (await postJson(url(sb.notion.apiUrl, '/v1/oauth/introspect'), { token: tokens.access_token }, auth())).json(),
    );
    expect(after.active).toBe(false);
    expect((await get(url(sb.notion.apiUrl, '/v1/users/me'), tokens.access_token, NOTION_V2025)).status).toBe(401);
    const refresh = await postJson(tokenUrl(), { grant_type: 'refresh_token', refresh_token: tokens.refresh_token }, auth());
    expect(notionError.parse(await refresh.json()).code).toBe('invalid_grant');
  });

  it('expireAccessTokens("notion") makes tokens answer 401 although Notion tokens have no TTL', async () => {
    const tokens = await connectNotion(sb);
    sb.expireAccessTokens('notion');
    expect((await get(url(sb.notion.apiUrl, '/v1/users/me'), tokens.access_token, NOTION_V2025)).status).toBe(401);
  });
});
