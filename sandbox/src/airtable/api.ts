import { randomBytes } from 'node:crypto';
import type { Router } from '@koa/router';
import type { Context } from 'koa';
import { authenticateBearer } from '../shared/auth.js';
import { bearerToken, readJson } from '../shared/http.js';
import { LockoutLimiter } from '../shared/rate-limit.js';
import type { ProviderRuntime } from '../shared/runtime.js';
import type { AirtableSettings } from './options.js';
import type { Grant } from '../shared/tokens.js';
import type { AirtableAccount, AirtableBase, AirtableRecord, AirtableTable } from './data.js';
import { airtableError, authenticationRequired, invalidToken, modelNotFound, rateLimited } from './errors.js';

export const AIRTABLE_BASES_PAGE_SIZE = 1000;
export const AIRTABLE_MAX_PAGE_SIZE = 100;

/** Offsets look like the real ones ("itr…/<next id>"); the part after the slash is what we resume from. */
const iterator = () => `itr${randomBytes(10).toString('base64url').replace(/[-_]/g, 'x').slice(0, 14)}`;
const offsetTarget = (offset: string) => offset.split('/')[1];

export function airtableApiRoutes(router: Router, runtime: ProviderRuntime<AirtableSettings>, accounts: AirtableAccount[]): void {
  const limit = runtime.options.limits;
  const limiter = limit ? new LockoutLimiter(limit.perSecond, limit.lockoutMs) : undefined;

  /** Auth, then the 5/s limit keyed per base (or per user for the meta endpoints that have no base). */
  const admit = (ctx: Context, limitKey: (account: AirtableAccount) => string): { account: AirtableAccount; grant: Grant } | undefined => {
    runtime.stats.apiRequests++;
    if (!bearerToken(ctx)) return void authenticationRequired(ctx);
    const auth = authenticateBearer(ctx, runtime.store);
    if (auth.status !== 'valid') return void invalidToken(ctx);
    const account = accounts[auth.grant.account];
    if (!account) return void invalidToken(ctx);
    if (limiter && !limiter.hit(limitKey(account)).allowed) return void rateLimited(ctx);
    return { account, grant: auth.grant };
  };

  const hasScope = (grant: Grant, scope: string) => grant.scopes.includes(scope);
  /** Bases whose schema and records the token may read: granted, and a permission level above `none` (Q3). */
  const readableBase = (account: AirtableAccount, baseId: string | undefined): AirtableBase | undefined =>
    account.bases.find((b) => b.id === baseId && b.granted && b.permissionLevel !== 'none');

  router.get('/v0/meta/whoami', (ctx) => {
    const ok = admit(ctx, (a) => `user:${a.userId}`);
    if (!ok) return;
    ctx.body = {
      id: ok.account.userId,
      ...(hasScope(ok.grant, 'user.email:read') ? { email: ok.account.email } : {}),
      scopes: ok.grant.scopes,
    };
  });

  router.get('/v0/meta/bases', (ctx) => {
    const ok = admit(ctx, (a) => `user:${a.userId}`);
    if (!ok) return;
    if (!hasScope(ok.grant, 'schema.bases:read')) return void modelNotFound(ctx);
    const bases = ok.account.bases.filter((b) => b.granted);
    let start = 0;
    if (typeof ctx.query.offset === 'string') {
      start = bases.findIndex((b) => b.id === offsetTarget(ctx.query.offset as string));
      if (start < 0)
        return void airtableError(ctx, 422, 'INVALID_OFFSET_VALUE', 'The offset is invalid or expired; restart from the first page.');
    }
    const page = bases.slice(start, start + AIRTABLE_BASES_PAGE_SIZE);
    const next = bases[start + AIRTABLE_BASES_PAGE_SIZE];
    ctx.body = {
      bases: page.map((b) => ({ id: b.id, name: b.name, permissionLevel: b.permissionLevel })),
      ...(next ? { offset: `${iterator()}/${next.id}` } : {}),
    };
  });

  router.get('/v0/meta/bases/:baseId/tables', (ctx) => {
    const ok = admit(ctx, () => `base:${ctx.params.baseId}`);
    if (!ok) return;
    const base = readableBase(ok.account, ctx.params.baseId);
    if (!base || !hasScope(ok.grant, 'schema.bases:read')) return void modelNotFound(ctx);
    const include = ctx.query['include[]'] ?? ctx.query.include;
    const withVisible = (Array.isArray(include) ? include : [include]).includes('visibleFieldIds');
    ctx.body = {
      tables: base.tables.map((t) => ({
        id: t.id,
        name: t.name,
        ...(t.description ? { description: t.description } : {}),
        primaryFieldId: t.primaryFieldId,
        fields: t.fields,
        views: t.views.map((v) => (withVisible && v.type === 'grid' ? { ...v, visibleFieldIds: t.fields.map((f) => f.id) } : v)),
      })),
    };
  });

  const listRecords = (ctx: Context, baseId: string | undefined, tableRef: string | undefined, params: URLSearchParams) => {
    const ok = admit(ctx, () => `base:${baseId}`);
    if (!ok) return;
    const base = readableBase(ok.account, baseId);
    const table = base?.tables.find((t) => t.id === tableRef || t.name === tableRef);
    if (!base || !table || !hasScope(ok.grant, 'data.records:read')) return void modelNotFound(ctx);
    const pageSizeRaw = params.get('pageSize');
    const pageSize = pageSizeRaw === null ? AIRTABLE_MAX_PAGE_SIZE : Number(pageSizeRaw);
    if (!Number.isInteger(pageSize) || pageSize < 1)
      return void airtableError(
        ctx,
        422,
        'INVALID_REQUEST_UNKNOWN',
        'Invalid request: parameter validation failed. Check your request data.',
      );
    const maxRecords = params.get('maxRecords') === null ? table.records.length : Number(params.get('maxRecords'));
    const records = table.records.slice(0, maxRecords);
    let start = 0;
    const offset = params.get('offset');
    if (offset !== null) {
      start = records.findIndex((r) => r.id === offsetTarget(offset));
      if (start < 0) return void airtableError(ctx, 422, 'LIST_RECORDS_ITERATOR_NOT_AVAILABLE');
    }
    // Above 100 the sandbox clamps to the documented maximum.
    const size = Math.min(pageSize, AIRTABLE_MAX_PAGE_SIZE);
    const page = records.slice(start, start + size);
    const next = records[start + size];
    const fieldFilter = [...params.getAll('fields[]'), ...params.getAll('fields')];
    const byId = params.get('returnFieldsByFieldId') === 'true';
    ctx.body = {
      records: page.map((r) => serializeRecord(table, r, fieldFilter, byId)),
      ...(next ? { offset: `${iterator()}/${next.id}` } : {}),
    };
  };

  router.get('/v0/:baseId/:table', (ctx) => listRecords(ctx, ctx.params.baseId, ctx.params.table, new URLSearchParams(ctx.querystring)));
  router.post('/v0/:baseId/:table/listRecords', async (ctx) => {
    const body = await readJson(ctx);
    const params = new URLSearchParams();
    if (body.ok && body.value && typeof body.value === 'object') {
      for (const [k, v] of Object.entries(body.value as Record<string, unknown>)) {
        if (Array.isArray(v)) for (const item of v) params.append(`${k}[]`, String(item));
        // As a form would send it: a value that is not text goes as its string form.
        // eslint-disable-next-line @typescript-eslint/no-base-to-string -- the simulator stringifies exactly as the browser form would
        else if (v !== undefined && v !== null) params.set(k, String(v));
      }
    }
    listRecords(ctx, ctx.params.baseId, ctx.params.table, params);
  });
}

function serializeRecord(table: AirtableTable, record: AirtableRecord, only: string[], byId: boolean) {
  const fields: Record<string, unknown> = {};
  for (const field of table.fields) {
    if (only.length && !only.includes(field.name) && !only.includes(field.id)) continue;
    const value = record.fields[field.name];
    if (value !== undefined) fields[byId ? field.id : field.name] = value;
  }
  return { id: record.id, createdTime: record.createdTime, fields };
}
