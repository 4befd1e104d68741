import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HubSpotAccount } from '../src/hubspot/index.js';
import type { RunningSandbox } from '../src/index.js';
import {
  hubspotAccountDetails,
  hubspotApiError,
  hubspotAssociations,
  hubspotCollection,
  hubspotV4BatchRead,
  hubspotV4List,
} from './contracts/hubspot.js';
import { connectHubSpot, get, postJson, startSmallSandbox, type Tokens, url } from './helpers.js';

let sb: RunningSandbox;
let tokens: Tokens;
let account: HubSpotAccount;
beforeAll(async () => {
  sb = await startSmallSandbox({
    hubspot: { size: { contacts: 400, companies: 20, deals: 200, keyAccountDeals: 130 }, limits: false },
  });
  tokens = await connectHubSpot(sb);
  account = sb.dataset.hubspot[0]!;
});
afterAll(() => sb.close());

const api = (path: string, params: Record<string, string> = {}) => get(url(sb.hubspot.apiUrl, path, params), tokens.access_token);
const keyAccount = () => account.companies[0]!;

describe('HubSpot associations on a v3 list (Q4, Q5)', () => {
  it('gives the key account 130 deals: more than the 100 entries a record carries inline', () => {
    expect(keyAccount().associations.deals).toHaveLength(130);
  });

  it('lists each associated id once per association type, at most 100 entries, then paging with after and link', async () => {
    const body = hubspotCollection.parse(await (await api('/crm/v3/objects/companies', { limit: '5', associations: 'deals' })).json());
    const key = body.results.find((r) => r.id === keyAccount().id)!;
    const inline = key.associations!.deals!;
    expect(inline.results).toHaveLength(100);
    expect(inline.results.slice(0, 2)).toEqual([
      { id: keyAccount().associations.deals![0], type: 'company_to_deal' },
      { id: keyAccount().associations.deals![0], type: 'company_to_deal_unlabeled' },
    ]);
    // 100 entries are only 50 distinct deals: the rest is behind paging.
    expect(new Set(inline.results.map((r) => r.id)).size).toBe(50);
    expect(inline.paging?.next.after).toBeTruthy();

    const rest: string[] = [];
    let link = inline.paging?.next.link;
    while (link) {
      const page = hubspotAssociations.parse(await (await get(link, tokens.access_token)).json());
      rest.push(...page.results.map((r) => r.id));
      link = page.paging?.next.link;
    }
    expect([...new Set([...inline.results.map((r) => r.id), ...rest])]).toEqual(keyAccount().associations.deals);
  });

  it('has no paging on a record within the cap, and one entry per deal toward a contact (no primary there)', async () => {
    const deals = hubspotCollection.parse(await (await api('/crm/v3/objects/deals', { limit: '100', associations: 'contacts' })).json());
    const withBuyer = deals.results.find((r) => r.associations?.contacts)!;
    expect(withBuyer.associations!.contacts!.paging).toBeUndefined();
    expect(withBuyer.associations!.contacts!.results.every((r) => r.type === 'deal_to_contact')).toBe(true);
  });
});

describe('HubSpot v4 associations', () => {
  it('GET /crm/v4/objects/{from}/{id}/associations/{to}: one entry per target with all its types, 500 per page', async () => {
    const body = hubspotV4List.parse(await (await api(`/crm/v4/objects/companies/${keyAccount().id}/associations/deals`)).json());
    expect(body.results.map((r) => r.toObjectId)).toEqual(keyAccount().associations.deals);
    expect(body.results[0]!.associationTypes).toEqual([
      { category: 'HUBSPOT_DEFINED', typeId: 6, label: 'Primary' },
      { category: 'HUBSPOT_DEFINED', typeId: 342, label: null },
    ]);
    expect(body.paging).toBeUndefined();
    const first = hubspotV4List.parse(
      await (await api(`/crm/v4/objects/companies/${keyAccount().id}/associations/deals`, { limit: '100' })).json(),
    );
    const second = hubspotV4List.parse(
      await (
        await api(`/crm/v4/objects/companies/${keyAccount().id}/associations/deals`, { limit: '100', after: first.paging!.next.after })
      ).json(),
    );
    expect([...first.results, ...second.results].map((r) => r.toObjectId)).toEqual(keyAccount().associations.deals);
  });

  it('POST /crm/v4/associations/{from}/{to}/batch/read: one call for many records, COMPLETE, paging per input', async () => {
    const ids = account.companies.slice(0, 10).map((c) => c.id);
    const res = await postJson(
      url(sb.hubspot.apiUrl, '/crm/v4/associations/companies/deals/batch/read'),
      { inputs: ids.map((id) => ({ id })) },
      { authorization: `Bearer ${tokens.access_token}` },
    );
    expect(res.status).toBe(200);
    const body = hubspotV4BatchRead.parse(await res.json());
    expect(body.status).toBe('COMPLETE');
    const byId = new Map(body.results.map((r) => [r.from.id, r.to.map((t) => t.toObjectId)]));
    for (const company of account.companies.slice(0, 10)) expect(byId.get(company.id) ?? []).toEqual(company.associations.deals ?? []);
  });

  it('answers 207 with errors for unknown inputs and 400 past 1000 inputs', async () => {
    const auth = { authorization: `Bearer ${tokens.access_token}` };
    const mixed = await postJson(
      url(sb.hubspot.apiUrl, '/crm/v4/associations/companies/deals/batch/read'),
      { inputs: [{ id: keyAccount().id }, { id: '999' }] },
      auth,
    );
    expect(mixed.status).toBe(207);
    const body = hubspotV4BatchRead.parse(await mixed.json());
    expect(body.numErrors).toBe(1);
    expect(body.results).toHaveLength(1);
    const tooMany = await postJson(
      url(sb.hubspot.apiUrl, '/crm/v4/associations/companies/deals/batch/read'),
      { inputs: Array.from({ length: 1001 }, (_, i) => ({ id: String(i) })) },
      auth,
    );
    expect(tooMany.status).toBe(400);
    expect(hubspotApiError.parse(await tooMany.json()).category).toBe('VALIDATION_ERROR');
  });

  it('needs the read scope of the source object type', async () => {
    const narrow = await connectHubSpot(sb, 0, 'oauth crm.objects.contacts.read');
    const res = await get(url(sb.hubspot.apiUrl, `/crm/v4/objects/companies/${keyAccount().id}/associations/deals`), narrow.access_token);
    expect(res.status).toBe(403);
  });
});

describe('HubSpot account-info (Q7)', () => {
  it.each([
    [0, 'app.hubspot.com', 'na1'],
    [1, 'app-eu1.hubspot.com', 'eu1'],
  ])('account %i opens at %s (%s)', async (index, uiDomain, location) => {
    const t = await connectHubSpot(sb, index);
    const body = hubspotAccountDetails.parse(await (await get(url(sb.hubspot.apiUrl, '/account-info/v3/details'), t.access_token)).json());
    expect(body).toMatchObject({ portalId: sb.dataset.hubspot[index]!.hubId, uiDomain, dataHostingLocation: location });
    expect(t.refresh_token.startsWith(`${location}-`)).toBe(true);
  });
});
