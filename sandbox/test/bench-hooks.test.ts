import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSandbox, SandboxResponse } from '../src/index.js';
import { hubspotCollection } from './contracts/hubspot.js';
import { connectHubSpot, get, startSmallSandbox, url } from './helpers.js';

describe('what benchmarks of many accounts need from the sandbox', () => {
  let sb: RunningSandbox;
  const answered: SandboxResponse[] = [];
  beforeAll(async () => {
    sb = await startSmallSandbox({ hubspot: { size: { extraAccounts: 4 }, limits: false }, onResponse: (r) => answered.push(r) });
  });
  afterAll(() => sb.close());

  it('holds extra HubSpot accounts after the three, each with its own records and more than one page of contacts', async () => {
    expect(sb.dataset.hubspot.map((a) => a.index)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    const tokens = await connectHubSpot(sb, 5);
    const page = hubspotCollection.parse(
      await (await get(url(sb.hubspot.apiUrl, '/crm/v3/objects/contacts', { limit: '100' }), tokens.access_token)).json(),
    );
    expect(page.results.map((r) => r.id)).toEqual(sb.dataset.hubspot[5]!.contacts.slice(0, 100).map((c) => c.id));
    expect(page.paging?.next.after).toBeDefined();
    const ids = new Set(sb.dataset.hubspot.flatMap((a) => a.contacts.map((c) => c.id)));
    expect(ids.size).toBe(sb.dataset.hubspot.reduce((n, a) => n + a.contacts.length, 0));
  });

  it('reports every answered call with its bearer token and the time the simulator took', async () => {
    const tokens = await connectHubSpot(sb, 3);
    answered.length = 0;
    const response = await get(url(sb.hubspot.apiUrl, '/crm/v3/objects/companies', { limit: '5' }), tokens.access_token);
    expect(response.status).toBe(200);
    await response.arrayBuffer();
    expect(answered).toHaveLength(1);
    expect(answered[0]).toMatchObject({
      provider: 'hubspot',
      method: 'GET',
      path: '/crm/v3/objects/companies',
      status: 200,
      token: tokens.access_token,
    });
    expect(answered[0]!.ms).toBeGreaterThan(0);
  });
});
