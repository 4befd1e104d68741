import { beforeAll, describe, expect, inject, it } from 'vitest';
import { connectThroughSandbox, useStack } from '../../../test/support/stack.js';
import { expectExactlyOnce, loadAll, type LoadedItem } from '../../../test/support/load.js';
import type { HubSpotAccount } from '../../../sandbox/src/hubspot/index.js';
import { freshIdentity } from '../../../test/support/identity.js';

describe('load: HubSpot contacts, companies and deals (sandbox over real HTTP, real Redis)', () => {
  // The first company holds 130 deals: past the 100 association entries HubSpot inlines per record.
  const stack = useStack({
    redisUrl: inject('redisUrl'),
    sandbox: { hubspot: { size: { contacts: 240, companies: 30, deals: 200, keyAccountDeals: 130 } } },
  });
  let account: HubSpotAccount;
  let items: LoadedItem[];
  let byId: Map<string, LoadedItem>;

  beforeAll(async () => {
    account = stack.sandbox.dataset.hubspot[0]!;
    const who = freshIdentity();
    await connectThroughSandbox(stack, 'hubspot', who);
    ({ items } = await loadAll(stack.server, 'hubspot', who, { first: 70 }));
    byId = new Map(items.map((i) => [i.id, i]));
  });

  it('returns every contact, company and deal exactly once, after one directory per object type', () => {
    const records = [...account.contacts, ...account.companies, ...account.deals].map((r) => r.id);
    expectExactlyOnce(items, ['contacts', 'companies', 'deals', ...records]);
    expect(items.slice(0, 3).map((i) => [i.id, i.name, i.directory])).toEqual([
      ['contacts', 'Contacts', true],
      ['companies', 'Companies', true],
      ['deals', 'Deals', true],
    ]);
  });

  it('names contacts by first and last name, then email, then "Contact {id}"', () => {
    const full = account.contacts.find((c) => c.properties.firstname && c.properties.lastname)!;
    const emailOnly = account.contacts.find((c) => !c.properties.firstname && c.properties.email)!;
    const bare = account.contacts.find((c) => !c.properties.firstname && !c.properties.email)!;
    expect(byId.get(full.id)!.name).toBe(`${full.properties.firstname} ${full.properties.lastname}`);
    expect(byId.get(emailOnly.id)!.name).toBe(emailOnly.properties.email);
    expect(byId.get(bare.id)!.name).toBe(`Contact ${bare.id}`);
    expect(byId.get(full.id)).toMatchObject({ type: 'contact', parentId: 'contacts', parentPathOrName: 'Contacts', directory: false });
  });

  it('names companies by name, then domain, and lists their deals as children', () => {
    const named = account.companies.find((c) => c.properties.name && c.associations.deals?.length)!;
    const domainOnly = account.companies.find((c) => !c.properties.name)!;
    expect(byId.get(named.id)).toMatchObject({ name: named.properties.name, type: 'company', parentId: 'companies', directory: true });
    expect(byId.get(named.id)!.children!.sort()).toEqual([...named.associations.deals!].sort());
    expect(byId.get(domainOnly.id)!.name).toBe(domainOnly.properties.domain);
  });

  it("lists every company's deals once each, though HubSpot names each twice (primary and unlabeled, Q4)", () => {
    for (const company of account.companies) expect(byId.get(company.id)!.children ?? []).toEqual(company.associations.deals ?? []);
  });

  it("completes a key account's 130 deals past the 100 inline entries, through v4 batch read (Q5)", () => {
    const key = account.companies[0]!;
    expect(key.associations.deals).toHaveLength(130);
    expect(byId.get(key.id)!.children).toEqual(key.associations.deals);
  });

  it('puts a deal under its company, with a readable path; others under the Deals directory', () => {
    const owned = account.deals.find((d) => d.associations.companies?.length)!;
    const company = account.companies.find((c) => c.id === owned.associations.companies![0])!;
    expect(byId.get(owned.id)).toMatchObject({
      name: owned.properties.dealname,
      type: 'deal',
      parentId: company.id,
      parentPathOrName: `Companies / ${company.properties.name ?? company.properties.domain}`,
    });
    const orphan = account.deals.find((d) => !d.associations.companies?.length);
    if (orphan) expect(byId.get(orphan.id)).toMatchObject({ parentId: 'deals', parentPathOrName: 'Deals' });
  });

  it("carries times and a link to the record in the account's HubSpot UI domain (with the hub id)", () => {
    const contact = account.contacts[0]!;
    expect(byId.get(contact.id)).toMatchObject({
      creationTime: contact.createdAt,
      lastModifiedTime: contact.updatedAt,
      url: `https://app.hubspot.com/contacts/${account.hubId}/record/0-1/${contact.id}`,
    });
    expect(byId.get('contacts')!.url).toBe(`https://app.hubspot.com/contacts/${account.hubId}/objects/0-1/views/all/list`);
  });

  it("links an EU-hosted account's records to app-eu1.hubspot.com, its UI domain from account-info (Q7)", async () => {
    const who = freshIdentity();
    await connectThroughSandbox(stack, 'hubspot', who, { account: 1 });
    const eu = stack.sandbox.dataset.hubspot[1]!;
    expect(eu.uiDomain).toBe('app-eu1.hubspot.com');
    const stored = await stack.server.stores.connections.get({ ...who, provider: 'hubspot' });
    expect(stored!.metadata).toMatchObject({ hubId: String(eu.hubId), uiDomain: 'app-eu1.hubspot.com' });
    const { items: euItems } = await loadAll(stack.server, 'hubspot', who, { first: 100 });
    const contact = eu.contacts[0]!;
    expect(euItems.find((i) => i.id === contact.id)!.url).toBe(`https://app-eu1.hubspot.com/contacts/${eu.hubId}/record/0-1/${contact.id}`);
    expect(euItems.filter((i) => i.url !== null).every((i) => i.url!.startsWith('https://app-eu1.hubspot.com/'))).toBe(true);
  });

  it('resumes from any edge cursor, not only the end cursor', async () => {
    const who = freshIdentity();
    await connectThroughSandbox(stack, 'hubspot', who);
    const { loadPage } = await import('../../../test/support/load.js');
    const first = await loadPage(stack.server, 'hubspot', who, 10);
    const middle = first.page!.edges[4]!;
    const resumed = await loadPage(stack.server, 'hubspot', who, 3, middle.cursor);
    expect(resumed.page!.edges.map((e) => e.node.id)).toEqual(first.page!.edges.slice(5, 8).map((e) => e.node.id));
  });
});
