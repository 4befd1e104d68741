import type { Router } from '@koa/router';
import type { Context } from 'koa';
import { authenticateBearer } from '../shared/auth.js';
import { SlidingWindowLimiter } from '../shared/rate-limit.js';
import type { ProviderRuntime } from '../shared/runtime.js';
import { CRM_OBJECT_TYPES, type CrmObjectType, type CrmRecord, type HubSpotAccount } from './data.js';
import { expiredAuthentication, hubspotError, invalidAuthentication, rateLimited } from './errors.js';
import { HUBSPOT_APP_ID } from './introspect.js';

const TYPE_IDS: Record<string, CrmObjectType> = { '0-1': 'contacts', '0-2': 'companies', '0-3': 'deals' };
const SINGULAR: Record<CrmObjectType, string> = { contacts: 'contact', companies: 'company', deals: 'deal' };

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

const csv = (raw: string | undefined) => (raw ?? '').split(',').map((s) => s.trim()).filter(Boolean);

function serialize(type: CrmObjectType, record: CrmRecord, properties: string[] | undefined, associations: CrmObjectType[]) {
  const names = properties ? [...new Set([...ALWAYS[type], ...properties])] : DEFAULTS[type];
  const props: Record<string, string> = {};
  for (const name of names) {
    const value = record.properties[name];
    if (value !== undefined) props[name] = value;
  }
  const out: Record<string, unknown> = { id: record.id, properties: props, createdAt: record.createdAt, updatedAt: record.updatedAt, archived: false };
  const linked: Record<string, unknown> = {};
  for (const other of associations) {
    const ids = record.associations[other];
    if (ids?.length) linked[other] = { results: ids.map((id) => ({ id, type: `${SINGULAR[type]}_to_${SINGULAR[other]}` })) };
  }
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

export function hubspotCrmRoutes(router: Router, runtime: ProviderRuntime, accounts: HubSpotAccount[]): void {
  const limit = runtime.options.limits.hubspot;
  const limiter = limit ? new SlidingWindowLimiter(limit.max, limit.intervalMs) : undefined;

  /** Auth, per-account rolling limit and scope check; answers the request itself when it fails. */
  const admit = (ctx: Context, type: CrmObjectType): HubSpotAccount | undefined => {
    runtime.stats.apiRequests++;
    const auth = authenticateBearer(ctx, runtime.store);
    if (auth.status === 'invalid') return void invalidAuthentication(ctx);
    if (auth.status === 'expired') return void expiredAuthentication(ctx, auth.access.expiresAt ?? Date.now());
    const account = accounts[auth.grant.account];
    if (!account) return void invalidAuthentication(ctx);
    if (limiter && limit) {
      const decision = limiter.hit(String(account.hubId));
      ctx.set('X-HubSpot-RateLimit-Interval-Milliseconds', String(limit.intervalMs));
      ctx.set('X-HubSpot-RateLimit-Max', String(limit.max));
      ctx.set('X-HubSpot-RateLimit-Remaining', String(decision.remaining));
      if (!decision.allowed) return void rateLimited(ctx, HUBSPOT_APP_ID, account.hubId);
    }
    const needed = [`crm.objects.${type}.read`, `crm.objects.${type}.write`];
    if (!auth.grant.scopes.some((s) => needed.includes(s))) {
      return void hubspotError(ctx, 403, 'MISSING_SCOPES', "This app hasn't been granted all required scopes to make this call. Read more about required scopes here: https://developers.hubspot.com/scopes.", {
        errors: [{ message: 'One or more of the following scopes are required.', context: { requiredGranularScopes: needed } }],
        links: { scopes: 'https://developers.hubspot.com/scopes' },
      });
    }
    return account;
  };

  const objectType = (ctx: Context, raw: string | undefined): CrmObjectType | undefined => {
    const type = TYPE_IDS[raw ?? ''] ?? CRM_OBJECT_TYPES.find((t) => t === raw);
    if (!type) hubspotError(ctx, 404, 'OBJECT_NOT_FOUND', `Unable to infer object type from: ${raw}`);
    return type;
  };

  const list = (ctx: Context, rawType: string | undefined) => {
    const type = objectType(ctx, rawType);
    const account = type && admit(ctx, type);
    if (!type || !account) return;
    const q = ctx.query;
    const limitParam = typeof q.limit === 'string' ? Number(q.limit) : 10;
    const afterParam = typeof q.after === 'string' ? q.after : undefined;
    if (!Number.isInteger(limitParam) || limitParam < 1) return hubspotError(ctx, 400, 'VALIDATION_ERROR', `Invalid limit: ${String(q.limit)}`);
    if (afterParam !== undefined && !/^\d+$/.test(afterParam)) return hubspotError(ctx, 400, 'VALIDATION_ERROR', `Invalid after: ${afterParam}`);
    // Above the documented maximum the sandbox clamps (real behaviour UNCONFIRMED).
    const pageSize = Math.min(limitParam, HUBSPOT_MAX_LIMIT);
    const properties = typeof q.properties === 'string' ? csv(q.properties) : undefined;
    const associations = csv(typeof q.associations === 'string' ? q.associations : undefined)
      .map((a) => TYPE_IDS[a] ?? CRM_OBJECT_TYPES.find((t) => t === a))
      .filter((a): a is CrmObjectType => a !== undefined && a !== type);
    const records = q.archived === 'true' ? [] : account[type];
    const start = afterParam === undefined ? 0 : startIndex(records, Number(afterParam));
    const page = records.slice(start, start + pageSize);
    const next = records[start + pageSize];
    const body: Record<string, unknown> = { results: page.map((r) => serialize(type, r, properties, associations)) };
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
    const account = type && admit(ctx, type);
    if (!type || !account) return;
    const record = account[type].find((r) => r.id === id);
    if (!record) return hubspotError(ctx, 404, 'OBJECT_NOT_FOUND', `Object not found. objectId are usually numeric.`);
    const properties = typeof ctx.query.properties === 'string' ? csv(ctx.query.properties) : undefined;
    const associations = csv(typeof ctx.query.associations === 'string' ? ctx.query.associations : undefined).filter(
      (a): a is CrmObjectType => CRM_OBJECT_TYPES.some((t) => t === a),
    );
    ctx.body = serialize(type, record, properties, associations);
  };

  router.get('/crm/v3/objects/:type', (ctx) => list(ctx, ctx.params.type));
  router.get('/crm/objects/:version/:type', (ctx) => list(ctx, ctx.params.type));
  router.get('/crm/v3/objects/:type/:id', (ctx) => one(ctx, ctx.params.type, ctx.params.id));
}
