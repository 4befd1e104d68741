import { Router } from '@koa/router';
import type Koa from 'koa';
import { createProviderApp, type AdminHooks } from '../shared/app.js';
import type { ProviderRuntime } from '../shared/runtime.js';
import type { NotionSettings } from './options.js';
import { notionAdmission } from './admit.js';
import { notionAuthorizeRoutes } from './authorize.js';
import type { NotionWorkspace } from './data.js';
import { notFound, rateLimited, serverError } from './errors.js';
import { notionRetrieveRoutes } from './retrieve.js';
import { notionSearchRoutes } from './search.js';
import { notionTokenRoutes } from './token.js';

/** api.notion.com: authorize page, OAuth endpoints and the REST API share one origin, as in reality. */
export function createNotionApp(runtime: ProviderRuntime<NotionSettings>, workspaces: NotionWorkspace[], admin: AdminHooks): Koa {
  const router = new Router();
  // One admission (and so one rate limiter) for every endpoint of a connection.
  const admit = notionAdmission(runtime, workspaces);
  notionAuthorizeRoutes(router, runtime, workspaces);
  notionTokenRoutes(router, runtime, workspaces);
  notionSearchRoutes(router, admit, runtime.options.searchResultLimit);
  notionRetrieveRoutes(router, admit, () => runtime.shared.appName);
  return createProviderApp({
    runtime,
    admin,
    routes: router,
    // Injected 429s advertise a one-second wait so tests that honour Retry-After stay fast.
    responses: { rateLimited: (ctx, reason) => rateLimited(ctx, 1, reason), serverError, notFound },
  });
}
