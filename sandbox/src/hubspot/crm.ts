import type { Router } from '@koa/router';
import type { Context } from 'koa';
import { type HubSpotAdmit, objectTypeOf, readScopes, unknownObjectType } from './admit.js';
import { inlineAssociations } from './associations.js';
import type { CrmObjectType, CrmRecord } from './data.js';
import { hubspotError } from './errors.js';

/** Returned with every record whatever `properties` asks for (as in the fact sheet example). */
const ALWAYS: Record<CrmObjectType, string[]> = {
  contacts: ['createdate', 'hs_object_id', 'lastmodifieddate'],
  companies: ['createdate', 'hs_lastmodifieddate', 'hs_object_id'],
  deals: ['createdate', 'hs_lastmodifieddate', 'hs_object_id'],
};
/** Default property sets when `properties` is absent (UNCONFIRMED in the fact sheet; the common lists). */
const DEFAULTS: Record<CrmObjectType, string[]> = {
  contacts: ['createdate', 'email', 'firstname', 'hs_object_id', 'lastmodifieddate', 'lastname'],
  companies: ['createdate', 'domain', 'hs_lastmodifieddate', 'hs_object_id', 'name'],
  deals: ['amount', 'closedate', 'createdate', 'dealname', 'dealstage', 'hs_lastmodifieddate', 'hs_object_id', 'pipeline'],
};

export const HUBSPOT_MAX_LIMIT = 100;

const csv = (raw: string | undefined) =>
  (raw ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

function serialize(
  origin: string,
  type: CrmObjectType,
  record: CrmRecord,
  properties: string[] | undefined,
  associations: CrmObjectType[],
) {
  const names = properties ? [...new Set([...ALWAYS[type], ...properties])] : DEFAULTS[type];
  const props: Record<string, string> = {};
  for (const name of names) {
    const value = record.properties[name];
    if (value !== undefined) props[name] = value;
  }
  const out: Record<string, unknown> = {
    id: record.id,
    properties: props,
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
    archived: false,
  };
  const linked: Record<string, unknown> = {};
  // Each id once per association type, 100 entries at most, then paging (associations.ts, Q4, Q5).
  for (const other of associations) if (record.associations[other]?.length) linked[other] = inlineAssociations(origin, type, record, other);
  if (Object.keys(linked).length) out.associations = linked;
  return out;
}

/** First index whose numeric id is >= after; `after` is documented as the next record's id. */
function startIndex(records: CrmRecord[], after: number): number {
  let lo = 0;
  let hi = records.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (Number(records[mid]?.id) < after) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export function hubspotCrmRoutes(router: Router, admit: HubSpotAdmit): void {
  const objectType = (ctx: Context, raw: string | undefined): CrmObjectType | undefined => {
    const type = objectTypeOf(raw);
    if (!type) unknownObjectType(ctx, raw);
    return type;
  };
  const origin = (ctx: Context) => `${ctx.protocol}://${ctx.host}`;

  const list = (ctx: Context, rawType: string | undefined) => {
    const type = objectType(ctx, rawType);
    const account = type && admit(ctx, readScopes(type));
    if (!type || !account) return;
    const q = ctx.query;
    const limitParam = typeof q.limit === 'string' ? Number(q.limit) : 10;
    const afterParam = typeof q.after === 'string' ? q.after : undefined;
    if (!Number.isInteger(limitParam) || limitParam < 1)
      return void hubspotError(ctx, 400, 'VALIDATION_ERROR', `Invalid limit: ${String(q.limit)}`);
    if (afterParam !== undefined && !/^\d+$/.test(afterParam))
      return void hubspotError(ctx, 400, 'VALIDATION_ERROR', `Invalid after: ${afterParam}`);
    // Above the documented maximum the sandbox clamps (real behaviour UNCONFIRMED).
    const pageSize = Math.min(limitParam, HUBSPOT_MAX_LIMIT);
    const properties = typeof q.properties === 'string' ? csv(q.properties) : undefined;
    const associations = csv(typeof q.associations === 'string' ? q.associations : undefined)
      .map(objectTypeOf)
      .filter((a): a is CrmObjectType => a !== undefined && a !== type);
    const records = q.archived === 'true' ? [] : account[type];
    const start = afterParam === undefined ? 0 : startIndex(records, Number(afterParam));
    const page = records.slice(start, start + pageSize);
    const next = records[start + pageSize];
    const body: Record<string, unknown> = { results: page.map((r) => serialize(origin(ctx), type, r, properties, associations)) };
    if (next) {
      const link = new URL(`${ctx.protocol}://${ctx.host}${ctx.path}`);
      for (const [k, v] of new URLSearchParams(ctx.querystring)) if (k !== 'after') link.searchParams.append(k, v);
      link.searchParams.set('after', next.id);
      body.paging = { next: { after: next.id, link: link.toString() } };
    }
    ctx.body = body;
  };

  const one = (ctx: Context, rawType: string | undefined, id: string | undefined) => {
    const type = objectType(ctx, rawType);
    const account = type && admit(ctx, readScopes(type));
    if (!type || !account) return;
    const record = account[type].find((r) => r.id === id);
    if (!record) return void hubspotError(ctx, 404, 'OBJECT_NOT_FOUND', `Object not found. objectId are usually numeric.`);
    const properties = typeof ctx.query.properties === 'string' ? csv(ctx.query.properties) : undefined;
    const associations = csv(typeof ctx.query.associations === 'string' ? ctx.query.associations : undefined)
      .map(objectTypeOf)
      .filter((a): a is CrmObjectType => a !== undefined && a !== type);
    ctx.body = serialize(origin(ctx), type, record, properties, associations);
  };

  router.get('/crm/v3/objects/:type', (ctx) => list(ctx, ctx.params.type));
  router.get('/crm/objects/:version/:type', (ctx) => list(ctx, ctx.params.type));
  router.get('/crm/v3/objects/:type/:id', (ctx) => one(ctx, ctx.params.type, ctx.params.id));
}
