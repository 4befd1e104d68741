import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSandbox } from '../src/index.js';
import { hubspotApiError, hubspotCollection, hubspotObject, hubspotRateLimitError } from './contracts/hubspot.js';
import { connectHubSpot, get, sleep, startSmallSandbox, type Tokens, url } from './helpers.js';

let sb: RunningSandbox;
let tokens: Tokens;
beforeAll(async () => {
  sb = await startSmallSandbox({ hubspot: { size: { contacts: 1234 }, limits: false } });
  tokens = await connectHubSpot(sb);
});
afterAll(() => sb.close());

const list = (path: string, params: Record<string, string> = {}, token = tokens.access_token) =>
  get(url(sb.hubspot.apiUrl, path, params), token);

describe('HubSpot GET /crm/v3/objects/{type}', () => {
  it('pages through every contact to the last page, none missing or repeated', async () => {
    const seen: string[] = [];
    let after: string | undefined;
    let pages = 0;
    do {
      const body = hubspotCollection.parse(
        await (await list('/crm/v3/objects/contacts', { limit: '100', ...(after ? { after } : {}) })).json(),
      );
      seen.push(...body.results.map((r) => r.id));
      after = body.paging?.next.after;
      pages++;
    } while (after);
    expect(pages).toBe(13);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toEqual(sb.dataset.hubspot[0]?.contacts.map((c) => c.id));
  });

  it('defaults to 10 per page, clamps limit to 100, and follows paging.next.link', async () => {
    const first = hubspotCollection.parse(await (await list('/crm/v3/objects/companies')).json());
    expect(first.results).toHaveLength(10);
    const link = first.paging?.next.link ?? '';
    expect(new URL(link).searchParams.get('after')).toBe(first.paging?.next.after);
    const second = hubspotCollection.parse(await (await get(link, tokens.access_token)).json());
    expect(second.results[0]?.id).toBe(sb.dataset.hubspot[0]?.companies[10]?.id);
    const big = hubspotCollection.parse(await (await list('/crm/v3/objects/contacts', { limit: '500' })).json());
    expect(big.results).toHaveLength(100);
  });

  it('omits paging on the last page', async () => {
    const deals = sb.dataset.hubspot[0]?.deals ?? [];
    const body = hubspotCollection.parse(
      await (await list('/crm/v3/objects/deals', { limit: '100', after: deals[deals.length - 5]?.id ?? '' })).json(),
    );
    expect(body.results).toHaveLength(5);
    expect(body.paging).toBeUndefined();
  });

  it('returns only string property values, the default set, or the requested properties plus system ones', async () => {
    const defaults = hubspotCollection.parse(await (await list('/crm/v3/objects/contacts', { limit: '100' })).json());
    const allowed = ['createdate', 'email', 'firstname', 'hs_object_id', 'lastmodifieddate', 'lastname'];
    for (const r of defaults.results) for (const key of Object.keys(r.properties)) expect(allowed).toContain(key);
    const picked = hubspotCollection.parse(
      await (await list('/crm/v3/objects/contacts', { limit: '100', properties: 'email,jobtitle,nonexistent' })).json(),
    );
    for (const r of picked.results) {
      for (const key of Object.keys(r.properties))
        expect(['createdate', 'hs_object_id', 'lastmodifieddate', 'email', 'jobtitle']).toContain(key);
      for (const value of Object.values(r.properties)) expect(typeof value).toBe('string');
    }
    expect(picked.results.some((r) => r.properties.jobtitle)).toBe(true);
  });

  it('returns associations when asked (deals -> companies)', async () => {
    const body = hubspotCollection.parse(await (await list('/crm/v3/objects/deals', { limit: '50', associations: 'companies' })).json());
    const withCompany = body.results.filter((r) => r.associations?.companies);
    expect(withCompany.length).toBeGreaterThan(30);
    const first = withCompany[0];
    const expected = sb.dataset.hubspot[0]?.deals.find((d) => d.id === first?.id)?.associations.companies ?? [];
    // The primary company comes twice: once per association type (Q4).
    expect(first?.associations?.companies?.results).toEqual(
      expected.flatMap((id) => [
        { id, type: 'deal_to_company' },
        { id, type: 'deal_to_company_unlabeled' },
      ]),
    );
    const none = hubspotCollection.parse(await (await list('/crm/v3/objects/deals', { limit: '5' })).json());
    expect(none.results.every((r) => r.associations === undefined)).toBe(true);
  });

  it('accepts object type ids (0-1 = contacts) and serves a single record', async () => {
    const body = hubspotCollection.parse(await (await list('/crm/v3/objects/0-1', { limit: '1' })).json());
    expect(body.results[0]?.id).toBe(sb.dataset.hubspot[0]?.contacts[0]?.id);
    const one = hubspotObject.parse(await (await list(`/crm/v3/objects/contacts/${body.results[0]?.id}`)).json());
    expect(one.id).toBe(body.results[0]?.id);
    expect((await list('/crm/v3/objects/contacts/999')).status).toBe(404);
  });

  it('answers 403 MISSING_SCOPES without the object scope', async () => {
    const narrow = await connectHubSpot(sb, 0, 'oauth crm.objects.contacts.read');
    const res = await list('/crm/v3/objects/deals', {}, narrow.access_token);
    expect(res.status).toBe(403);
    expect(hubspotApiError.parse(await res.json()).category).toBe('MISSING_SCOPES');
  });

  it('keeps accounts apart: a token for account 1 sees only account 1 records', async () => {
    const other = await connectHubSpot(sb, 1);
    const body = hubspotCollection.parse(await (await list('/crm/v3/objects/contacts', { limit: '100' }, other.access_token)).json());
    expect(body.results.map((r) => r.id)).toEqual(sb.dataset.hubspot[1]?.contacts.map((c) => c.id));
  });

  it('rejects a malformed limit or after with 400 VALIDATION_ERROR', async () => {
    const cases: Array<Record<string, string>> = [{ limit: 'abc' }, { limit: '0' }, { after: 'xyz' }];
    for (const params of cases) {
      const res = await list('/crm/v3/objects/contacts', params);
      expect(res.status).toBe(400);
      expect(hubspotApiError.parse(await res.json()).category).toBe('VALIDATION_ERROR');
    }
  });
});

describe('HubSpot rate limit: rolling window per installing account', () => {
  let limited: RunningSandbox;
  beforeAll(async () => {
    limited = await startSmallSandbox({ hubspot: { limits: { max: 5, intervalMs: 1000 } } });
  });
  afterAll(() => limited.close());

  it('sends the X-HubSpot-RateLimit headers and a TEN_SECONDLY_ROLLING 429 past the limit', async () => {
    const t = await connectHubSpot(limited);
    const call = () => get(url(limited.hubspot.apiUrl, '/crm/v3/objects/contacts'), t.access_token);
    for (let i = 0; i < 5; i++) {
      const res = await call();
      expect(res.status).toBe(200);
      expect(res.headers.get('x-hubspot-ratelimit-max')).toBe('5');
      expect(res.headers.get('x-hubspot-ratelimit-interval-milliseconds')).toBe('1000');
      expect(res.headers.get('x-hubspot-ratelimit-remaining')).toBe(String(4 - i));
    }
    const res = await call();
    expect(res.status).toBe(429);
    expect(res.headers.get('x-hubspot-ratelimit-remaining')).toBe('0');
    expect(hubspotRateLimitError.parse(await res.json()).groupName).toContain(String(limited.dataset.hubspot[0]?.hubId));
    // Another installing account has its own budget; the same account's second token does not.
    const other = await connectHubSpot(limited, 1);
    expect((await get(url(limited.hubspot.apiUrl, '/crm/v3/objects/contacts'), other.access_token)).status).toBe(200);
    const sameAccount = await connectHubSpot(limited, 0);
    expect((await get(url(limited.hubspot.apiUrl, '/crm/v3/objects/contacts'), sameAccount.access_token)).status).toBe(429);
    await sleep(1050);
    expect((await call()).status).toBe(200);
    expect(limited.stats().hubspot.rateLimited).toBe(2);
  });

  it('uses the published 110 requests / 10 s by default', async () => {
    const real = await startSmallSandbox({ hubspot: { size: { contacts: 20 } } });
    try {
      const t = await connectHubSpot(real);
      const res = await get(url(real.hubspot.apiUrl, '/crm/v3/objects/contacts'), t.access_token);
      expect(res.headers.get('x-hubspot-ratelimit-max')).toBe('110');
      expect(res.headers.get('x-hubspot-ratelimit-interval-milliseconds')).toBe('10000');
      expect(res.headers.get('x-hubspot-ratelimit-remaining')).toBe('109');
    } finally {
      await real.close();
    }
  });
});
