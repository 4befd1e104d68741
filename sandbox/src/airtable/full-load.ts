import type { FullLoad } from '../module.js';
import type { AirtableAccount } from './data.js';

/** Bases listed with `permissionLevel: "none"` are not items: their schema answers 403 (Q3). */
const readable = (account: AirtableAccount) => account.bases.filter((b) => b.granted && b.permissionLevel !== 'none');

/** A complete load of an Airtable account: each readable base, then its tables. */
export const airtableFullLoad: FullLoad<AirtableAccount> = {
  dataPath: '/v0/meta/bases',
  itemIds: (account) => readable(account).flatMap((b) => [b.id, ...b.tables.map((t) => t.id)]),
  // The base list, then one schema call per readable base; 50/s per user binds (each base's 5/s never does).
  ceiling: (account) => ({ calls: 1 + readable(account).length, perSecond: 50 }),
};
