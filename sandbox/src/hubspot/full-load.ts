import type { FullLoad } from '../module.js';
import type { HubSpotAccount } from './data.js';

/** A complete load of a HubSpot account: the three object types, then every record of each. */
export const hubspotFullLoad: FullLoad<HubSpotAccount> = {
  dataPath: '/crm/',
  itemIds: (account) => [
    'contacts',
    'companies',
    'deals',
    ...[...account.contacts, ...account.companies, ...account.deals].map((r) => r.id),
  ],
  ceiling(account) {
    // One batch read per companies page holding a company whose deals (listed twice each) pass the 100 inline entries (Q5).
    const cutPages = new Set(
      account.companies.flatMap((c, i) => ((c.associations.deals?.length ?? 0) * 2 > 100 ? [Math.floor(i / 100)] : [])),
    );
    const lists = [account.contacts, account.companies, account.deals];
    // 110 calls per 10 s per account, steadily 11/s.
    return { calls: lists.reduce((n, list) => n + Math.ceil(list.length / 100), 0) + cutPages.size, perSecond: 11 };
  },
};
