import { Client } from '@hubspot/api-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HubSpotAccount } from '../../src/hubspot/index.js';
import type { RunningSandbox } from '../../src/index.js';
import { hubspotAccessIntrospection, hubspotAccountDetails, hubspotTokenResponse } from '../contracts/hubspot.js';
import { authorize, postForm, REDIRECT, startSmallSandbox, url } from '../helpers.js';

/**
 * The official HubSpot SDK (@hubspot/api-client 13.5, the last for Node 20) pointed at the
 * simulator (`basePath`), making the calls the HubSpot provider module makes. The SDK
 * deserializes every answer into its models (dates parsed, associations and paging typed); a call
 * it cannot express (the 2026-03 OAuth endpoints, account-info) is checked against the contract
 * written from HubSpot's reference instead.
 */
let sb: RunningSandbox;
let account: HubSpotAccount;
let accessToken: string;
let refreshToken: string;
const SCOPE = 'oauth crm.objects.contacts.read crm.objects.companies.read crm.objects.deals.read';

beforeAll(async () => {
  sb = await startSmallSandbox({
    hubspot: { size: { contacts: 300, companies: 12, deals: 200, keyAccountDeals: 130 }, limits: false },
  });
  account = sb.dataset.hubspot[0]!;
});
afterAll(() => sb.close());

const code = async () =>
  (
    await authorize(
      url(sb.hubspot.authUrl, '/oauth/authorize', {
        client_id: sb.hubspot.clientId,
        redirect_uri: REDIRECT,
        scope: SCOPE,
        sandbox_approve: 'allow',
      }),
    )
  ).location?.searchParams.get('code') ?? '';
// No retries and no client-side limiter delay: every answer must come back as the SDK reads it.
const client = (token?: string) =>
  new Client({ basePath: sb.hubspot.apiUrl, ...(token ? { accessToken: token } : {}), numberOfApiCallRetries: 0 });

describe('@hubspot/api-client against the HubSpot simulator', () => {
  it('oauth.tokensApi exchanges a code and refreshes it (the SDK uses the legacy /oauth/v1/token)', async () => {
    const tokens = await client().oauth.tokensApi.create(
      'authorization_code',
      await code(),
      REDIRECT,
      sb.hubspot.clientId,
      sb.hubspot.clientSecret,
    );
    expect(tokens).toMatchObject({ tokenType: 'bearer', expiresIn: 1800 });
    expect(tokens.refreshToken).toMatch(/^na1-/);
    const refreshed = await client().oauth.tokensApi.create(
      'refresh_token',
      undefined,
      undefined,
      sb.hubspot.clientId,
      sb.hubspot.clientSecret,
      tokens.refreshToken,
    );
    expect(refreshed.refreshToken).toBe(tokens.refreshToken);
    ({ accessToken, refreshToken } = refreshed);
    const info = await client().oauth.accessTokensApi.get(accessToken);
    expect(info).toMatchObject({ hubId: account.hubId, user: account.userEmail });
  });

  it('the 2026-03 token and introspection endpoints (not in the SDK) answer the documented contract', async () => {
    const token = hubspotTokenResponse.parse(
      await (
        await postForm(url(sb.hubspot.apiUrl, '/oauth/2026-03/token'), {
          grant_type: 'refresh_token',
          client_id: sb.hubspot.clientId,
          client_secret: sb.hubspot.clientSecret,
          refresh_token: refreshToken,
        })
      ).json(),
    );
    const introspection = await postForm(url(sb.hubspot.apiUrl, '/oauth/2026-03/token/introspect'), {
      client_id: sb.hubspot.clientId,
      client_secret: sb.hubspot.clientSecret,
      token: token.access_token,
      token_type_hint: 'access_token',
    });
    expect(hubspotAccessIntrospection.parse(await introspection.json()).hub_id).toBe(account.hubId);
  });

  it('crm.*.basicApi.getPage lists contacts, companies with their deals (paged past 100 entries) and deals', async () => {
    const hub = client(accessToken);
    const contacts = await hub.crm.contacts.basicApi.getPage(100, undefined, ['firstname', 'lastname', 'email']);
    expect(contacts.results.map((c) => c.id)).toEqual(account.contacts.slice(0, 100).map((c) => c.id));
    expect(contacts.results[0]!.createdAt).toBeInstanceOf(Date);
    expect(contacts.paging?.next?.after).toBe(account.contacts[100]!.id);

    const companies = await hub.crm.companies.basicApi.getPage(100, undefined, ['name', 'domain'], undefined, ['deals']);
    const key = companies.results.find((c) => c.id === account.companies[0]!.id)!;
    const inline = key.associations!.deals!;
    expect(inline.results).toHaveLength(100);
    expect(inline.results.slice(0, 2).map((r) => r.type)).toEqual(['company_to_deal', 'company_to_deal_unlabeled']);
    expect(inline.paging?.next?.after).toBeTruthy();

    const deals = await hub.crm.deals.basicApi.getPage(100, undefined, ['dealname'], undefined, ['companies']);
    const owned = deals.results.find((d) => d.associations?.companies)!;
    expect(owned.associations!.companies!.results.map((r) => r.type)).toEqual(['deal_to_company', 'deal_to_company_unlabeled']);
  });

  it('crm.associations.v4: batch read and the per-record list give every deal of the key account', async () => {
    const hub = client(accessToken);
    const key = account.companies[0]!;
    const inputs = account.companies.slice(0, 5).map((c) => ({ id: c.id }));
    // eslint-disable-next-line @typescript-eslint/no-unsafe-class-instance-assignment -- plain inputs, as the SDK's own README passes them
    const batch = await hub.crm.associations.v4.batchApi.getPage('companies', 'deals', { inputs });
    expect(batch.status).toBe('COMPLETE');
    expect(batch.completedAt).toBeInstanceOf(Date);
    const keyResult = batch.results.find((r) => r._from.id === key.id)!;
    expect(keyResult.to.map((t) => t.toObjectId)).toEqual(key.associations.deals);
    expect(keyResult.to[0]!.associationTypes.map((t) => t.typeId)).toEqual([6, 342]);

    const first = await hub.crm.associations.v4.basicApi.getPage('companies', key.id, 'deals', undefined, 100);
    const rest = await hub.crm.associations.v4.basicApi.getPage('companies', key.id, 'deals', first.paging!.next!.after, 100);
    expect([...first.results, ...rest.results].map((r) => r.toObjectId)).toEqual(key.associations.deals);
  });

  it("account-info (not in the SDK) through its generic apiRequest: the reference's fields", async () => {
    const response = await client(accessToken).apiRequest({ method: 'GET', path: '/account-info/v3/details' });
    expect(hubspotAccountDetails.parse(await response.json())).toMatchObject({
      portalId: account.hubId,
      uiDomain: 'app.hubspot.com',
      dataHostingLocation: 'na1',
    });
  });

  it("surfaces the simulator's errors as the SDK's ApiException with HubSpot's body", async () => {
    const failure = await client('CNnot-a-token')
      .crm.contacts.basicApi.getPage(10)
      .catch((e: unknown) => e as { code: number; body: { category: string } });
    expect(failure).toMatchObject({ code: 401, body: { category: 'INVALID_AUTHENTICATION' } });
    sb.faults.inject({ provider: 'hubspot', kind: 'rate_limit', policy: 'DAILY', count: 1 });
    const limited = await client(accessToken)
      .crm.contacts.basicApi.getPage(10)
      .catch((e: unknown) => e as { code: number; body: { policyName: string } });
    expect(limited).toMatchObject({ code: 429, body: { policyName: 'DAILY' } });
  });
});
