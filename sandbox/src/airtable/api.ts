import { randomBytes } from 'node:crypto';
import type { Router } from '@koa/router';
import type { Access } from './access.js';
import { fieldSchema } from './cells.js';
import { airtableError, modelNotFound } from './errors.js';

export const AIRTABLE_BASES_PAGE_SIZE = 1000;

/** Offsets look like the real ones ("itr…/<next id>"); the part after the slash is what we resume from. */
const iterator = () => `itr${randomBytes(10).toString('base64url').replace(/[-_]/g, 'x').slice(0, 14)}`;
const offsetTarget = (offset: string) => offset.split('/')[1];

/** The metadata API: who am I, the bases, a base's schema (fact sheet 2.2). */
export function airtableMetaRoutes(router: Router, access: Access): void {
  router.get('/v0/meta/whoami', (ctx) => {
    const ok = access.admit(ctx, (a) => `user:${a.userId}`);
    if (!ok) return;
    ctx.body = {
      id: ok.account.userId,
      ...(access.hasScope(ok.grant, 'user.email:read') ? { email: ok.account.email } : {}),
      scopes: ok.grant.scopes,
    };
  });

  router.get('/v0/meta/bases', (ctx) => {
    const ok = access.admit(ctx, (a) => `user:${a.userId}`);
    if (!ok) return;
    if (!access.hasScope(ok.grant, 'schema.bases:read')) return void modelNotFound(ctx);
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
    const ok = access.admit(ctx, () => `base:${ctx.params.baseId}`);
    if (!ok) return;
    const base = access.readableBase(ok.account, ctx.params.baseId);
    if (!base || !access.hasScope(ok.grant, 'schema.bases:read')) return void modelNotFound(ctx);
    const include = ctx.query['include[]'] ?? ctx.query.include;
    const withVisible = (Array.isArray(include) ? include : [include]).includes('visibleFieldIds');
    ctx.body = {
      tables: base.tables.map((t) => ({
        id: t.id,
        name: t.name,
        ...(t.description ? { description: t.description } : {}),
        primaryFieldId: t.primaryFieldId,
        fields: t.fields.map(fieldSchema),
        views: t.views.map((v) => (withVisible && v.type === 'grid' ? { ...v, visibleFieldIds: t.fields.map((f) => f.id) } : v)),
      })),
    };
  });
}
