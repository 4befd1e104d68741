import { Router } from '@koa/router';
import type Koa from 'koa';
import { createProviderApp, type AdminHooks } from '../shared/app.js';
import type { ProviderRuntime } from '../shared/runtime.js';
import type { AirtableSettings } from './options.js';
import { airtableApiRoutes } from './api.js';
import { airtableAuthorizeRoutes } from './authorize.js';
import type { AirtableAccount } from './data.js';
import { notFound, rateLimited, serverError } from './errors.js';
import { airtableTokenRoutes } from './token.js';

/** One origin plays both airtable.com (authorize + token) and api.airtable.com (/v0). */
export function createAirtableApp(runtime: ProviderRuntime<AirtableSettings>, accounts: AirtableAccount[], admin: AdminHooks): Koa {
  const router = new Router();
  airtableAuthorizeRoutes(router, runtime, accounts);
  airtableTokenRoutes(router, runtime);
  airtableApiRoutes(router, runtime, accounts);
  return createProviderApp({
    runtime,
    admin,
    routes: router,
    responses: { rateLimited, serverError, notFound },
  });
}
