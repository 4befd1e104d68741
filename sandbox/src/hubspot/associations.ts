import type { Router } from '@koa/router';
import type { Context } from 'koa';
import { z } from 'zod';
import { readJson } from '../shared/http.js';
import { type HubSpotAdmit, objectTypeOf, readScopes, unknownObjectType } from './admit.js';
import type { CrmObjectType, CrmRecord, HubSpotAccount } from './data.js';
import { hubspotError } from './errors.js';

/**
 * Associations as HubSpot returns them (fact sheet Q4, Q5).
 *
 * Every association has the unlabeled type; a record's *primary* company is listed a second time
 * under the primary type ("When a record has a primary association ... those types will be listed
 * alongside the unlabeled association type", developers.hubspot.com/docs/api/crm/associations).
 * A v3 list therefore names each such id twice (`deal_to_company`, `deal_to_company_unlabeled`:
 * HubSpot/hubspot-api-ruby#262, airbytehq/airbyte#30292). The v4 API groups them per target.
 *
 * Paging: a v3 record carries at most 100 association entries per type, then
 * `paging.next.{after, link}` ("if your request returns more than 100 associations, you will need
 * to use the value of the after field", HubSpot changelog "Announcing a change to how v3 CRM APIs
 * return association data"). v4: `GET /crm/v4/objects/{from}/{id}/associations/{to}` (limit
 * default and maximum 500) and `POST /crm/v4/associations/{from}/{to}/batch/read` (at most 1000
 * inputs, changelog "Bug fix: batch read limit"; `after` per input). Shapes: HubSpot's v4 spec
 * (HubSpot-public-api-spec-collection, CRM/Associations/Rollouts/130902/v4/associations.json):
 * `toObjectId` is a string there and in the SDK's `MultiAssociatedObjectWithLabel`.
 */
export const V3_INLINE_CAP = 100;
export const V4_PAGE_MAX = 500;
export const V4_BATCH_MAX_INPUTS = 1000;

const SINGULAR: Record<CrmObjectType, string> = { contacts: 'contact', companies: 'company', deals: 'deal' };

/** HubSpot-defined type ids (v4 associations guide): [primary, unlabeled]; no primary between deals and contacts. */
const TYPE_IDS: Partial<Record<`${CrmObjectType}>${CrmObjectType}`, { primary?: number; unlabeled: number }>> = {
  'contacts>companies': { primary: 1, unlabeled: 279 },
  'companies>contacts': { primary: 2, unlabeled: 280 },
  'deals>companies': { primary: 5, unlabeled: 341 },
  'companies>deals': { primary: 6, unlabeled: 342 },
  'deals>contacts': { unlabeled: 3 },
  'contacts>deals': { unlabeled: 4 },
};

/** One association type of a pair, in v3's naming and v4's spec. */
interface AssociationKind {
  v3: string;
  typeId: number;
  /** Labels are not to be relied on (changelog "Changes to primary labels"); unlabeled is null by the docs. */
  label: string | null;
}

function kindsOf(from: CrmObjectType, to: CrmObjectType): AssociationKind[] {
  const ids = TYPE_IDS[`${from}>${to}`];
  if (!ids) return [];
  const name = `${SINGULAR[from]}_to_${SINGULAR[to]}`;
  // Every id we hold toward a company is that record's primary company (each contact and deal has one).
  if (ids.primary === undefined) return [{ v3: name, typeId: ids.unlabeled, label: null }];
  return [
    { v3: name, typeId: ids.primary, label: 'Primary' },
    { v3: `${name}_unlabeled`, typeId: ids.unlabeled, label: null },
  ];
}

const targets = (record: CrmRecord, to: CrmObjectType) => record.associations[to] ?? [];

/** v3 entries in HubSpot's order: each associated id once per association type. */
export function v3Entries(from: CrmObjectType, record: CrmRecord, to: CrmObjectType): Array<{ id: string; type: string }> {
  const kinds = kindsOf(from, to);
  return targets(record, to).flatMap((id) => kinds.map((kind) => ({ id, type: kind.v3 })));
}

/** Opaque paging tokens, base64 like HubSpot's (`MC0yLTE1OTc0MDA2NTg=`); the sandbox's hold an offset. */
const token = (offset: number) => Buffer.from(`sandbox-${offset}`).toString('base64url');
export function offsetOf(after: string | undefined): number | null {
  if (after === undefined) return 0;
  const match = /^sandbox-(\d+)$/.exec(Buffer.from(after, 'base64url').toString('utf8'));
  return match ? Number(match[1]) : null;
}

/** The `associations.<type>` value of one v3 record: at most 100 entries, then paging. */
export function inlineAssociations(
  origin: string,
  from: CrmObjectType,
  record: CrmRecord,
  to: CrmObjectType,
  offset = 0,
  cap = V3_INLINE_CAP,
) {
  const entries = v3Entries(from, record, to);
  const results = entries.slice(offset, offset + cap);
  if (offset + cap >= entries.length) return { results };
  const after = token(offset + cap);
  // "The link field will provide the next paginated request URL for that object" (changelog).
  const link = `${origin}/crm/v3/objects/${from}/${record.id}/associations/${to}?after=${after}`;
  return { results, paging: { next: { after, link } } };
}

function v4Targets(from: CrmObjectType, record: CrmRecord, to: CrmObjectType) {
  const kinds = kindsOf(from, to);
  return targets(record, to).map((id) => ({
    toObjectId: id,
    associationTypes: kinds.map((kind) => ({ category: 'HUBSPOT_DEFINED', typeId: kind.typeId, label: kind.label })),
  }));
}

/** One page of v4 targets from `offset`; `paging.next` while more remain. */
function v4Page(origin: string, from: CrmObjectType, record: CrmRecord, to: CrmObjectType, offset: number, limit: number) {
  const all = v4Targets(from, record, to);
  const results = all.slice(offset, offset + limit);
  if (offset + limit >= all.length) return { results };
  const after = token(offset + limit);
  return { results, paging: { next: { after, link: `${origin}/crm/v4/objects/${from}/${record.id}/associations/${to}?after=${after}` } } };
}

const batchBody = z.object({ inputs: z.array(z.object({ id: z.string(), after: z.string().optional() })) });

const originOf = (ctx: Context) => `${ctx.protocol}://${ctx.host}`;
const find = (account: HubSpotAccount, type: CrmObjectType, id: string | undefined) => account[type].find((r) => r.id === id);

export function hubspotAssociationRoutes(router: Router, admit: HubSpotAdmit): void {
  /** Both types known and the caller may read the source type; answers the request itself otherwise. */
  const pair = (ctx: Context, rawFrom: string | undefined, rawTo: string | undefined) => {
    const from = objectTypeOf(rawFrom);
    const to = objectTypeOf(rawTo);
    if (!from) return void unknownObjectType(ctx, rawFrom);
    if (!to) return void unknownObjectType(ctx, rawTo);
    const account = admit(ctx, readScopes(from));
    return account ? { from, to, account } : undefined;
  };

  const limitOf = (ctx: Context, fallback: number) => {
    const raw = typeof ctx.query.limit === 'string' ? Number(ctx.query.limit) : fallback;
    return Number.isInteger(raw) && raw >= 1 ? Math.min(raw, V4_PAGE_MAX) : undefined;
  };

  // The v3 per-record list the inline `paging.next.link` points at: 100 entries per page.
  router.get('/crm/v3/objects/:type/:id/associations/:toType', (ctx) => {
    const ok = pair(ctx, ctx.params.type, ctx.params.toType);
    if (!ok) return;
    const record = find(ok.account, ok.from, ctx.params.id);
    if (!record) return void hubspotError(ctx, 404, 'OBJECT_NOT_FOUND', 'Object not found. objectId are usually numeric.');
    const offset = offsetOf(typeof ctx.query.after === 'string' ? ctx.query.after : undefined);
    if (offset === null) return void hubspotError(ctx, 400, 'VALIDATION_ERROR', 'Invalid after');
    ctx.body = inlineAssociations(originOf(ctx), ok.from, record, ok.to, offset);
  });

  router.get('/crm/v4/objects/:type/:id/associations/:toType', (ctx) => {
    const ok = pair(ctx, ctx.params.type, ctx.params.toType);
    if (!ok) return;
    const limit = limitOf(ctx, V4_PAGE_MAX);
    if (limit === undefined) return void hubspotError(ctx, 400, 'VALIDATION_ERROR', `Invalid limit: ${String(ctx.query.limit)}`);
    const offset = offsetOf(typeof ctx.query.after === 'string' ? ctx.query.after : undefined);
    if (offset === null) return void hubspotError(ctx, 400, 'VALIDATION_ERROR', 'Invalid after');
    const record = find(ok.account, ok.from, ctx.params.id);
    // An unknown record simply has no associations here (UNCONFIRMED: HubSpot may answer 404).
    ctx.body = record ? v4Page(originOf(ctx), ok.from, record, ok.to, offset, limit) : { results: [] };
  });

  router.post('/crm/v4/associations/:fromType/:toType/batch/read', async (ctx) => {
    const ok = pair(ctx, ctx.params.fromType, ctx.params.toType);
    if (!ok) return;
    const raw = await readJson(ctx);
    const parsed = raw.ok ? batchBody.safeParse(raw.value) : undefined;
    if (!parsed?.success)
      return void hubspotError(ctx, 400, 'VALIDATION_ERROR', 'Invalid input JSON on line 1: expected {"inputs": [{"id": "..."}]}');
    const { inputs } = parsed.data;
    if (inputs.length > V4_BATCH_MAX_INPUTS)
      return void hubspotError(ctx, 400, 'VALIDATION_ERROR', `Batch read may not exceed ${V4_BATCH_MAX_INPUTS} inputs`);
    const startedAt = new Date().toISOString();
    const results: unknown[] = [];
    const missing: string[] = [];
    for (const input of inputs) {
      const record = find(ok.account, ok.from, input.id);
      const offset = offsetOf(input.after);
      if (!record || offset === null) {
        missing.push(input.id);
        continue;
      }
      // Per input, the same page size as the single-record list (UNCONFIRMED for batch read).
      const page = v4Page(originOf(ctx), ok.from, record, ok.to, offset, V4_PAGE_MAX);
      results.push({ from: { id: record.id }, to: page.results, ...(page.paging ? { paging: page.paging } : {}) });
    }
    const body = { status: 'COMPLETE', results, startedAt, completedAt: new Date().toISOString() };
    if (missing.length === 0) {
      ctx.body = body;
      return;
    }
    // Some inputs failed: 207 with the errors (the spec's BatchResponse…WithErrors).
    ctx.status = 207;
    ctx.body = {
      ...body,
      numErrors: missing.length,
      errors: [
        {
          status: 'error',
          category: 'OBJECT_NOT_FOUND',
          message: 'No associations found for these ids',
          context: { ids: missing },
          links: {},
          errors: [],
        },
      ],
    };
  });
}
