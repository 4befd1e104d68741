import { deriveSeed, Prng } from '../shared/prng.js';
import {
  CITIES,
  COMPANY_SUFFIXES,
  COMPANY_WORDS,
  DEAL_STAGES,
  FIRST_NAMES,
  INDUSTRIES,
  JOB_TITLES,
  LAST_NAMES,
  TLDS,
} from '../shared/words.js';

export const CRM_OBJECT_TYPES = ['contacts', 'companies', 'deals'] as const;
export type CrmObjectType = (typeof CRM_OBJECT_TYPES)[number];

export interface CrmRecord {
  id: string;
  /** All values are strings, and unset properties are simply absent (the fact sheet's map string->string). */
  properties: Record<string, string>;
  createdAt: string;
  updatedAt: string;
  associations: Partial<Record<CrmObjectType, string[]>>;
}

export interface HubSpotAccount {
  index: number;
  hubId: number;
  /**
   * Where the account lives: `na1` accounts open at app.hubspot.com, `eu1` ones at
   * app-eu1.hubspot.com (Q7; account-info reference example: `uiDomain: "app-eu1.hubspot.com"`,
   * `dataHostingLocation: "eu1"`). Refresh tokens carry the hublet as their prefix ([H6]).
   */
  hublet: 'na1' | 'eu1';
  uiDomain: string;
  timeZone: string;
  userId: number;
  userEmail: string;
  hubDomain: string;
  name: string;
  contacts: CrmRecord[];
  companies: CrmRecord[];
  deals: CrmRecord[];
}

export interface HubSpotSize {
  contacts: number;
  companies: number;
  deals: number;
  /** Deals of the first company (a key account); the rest spread at random. */
  keyAccountDeals?: number;
}

/** The first account is the big default; the others are small so tenant-isolation tests can tell them apart. */
const SMALL_ACCOUNTS: HubSpotSize[] = [
  { contacts: 25, companies: 5, deals: 8 },
  { contacts: 3, companies: 1, deals: 1 },
];
const ACCOUNT_NAMES = ['Acme Sandbox Corp', 'Globex Sandbox GmbH', 'Tiny Sandbox Shop'];
/** The second account is hosted in HubSpot's EU data centre. */
const EU_ACCOUNTS = [1];

const FROM = Date.UTC(2024, 0, 1);
const TO = Date.UTC(2026, 9, 1);

const slug = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, '');

function stamps(prng: Prng): { createdAt: string; updatedAt: string } {
  const created = FROM + Math.floor(prng.next() * (TO - FROM));
  const updated = created + Math.floor(prng.next() * (TO - created));
  return { createdAt: new Date(created).toISOString(), updatedAt: new Date(updated).toISOString() };
}

function company(prng: Prng, id: string): CrmRecord {
  const { createdAt, updatedAt } = stamps(prng);
  const word = prng.pick(COMPANY_WORDS);
  const domain = `${slug(word)}${prng.int(1, 999)}.${prng.pick(TLDS)}`;
  const props: Record<string, string> = { createdate: createdAt, hs_lastmodifieddate: updatedAt, hs_object_id: id, domain };
  // About one in ten companies is known only by its domain.
  if (!prng.chance(0.1)) {
    props.name = `${word} ${prng.pick(COMPANY_SUFFIXES)}`;
    props.city = prng.pick(CITIES);
    props.industry = prng.pick(INDUSTRIES);
    props.numberofemployees = String(prng.int(1, 5000));
    if (prng.chance(0.6)) props.phone = `+1 555 ${prng.int(100, 999)} ${prng.int(1000, 9999)}`;
  }
  return { id, properties: props, createdAt, updatedAt, associations: {} };
}

function contact(prng: Prng, id: string, companies: CrmRecord[]): CrmRecord {
  const { createdAt, updatedAt } = stamps(prng);
  const props: Record<string, string> = { createdate: createdAt, lastmodifieddate: updatedAt, hs_object_id: id };
  const roll = prng.next();
  const first = prng.pick(FIRST_NAMES);
  const last = prng.pick(LAST_NAMES);
  const employer = companies.length && prng.chance(0.6) ? prng.pick(companies) : undefined;
  const domain = employer?.properties.domain ?? `${prng.pick(['mail', 'inbox', 'post'])}.example.${prng.pick(TLDS)}`;
  const email = `${slug(first)}.${slug(last)}${prng.int(1, 9999)}@${domain}`;
  if (roll < 0.03) {
    // A contact with nothing but system properties: real portals have these (imports, forms gone wrong).
  } else if (roll < 0.13) {
    props.email = email;
  } else {
    props.email = email;
    props.firstname = first;
    props.lastname = last;
    props.lifecyclestage = prng.pick(['subscriber', 'lead', 'marketingqualifiedlead', 'customer']);
    if (prng.chance(0.5)) props.jobtitle = prng.pick(JOB_TITLES);
    if (prng.chance(0.4)) props.city = prng.pick(CITIES);
    if (prng.chance(0.3)) props.phone = `+1 555 ${prng.int(100, 999)} ${prng.int(1000, 9999)}`;
    if (employer?.properties.name) props.company = employer.properties.name;
  }
  const associations: CrmRecord['associations'] = {};
  if (employer) {
    associations.companies = [employer.id];
    (employer.associations.contacts ??= []).push(id);
  }
  return { id, properties: props, createdAt, updatedAt, associations };
}

/** `keyAccount`: null = no key account; true = this deal is the key account's; false = any other company's. */
function deal(prng: Prng, id: string, companies: CrmRecord[], contacts: CrmRecord[], keyAccount: boolean | null): CrmRecord {
  const { createdAt, updatedAt } = stamps(prng);
  const stage = prng.pick(DEAL_STAGES);
  const first = keyAccount === null ? 0 : 1;
  const drawn = companies.length > first && prng.chance(0.9) ? companies[prng.int(first, companies.length - 1)] : undefined;
  const owner = keyAccount ? companies[0] : drawn;
  const props: Record<string, string> = {
    createdate: createdAt,
    hs_lastmodifieddate: updatedAt,
    hs_object_id: id,
    dealname: `${owner?.properties.name ?? owner?.properties.domain ?? 'New'} - ${prng.pick(['Renewal', 'Expansion', 'New business', 'Pilot'])}`,
    dealstage: stage,
    pipeline: 'default',
    amount: String(prng.int(5, 2000) * 50),
  };
  if (stage.startsWith('closed') || prng.chance(0.5))
    props.closedate = new Date(Date.parse(updatedAt) + 86_400_000 * prng.int(0, 90)).toISOString();
  const associations: CrmRecord['associations'] = {};
  if (owner) {
    associations.companies = [owner.id];
    (owner.associations.deals ??= []).push(id);
  }
  const buyers = contacts.length ? prng.int(0, 2) : 0;
  for (let i = 0; i < buyers; i++) {
    const buyer = prng.pick(contacts);
    if (associations.contacts?.includes(buyer.id)) continue;
    (associations.contacts ??= []).push(buyer.id);
    (buyer.associations.deals ??= []).push(id);
  }
  return { id, properties: props, createdAt, updatedAt, associations };
}

function account(seed: number, index: number, size: HubSpotSize): HubSpotAccount {
  const prng = new Prng(deriveSeed(seed, `hubspot:${index}`));
  // Ids grow with creation order, like HubSpot's; disjoint ranges per account and type.
  const base = (index + 1) * 10_000_000_000;
  const companies: CrmRecord[] = [];
  for (let i = 0; i < size.companies; i++) companies.push(company(prng, String(base + 1_000_000_000 + i + 1)));
  const contacts: CrmRecord[] = [];
  for (let i = 0; i < size.contacts; i++) contacts.push(contact(prng, String(base + i + 1), companies));
  const deals: CrmRecord[] = [];
  // Key-account deals are spread over the id range, as a long-standing customer's deals are.
  const key = size.keyAccountDeals ?? 0;
  for (let i = 0; i < size.deals; i++) {
    const keyAccount = key === 0 ? null : Math.floor((i * key) / size.deals) !== Math.floor(((i + 1) * key) / size.deals);
    deals.push(deal(prng, String(base + 2_000_000_000 + i + 1), companies, contacts, keyAccount));
  }
  const name = ACCOUNT_NAMES[index] ?? `Sandbox Account ${index + 1}`;
  const hubDomain = `${slug(name)}.sandbox.example`;
  const eu = EU_ACCOUNTS.includes(index);
  return {
    index,
    hubId: 24_000_001 + index,
    hublet: eu ? 'eu1' : 'na1',
    uiDomain: eu ? 'app-eu1.hubspot.com' : 'app.hubspot.com',
    timeZone: eu ? 'Europe/Berlin' : 'US/Eastern',
    userId: 71_000_001 + index,
    userEmail: `owner${index + 1}@${hubDomain}`,
    hubDomain,
    name,
    contacts,
    companies,
    deals,
  };
}

/** What each of the `extraAccounts` holds: more than one page of contacts. */
const EXTRA_ACCOUNT: HubSpotSize = { contacts: 150, companies: 15, deals: 30 };

/**
 * Only the default account (the first) has a key account; the small ones keep a plain spread.
 * `extraAccounts` more follow them (indexes 3, 4, ...), for benchmarks of many accounts at once.
 */
export function generateHubSpot(seed: number, size: HubSpotSize, extraAccounts = 0): HubSpotAccount[] {
  const sizes = [size, ...SMALL_ACCOUNTS, ...Array.from({ length: extraAccounts }, () => EXTRA_ACCOUNT)];
  return sizes.map((s, i) => account(seed, i, s));
}
