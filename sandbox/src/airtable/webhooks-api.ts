import type { Router } from '@koa/router';
import type { Context } from 'koa';
import { z } from 'zod';
import { readJson } from '../shared/http.js';
import type { Grant } from '../shared/tokens.js';
import type { Access, Admitted } from './access.js';
import { airtableError, modelNotFound } from './errors.js';
import type { AirtableBase } from './model.js';
import type { AirtableState } from './state.js';
import { type DataType, SOURCES, type Webhook } from './webhook-model.js';
import { MAX_PAYLOADS_PER_PAGE } from './webhook-store.js';

/**
 * The webhooks API (webhooks overview; create-a-webhook, list-webhooks, delete-a-webhook,
 * refresh-a-webhook, enable-disable-webhook-notifications, list-webhook-payloads references):
 * `webhook:manage` always, plus `data.records:read` for `tableData` and `schema.bases:read` for
 * `tableFields`/`tableMetadata` to create one or list its payloads; base creators only for create,
 * refresh and delete; an OAuth integration sees only its own webhooks; 10 per base, 2 per integration.
 */

export const MAX_WEBHOOKS_PER_BASE = 10;
export const MAX_WEBHOOKS_PER_INTEGRATION = 2;

const specification = z.object({
  options: z.object({
    filters: z.object({
      dataTypes: z.array(z.enum(['tableData', 'tableFields', 'tableMetadata'])).min(1),
      recordChangeScope: z.string().optional(),
      changeTypes: z.array(z.enum(['add', 'remove', 'update'])).optional(),
      fromSources: z.array(z.enum(SOURCES)).optional(),
      sourceOptions: z.record(z.string(), z.unknown()).optional(),
      watchDataInFieldIds: z.array(z.string()).optional(),
      watchSchemasOfFieldIds: z.array(z.string()).optional(),
    }),
    includes: z
      .object({
        includeCellValuesInFieldIds: z.union([z.literal('all'), z.array(z.string())]).optional(),
        includePreviousCellValues: z.boolean().optional(),
        includePreviousFieldDefinitions: z.boolean().optional(),
      })
      .optional(),
  }),
});
const createBody = z.object({ notificationUrl: z.url().nullable().optional(), specification });

const SCOPE_OF: Record<DataType, string> = {
  tableData: 'data.records:read',
  tableFields: 'schema.bases:read',
  tableMetadata: 'schema.bases:read',
};
const invalidRequest = (ctx: Context, message = 'Invalid request: parameter validation failed. Check your request data.') =>
  airtableError(ctx, 422, 'INVALID_REQUEST_UNKNOWN', message);
const notPermitted = (ctx: Context) => airtableError(ctx, 403, 'INVALID_PERMISSIONS', 'You are not permitted to perform this operation');

export function webhookJson(state: AirtableState, w: Webhook) {
  return {
    id: w.id,
    areNotificationsEnabled: w.notificationsEnabled,
    cursorForNextPayload: w.nextCursor,
    isHookEnabled: state.webhooks.isActive(w),
    lastNotificationResult: w.lastNotificationResult,
    lastSuccessfulNotificationTime: w.lastSuccessfulNotificationTime,
    notificationUrl: w.notificationUrl,
    expirationTime: new Date(w.expiresAt).toISOString(),
    specification: structuredClone(w.specification),
  };
}

export function airtableWebhookRoutes(router: Router, access: Access, state: AirtableState): void {
  const scopesFor = (grant: Grant, dataTypes: DataType[]) => dataTypes.every((t) => access.hasScope(grant, SCOPE_OF[t]));

  /** Auth, the 5/s per base, a base granted to the token, and `webhook:manage`. */
  const open = (ctx: Context, baseId: string | undefined): (Admitted & { base: AirtableBase }) | undefined => {
    const ok = access.admit(ctx, () => `base:${baseId}`);
    if (!ok) return undefined;
    const base = access.readableBase(ok.account, baseId);
    if (!base || !access.hasScope(ok.grant, 'webhook:manage')) return void modelNotFound(ctx);
    return { ...ok, base };
  };
  /** One of this integration's webhooks: another integration's, or one gone, looks unknown. */
  const own = (ctx: Context, opened: Admitted & { base: AirtableBase }, webhookId: string | undefined): Webhook | undefined => {
    const webhook = state.webhooks.find(opened.base.id, webhookId ?? '');
    if (!webhook || webhook.clientId !== opened.grant.clientId) return void modelNotFound(ctx);
    return webhook;
  };

  router.post('/v0/bases/:baseId/webhooks', async (ctx) => {
    const raw = await readJson(ctx);
    const opened = open(ctx, ctx.params.baseId);
    if (!opened) return;
    const parsed = raw.ok ? createBody.safeParse(raw.value) : undefined;
    if (!parsed?.success) return void invalidRequest(ctx);
    const spec = parsed.data.specification;
    if (!scopesFor(opened.grant, spec.options.filters.dataTypes)) return void modelNotFound(ctx);
    if (opened.base.permissionLevel !== 'create') return void notPermitted(ctx);
    const scope = spec.options.filters.recordChangeScope;
    if (scope !== undefined && !opened.base.tables.some((t) => t.id === scope || t.views.some((v) => v.id === scope)))
      return void invalidRequest(ctx, `recordChangeScope ${scope} is not a table or view of this base`);
    const existing = state.webhooks.of(opened.base.id);
    // Expired webhooks still count until deleted: their metadata lives 7 more days (webhooks overview).
    if (existing.filter((w) => w.clientId === opened.grant.clientId).length >= MAX_WEBHOOKS_PER_INTEGRATION)
      return void airtableError(
        ctx,
        422,
        'TOO_MANY_WEBHOOKS_BY_OAUTH_INTEGRATION_IN_BASE',
        'An OAuth integration can create up to 2 webhooks per base.',
      );
    if (existing.length + opened.base.foreignWebhooks >= MAX_WEBHOOKS_PER_BASE)
      return void airtableError(ctx, 422, 'TOO_MANY_WEBHOOKS_IN_BASE', 'The number of webhooks per base is limited to 10.');
    const webhook = state.webhooks.create(opened.base.id, opened.grant.clientId, parsed.data.notificationUrl ?? null, spec);
    ctx.body = { id: webhook.id, macSecretBase64: webhook.macSecretBase64, expirationTime: new Date(webhook.expiresAt).toISOString() };
  });

  router.get('/v0/bases/:baseId/webhooks', (ctx) => {
    const opened = open(ctx, ctx.params.baseId);
    if (!opened) return;
    const mine = state.webhooks.of(opened.base.id).filter((w) => w.clientId === opened.grant.clientId);
    ctx.body = { webhooks: mine.map((w) => webhookJson(state, w)) };
  });

  router.delete('/v0/bases/:baseId/webhooks/:webhookId', (ctx) => {
    const opened = open(ctx, ctx.params.baseId);
    const webhook = opened && own(ctx, opened, ctx.params.webhookId);
    if (!opened || !webhook) return;
    if (opened.base.permissionLevel !== 'create') return void notPermitted(ctx);
    state.webhooks.delete(webhook);
    ctx.body = {};
  });

  router.post('/v0/bases/:baseId/webhooks/:webhookId/refresh', (ctx) => {
    const opened = open(ctx, ctx.params.baseId);
    const webhook = opened && own(ctx, opened, ctx.params.webhookId);
    if (!opened || !webhook) return;
    if (opened.base.permissionLevel !== 'create') return void notPermitted(ctx);
    // "This endpoint only applies to active webhooks"; the answer for others is UNCONFIRMED.
    if (!state.webhooks.isActive(webhook))
      return void airtableError(ctx, 422, 'CANNOT_REFRESH_DISABLED_WEBHOOK', 'Only an active webhook can be refreshed.');
    state.webhooks.extend(webhook);
    ctx.body = { expirationTime: new Date(webhook.expiresAt).toISOString() };
  });

  router.post('/v0/bases/:baseId/webhooks/:webhookId/enableNotifications', async (ctx) => {
    const raw = await readJson(ctx);
    const opened = open(ctx, ctx.params.baseId);
    const webhook = opened && own(ctx, opened, ctx.params.webhookId);
    if (!opened || !webhook) return;
    const parsed = raw.ok ? z.object({ enable: z.boolean() }).safeParse(raw.value) : undefined;
    if (!parsed?.success) return void invalidRequest(ctx);
    webhook.notificationsEnabled = parsed.data.enable;
    ctx.body = {};
  });

  router.get('/v0/bases/:baseId/webhooks/:webhookId/payloads', (ctx) => {
    const opened = open(ctx, ctx.params.baseId);
    const webhook = opened && own(ctx, opened, ctx.params.webhookId);
    if (!opened || !webhook) return;
    if (!scopesFor(opened.grant, webhook.specification.options.filters.dataTypes)) return void modelNotFound(ctx);
    const query = new URLSearchParams(ctx.querystring);
    const cursor = query.get('cursor') === null ? 1 : Number(query.get('cursor'));
    const limit = query.get('limit') === null ? MAX_PAYLOADS_PER_PAGE : Number(query.get('limit'));
    if (!Number.isInteger(cursor) || cursor < 1 || !Number.isInteger(limit) || limit < 1) return void invalidRequest(ctx);
    // Listing payloads keeps an active webhook alive for 7 more days.
    state.webhooks.extend(webhook);
    const page = state.webhooks.page(webhook, cursor, Math.min(limit, MAX_PAYLOADS_PER_PAGE));
    ctx.body = { payloads: page.payloads.map((p) => structuredClone(p.body)), cursor: page.cursor, mightHaveMore: page.mightHaveMore };
  });
}
