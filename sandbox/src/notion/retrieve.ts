import type { Router } from '@koa/router';
import type { Admitted } from './admit.js';
import type { Context } from 'koa';
import { objectNotFound } from './errors.js';
import { dataSourceObject, databaseObject, legacyDatabaseObject, pageObject } from './serialize.js';

/** Notion accepts ids with or without dashes. */
const normalize = (id: string | undefined) => {
  const hex = (id ?? '').replace(/-/g, '').toLowerCase();
  return hex.length === 32
    ? `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
    : (id ?? '');
};

/** Identity and single-object reads: enough for "who am I" and for 404 object_not_found semantics. */
export function notionRetrieveRoutes(router: Router, admit: (ctx: Context) => Admitted | undefined, appName: () => string): void {
  router.get('/v1/users/me', (ctx) => {
    const ok = admit(ctx);
    if (!ok) return;
    const { owner } = ok.workspace;
    ctx.body = {
      object: 'user',
      id: ok.grant.botId,
      name: appName(),
      avatar_url: null,
      type: 'bot',
      bot: {
        owner: {
          type: 'user',
          user: { object: 'user', id: owner.id, name: owner.name, avatar_url: null, type: 'person', person: { email: owner.email } },
        },
        workspace_name: ok.workspace.workspaceName,
      },
    };
  });

  router.get('/v1/pages/:id', (ctx) => {
    const ok = admit(ctx);
    if (!ok) return;
    const id = normalize(ctx.params.id);
    const page = ok.workspace.items.find((i) => i.kind === 'page' && i.id === id);
    if (!page) return void objectNotFound(ctx, 'page', ctx.params.id ?? '');
    ctx.body = pageObject(page, ok.model);
  });

  router.get('/v1/databases/:id', (ctx) => {
    const ok = admit(ctx);
    if (!ok) return;
    const id = normalize(ctx.params.id);
    const db = ok.workspace.items.find((i) => i.kind === 'database' && i.id === id);
    if (!db) return void objectNotFound(ctx, 'database', ctx.params.id ?? '');
    ctx.body = ok.model.dataSources ? databaseObject(db, ok.model) : legacyDatabaseObject(db, ok.model);
  });

  router.get('/v1/data_sources/:id', (ctx) => {
    const ok = admit(ctx);
    if (!ok) return;
    const id = normalize(ctx.params.id);
    for (const db of ok.workspace.items) {
      const source = ok.model.dataSources ? db.dataSources.find((s) => s.id === id) : undefined;
      if (source) {
        ctx.body = dataSourceObject(db, source, ok.model);
        return;
      }
    }
    objectNotFound(ctx, 'data_source', ctx.params.id ?? '');
  });
}
