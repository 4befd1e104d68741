import { z } from 'zod';
import type { LimitRule } from '../calls.js';
import {
  item,
  isoTime,
  positionOf,
  sliceFrom,
  StaleCursorError,
  type Item,
  type ItemSource,
  type Position,
  type SourceContext,
  type Step,
} from '../item-source.js';
import { associatedIds, inlineAssociations, isCut, primaryId, readAllAssociations } from './associations.js';
import { accountLimit } from './limits.js';

/**
 * HubSpot data (fact sheet §1.2-1.3): contacts, companies and deals through the CRM v3 list
 * endpoints, 100 per call, `paging.next.after` to the end. One directory item per object type
 * comes first, then each type in turn (contacts, companies, deals).
 *
 * Parents within O(page) memory: a deal's company comes from `associations=companies` on the
 * deal list itself (no extra call; its primary company where it names one). Its name is needed
 * for the readable path; companies are loaded before deals in the same run, so each companies
 * page records `id -> name` in the run's scratch space (the store, with the run's TTL) and a deals
 * page reads back at most 100 names. Cost: one small key per company in Redis for the run's
 * lifetime and nothing in server memory. A company missing there (created mid-run) is named by
 * its id. A company's deals come inline too, completed through v4 where HubSpot cut the list
 * (associations.ts).
 *
 * Links open the record in the account's own UI domain (`app-eu1.hubspot.com` for EU-hosted
 * accounts, read at connect; Q7). The rate limit is the configured per-account budget
 * (settings.ts); a 429 is read as the official SDK reads it (`hubspotRateLimited`, limits.ts).
 */

// --- Endpoints -------------------------------------------------------------------------------

const LIMIT_PER_CALL = 100;

interface ObjectType {
  path: 'contacts' | 'companies' | 'deals';
  kind: string;
  label: string;
  /** HubSpot's object type id, used in app URLs. */
  typeId: string;
  properties: string[];
  associations?: 'companies' | 'deals';
}

const OBJECT_TYPES: ObjectType[] = [
  { path: 'contacts', kind: 'contact', label: 'Contacts', typeId: '0-1', properties: ['firstname', 'lastname', 'email'] },
  { path: 'companies', kind: 'company', label: 'Companies', typeId: '0-2', properties: ['name', 'domain'], associations: 'deals' },
  { path: 'deals', kind: 'deal', label: 'Deals', typeId: '0-3', properties: ['dealname'], associations: 'companies' },
];

const crmRecord = z.object({
  id: z.string().min(1),
  properties: z.record(z.string(), z.string().nullable()).default({}),
  createdAt: z.string().nullish(),
  updatedAt: z.string().nullish(),
  associations: z.record(z.string(), inlineAssociations).optional(),
});
type CrmRecord = z.infer<typeof crmRecord>;

const listResponse = z.object({
  results: z.array(crmRecord),
  paging: z.object({ next: z.object({ after: z.string().min(1) }).optional() }).optional(),
});

/** [stage, after, skip]: stage 0 = the directory items, 1..3 = OBJECT_TYPES; `skip` items of that call already returned. */
const positionSchema = z.tuple([z.number().int().min(0).max(OBJECT_TYPES.length), z.string().nullable(), z.number().int().min(0)]);
type HubSpotPosition = z.infer<typeof positionSchema>;

/** Company names recorded by companies pages, read back by deals pages (scratch space). */
const companyKey = (id: string) => `company:${id}`;
const companyName = z.string();

// --- Fetch -----------------------------------------------------------------------------------

export const hubspotItems: ItemSource = {
  start: [0, null, 0],
  async read(raw, want, context) {
    const position = positionOf(positionSchema, raw);
    if (position[0] === 0) {
      const slice = sliceFrom(directories(context), position[2], want, (n) => [0, null, n], [1, null, 0]);
      return { items: slice.emit((directory) => directory), next: slice.next };
    }
    return readObjects(position, want, context);
  },
};

async function readObjects([stage, after, skip]: HubSpotPosition, want: number, context: SourceContext): Promise<Step> {
  const type = OBJECT_TYPES[stage - 1];
  if (!type) throw new StaleCursorError('The cursor does not belong to this provider.');
  const url = new URL(`${context.endpoints.apiUrl}/crm/v3/objects/${type.path}`);
  url.searchParams.set('limit', String(Math.min(LIMIT_PER_CALL, skip + want)));
  url.searchParams.set('properties', type.properties.join(','));
  if (type.associations) url.searchParams.set('associations', type.associations);
  if (after) url.searchParams.set('after', after);
  const limits: LimitRule[] = [accountLimit(context.connection.account.id, context.endpoints)];
  const page = await context.client.json(listResponse, { url: url.toString(), limits });

  const afterCall: Position | null = page.paging?.next
    ? [stage, page.paging.next.after, 0]
    : stage < OBJECT_TYPES.length
      ? [stage + 1, null, 0]
      : null;
  const slice = sliceFrom(page.results, skip, want, (n) => [stage, after, n], afterCall);
  const related: Related = { companyNames: new Map(), dealsOf: new Map() };
  if (type.path === 'companies') {
    await context.scratch.setMany(page.results.map((r) => [companyKey(r.id), recordName(type, r)] as const));
    const cut = slice.entries.filter((r) => isCut(r.associations?.deals)).map((r) => r.id);
    if (cut.length > 0) related.dealsOf = await readAllAssociations('companies', 'deals', cut, context, limits);
  } else if (type.path === 'deals') {
    const ids = slice.entries.flatMap((r) => primaryId(r.associations?.companies) ?? []);
    const found = await context.scratch.getMany(ids.map(companyKey), companyName);
    related.companyNames = new Map([...found].map(([key, name]) => [key.slice(companyKey('').length), name]));
  }
  return { items: slice.emit((record) => toIntegrationItem(type, record, context, related)), next: slice.next };
}

// --- Map -------------------------------------------------------------------------------------

interface Related {
  companyNames: Map<string, string>;
  /** Complete deal lists of the companies whose inline list HubSpot cut. */
  dealsOf: Map<string, string[]>;
}

const text = (value: string | null | undefined) => value?.trim() || undefined;

function recordName(type: ObjectType, record: CrmRecord): string {
  const p = record.properties;
  switch (type.path) {
    case 'contacts':
      return [text(p.firstname), text(p.lastname)].filter(Boolean).join(' ') || text(p.email) || `Contact ${record.id}`;
    case 'companies':
      return text(p.name) ?? text(p.domain) ?? `Company ${record.id}`;
    case 'deals':
      return text(p.dealname) ?? `Deal ${record.id}`;
  }
}

/** Where the account's app opens: its UI domain from account-info, else the configured authorize host. */
function appOrigin(context: SourceContext): string {
  const uiDomain = context.connection.metadata.uiDomain;
  return uiDomain ? `https://${uiDomain}` : context.endpoints.authUrl;
}

function directories(context: SourceContext): Item[] {
  const hubId = context.connection.metadata.hubId;
  return OBJECT_TYPES.map((type) =>
    item({
      id: type.path,
      type: 'directory',
      name: type.label,
      directory: true,
      url: hubId ? `${appOrigin(context)}/contacts/${hubId}/objects/${type.typeId}/views/all/list` : null,
    }),
  );
}

function toIntegrationItem(type: ObjectType, record: CrmRecord, context: SourceContext, related: Related): Item {
  const hubId = context.connection.metadata.hubId;
  const base = {
    id: record.id,
    type: type.kind,
    name: recordName(type, record),
    creationTime: isoTime(record.createdAt),
    lastModifiedTime: isoTime(record.updatedAt),
    url: hubId ? `${appOrigin(context)}/contacts/${hubId}/record/${type.typeId}/${record.id}` : null,
  };
  if (type.path === 'companies') {
    const deals = related.dealsOf.get(record.id) ?? associatedIds(record.associations?.deals);
    return item({ ...base, directory: deals.length > 0, children: deals, parentId: 'companies', parentPathOrName: 'Companies' });
  }
  if (type.path === 'deals') {
    const company = primaryId(record.associations?.companies);
    if (company) {
      const name = related.companyNames.get(company) ?? `Company ${company}`;
      return item({ ...base, directory: false, parentId: company, parentPathOrName: `Companies / ${name}` });
    }
  }
  return item({ ...base, directory: false, parentId: type.path, parentPathOrName: type.label });
}
