import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSandbox } from '../src/index.js';
import { airtableError, airtableOAuthError } from './contracts/airtable.js';
import { hubspotApiError, hubspotOAuthError, hubspotRateLimitError } from './contracts/hubspot.js';
import { notionError } from './contracts/notion.js';
import {
  basic,
  connectAirtable,
  connectHubSpot,
  connectNotion,
  get,
  NOTION_V2025,
  postForm,
  postJson,
  startSmallSandbox,
  type Tokens,
  url,
} from './helpers.js';

let sb: RunningSandbox;
let hs: Tokens;
let at: Tokens;
let nt: Tokens;
beforeAll(async () => {
  sb = await startSmallSandbox({ rateLimits: false });
  [hs, at, nt] = await Promise.all([connectHubSpot(sb), connectAirtable(sb), connectNotion(sb)]);
});
afterAll(() => sb.close());
afterEach(() => sb.faults.clear());

const hubspotContacts = () => get(url(sb.hubspot.apiUrl, '/crm/v3/objects/contacts'), hs.access_token);
const airtableBases = () => get(url(sb.airtable.apiUrl, '/v0/meta/bases'), at.access_token);
const notionMe = () => get(url(sb.notion.apiUrl, '/v1/users/me'), nt.access_token, NOTION_V2025);

describe("injected 429s carry each provider's documented headers and body", () => {
  it('HubSpot: TEN_SECONDLY_ROLLING with the rate-limit headers', async () => {
    sb.faults.inject({ provider: 'hubspot', kind: 'rate_limit', count: 1 });
    const res = await hubspotContacts();
    expect(res.status).toBe(429);
    expect(res.headers.get('x-hubspot-ratelimit-remaining')).toBe('0');
    hubspotRateLimitError.parse(await res.json());
    expect((await hubspotContacts()).status).toBe(200);
  });

  it('Airtable: RATE_LIMIT_REACHED', async () => {
    sb.faults.inject({ provider: 'airtable', kind: 'rate_limit', count: 1 });
    const res = await airtableBases();
    expect(res.status).toBe(429);
    expect(airtableError.parse(await res.json()).error.type).toBe('RATE_LIMIT_REACHED');
  });

  it('Notion: rate_limited with Retry-After', async () => {
    sb.faults.inject({ provider: 'notion', kind: 'rate_limit', count: 1 });
    const res = await notionMe();
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('1');
    expect(notionError.parse(await res.json()).additional_data?.retry_after).toBe('1');
  });

  it('HubSpot: the DAILY and search-secondly variants (Q6)', async () => {
    sb.faults.inject({ provider: 'hubspot', kind: 'rate_limit', policy: 'DAILY', count: 1 });
    const daily = hubspotRateLimitError.parse(await (await hubspotContacts()).json());
    expect(daily).toMatchObject({ policyName: 'DAILY', message: 'You have reached your daily limit.' });
    sb.faults.inject({ provider: 'hubspot', kind: 'rate_limit', policy: 'SECONDLY', count: 1 });
    const secondly = hubspotRateLimitError.parse(await (await hubspotContacts()).json());
    expect(secondly).toMatchObject({ message: 'You have reached your secondly limit.' });
    expect(secondly.policyName).toBeUndefined();
  });

  it('Notion: public_api_request_blocked, which says no Retry-After (Q11)', async () => {
    sb.faults.inject({ provider: 'notion', kind: 'rate_limit', policy: 'public_api_request_blocked', count: 1 });
    const res = await notionMe();
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBeNull();
    expect(notionError.parse(await res.json())).toMatchObject({
      code: 'rate_limited',
      additional_data: { rate_limit_reason: 'public_api_request_blocked' },
    });
  });
});

describe('injected server errors', () => {
  it.each([500, 502, 503] as const)("answer %i in each provider's envelope", async (status) => {
    for (const provider of ['hubspot', 'airtable', 'notion'] as const)
      sb.faults.inject({ provider, kind: 'server_error', status, count: 1 });
    const h = await hubspotContacts();
    expect(h.status).toBe(status);
    hubspotApiError.parse(await h.json());
    const a = await airtableBases();
    expect(a.status).toBe(status);
    airtableError.parse(await a.json());
    const n = await notionMe();
    expect(n.status).toBe(status);
    expect(notionError.parse(await n.json()).status).toBe(status);
  });

  it('hit the next N requests only, scoped by path prefix', async () => {
    sb.faults.inject({ provider: 'hubspot', kind: 'server_error', status: 503, count: 2, pathPrefix: '/crm/v3/objects/deals' });
    expect((await hubspotContacts()).status).toBe(200);
    const deals = () => get(url(sb.hubspot.apiUrl, '/crm/v3/objects/deals'), hs.access_token);
    expect([(await deals()).status, (await deals()).status, (await deals()).status]).toEqual([503, 503, 200]);
    expect(sb.faults.list()).toEqual([]);
  });

  it('hit a fixed share of requests, the same ones for the same seed', async () => {
    const pattern = async (target: RunningSandbox, token: string) => {
      target.faults.inject({ provider: 'hubspot', kind: 'server_error', rate: 0.3 });
      const statuses: number[] = [];
      for (let i = 0; i < 40; i++) statuses.push((await get(url(target.hubspot.apiUrl, '/crm/v3/objects/contacts'), token)).status);
      target.faults.clear();
      return statuses;
    };
    const twin = await startSmallSandbox({ hubspot: { limits: false } });
    try {
      const a = await pattern(sb, hs.access_token);
      const b = await pattern(twin, (await connectHubSpot(twin)).access_token);
      expect(a).toEqual(b);
      const failures = a.filter((s) => s === 500).length;
      expect(failures).toBeGreaterThan(4);
      expect(failures).toBeLessThan(20);
    } finally {
      await twin.close();
    }
  });
});

describe('slow responses and timeouts', () => {
  it('delays a response by delayMs, then answers normally', async () => {
    sb.faults.inject({ provider: 'notion', kind: 'delay', delayMs: 300, count: 1 });
    const started = Date.now();
    expect((await notionMe()).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
  });

  it('hangs until the client gives up', async () => {
    sb.faults.inject({ provider: 'airtable', kind: 'timeout', count: 1 });
    const call = fetch(url(sb.airtable.apiUrl, '/v0/meta/bases'), {
      headers: { authorization: `Bearer ${at.access_token}` },
      signal: AbortSignal.timeout(250),
    });
    await expect(call).rejects.toThrow(/abort|timeout/i);
    expect((await airtableBases()).status).toBe(200);
  });
});

describe('token faults act on the real token state', () => {
  it("expired_token: the request gets the provider's expired-token 401, and the token stays expired", async () => {
    const fresh = await connectHubSpot(sb);
    sb.faults.inject({ provider: 'hubspot', kind: 'expired_token', count: 1 });
    const res = await get(url(sb.hubspot.apiUrl, '/crm/v3/objects/contacts'), fresh.access_token);
    expect(res.status).toBe(401);
    expect(hubspotApiError.parse(await res.json()).category).toBe('EXPIRED_AUTHENTICATION');
    const refreshed = await postForm(url(sb.hubspot.apiUrl, '/oauth/2026-03/token'), {
      grant_type: 'refresh_token',
      client_id: sb.hubspot.clientId,
      client_secret: sb.hubspot.clientSecret,
      refresh_token: fresh.refresh_token,
    });
    expect(refreshed.status).toBe(200);
  });

  it('revoked_grant: 401 now, and invalid_grant on the next refresh', async () => {
    const fresh = await connectAirtable(sb);
    sb.faults.inject({ provider: 'airtable', kind: 'revoked_grant', count: 1 });
    expect((await get(url(sb.airtable.apiUrl, '/v0/meta/whoami'), fresh.access_token)).status).toBe(401);
    const refresh = await postForm(
      url(sb.airtable.authUrl, '/oauth2/v1/token'),
      { grant_type: 'refresh_token', refresh_token: fresh.refresh_token },
      { authorization: basic(sb.airtable.clientId, sb.airtable.clientSecret) },
    );
    expect(airtableOAuthError.parse(await refresh.json()).error).toBe('invalid_grant');
  });

  it('other_account on the token endpoint answers the refresh with tokens of the next account', async () => {
    const fresh = await connectNotion(sb, 0);
    sb.faults.inject({ provider: 'notion', kind: 'other_account', count: 1, pathPrefix: '/v1/oauth/token' });
    const refresh = await postJson(
      url(sb.notion.apiUrl, '/v1/oauth/token'),
      { grant_type: 'refresh_token', refresh_token: fresh.refresh_token },
      { authorization: basic(sb.notion.clientId, sb.notion.clientSecret) },
    );
    const body = (await refresh.json()) as { workspace_id: string; access_token: string };
    expect(body.workspace_id).toBe(sb.dataset.notion[1]!.workspaceId);
    const me = await get(url(sb.notion.apiUrl, '/v1/users/me'), body.access_token, NOTION_V2025);
    expect(me.status).toBe(200);
  });

  it('revoked_grant on the token endpoint makes that refresh fail with invalid_grant', async () => {
    const fresh = await connectHubSpot(sb);
    sb.faults.inject({ provider: 'hubspot', kind: 'revoked_grant', count: 1, pathPrefix: '/oauth/' });
    const refresh = await postForm(url(sb.hubspot.apiUrl, '/oauth/2026-03/token'), {
      grant_type: 'refresh_token',
      client_id: sb.hubspot.clientId,
      client_secret: sb.hubspot.clientSecret,
      refresh_token: fresh.refresh_token,
    });
    expect(hubspotOAuthError.parse(await refresh.json()).error).toBe('invalid_grant');
  });
});

describe('the HTTP admin endpoint /__sandbox/faults', () => {
  it('injects, lists and clears faults for its own provider', async () => {
    const admin = url(sb.notion.apiUrl, '/__sandbox/faults');
    const created = await postJson(admin, { kind: 'server_error', status: 502, count: 1 });
    expect(created.status).toBe(201);
    const listed = (await (await get(admin)).json()) as { faults: Array<{ provider: string; kind: string }> };
    expect(listed.faults).toMatchObject([{ provider: 'notion', kind: 'server_error' }]);
    expect((await notionMe()).status).toBe(502);
    await postJson(admin, [{ kind: 'rate_limit' }]);
    expect((await notionMe()).status).toBe(429);
    expect((await fetch(admin, { method: 'DELETE' })).status).toBe(204);
    expect((await notionMe()).status).toBe(200);
  });

  it('rejects an invalid spec with 400', async () => {
    const res = await postJson(url(sb.hubspot.apiUrl, '/__sandbox/faults'), { kind: 'meteor_strike' });
    expect(res.status).toBe(400);
  });
});

describe('stats', () => {
  it('counts token calls by grant type, refreshes, API requests, 429s and faults; resetStats zeroes them', async () => {
    sb.resetStats();
    const t = await connectNotion(sb);
    await postJson(
      url(sb.notion.apiUrl, '/v1/oauth/token'),
      { grant_type: 'refresh_token', refresh_token: t.refresh_token },
      { authorization: basic(sb.notion.clientId, sb.notion.clientSecret) },
    );
    sb.faults.inject({ provider: 'notion', kind: 'rate_limit', count: 1 });
    await notionMe();
    await notionMe();
    const stats = sb.stats().notion;
    expect(stats).toMatchObject({
      tokenCalls: { authorization_code: 1, refresh_token: 1, other: 0 },
      successfulRefreshes: 1,
      apiRequests: 1,
      rateLimited: 1,
      faultsInjected: 1,
    });
    const overHttp = (await (await get(url(sb.notion.apiUrl, '/__sandbox/stats'))).json()) as { notion: unknown };
    expect(overHttp.notion).toEqual(stats);
    sb.resetStats();
    expect(sb.stats().notion.tokenCalls.authorization_code).toBe(0);
  });
});
