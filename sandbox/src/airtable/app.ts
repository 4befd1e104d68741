import { Router } from '@koa/router';
import type Koa from 'koa';
import { createProviderApp, type AdminHooks } from '../shared/app.js';
import type { ProviderRuntime } from '../shared/runtime.js';
import { createAccess } from './access.js';
import { airtableMetaRoutes } from './api.js';
import { airtableAuthorizeRoutes } from './authorize.js';
import type { AirtableAccount } from './data.js';
import { notFound, rateLimited, serverError } from './errors.js';
import { mutationHooks } from './mutations.js';
import type { AirtableSettings } from './options.js';
import { airtableRecordRoutes } from './records.js';
import { airtableState } from './state.js';
import { airtableTokenRoutes } from './token.js';
import { airtableWebhookRoutes } from './webhooks-api.js';

/** One origin plays both airtable.com (authorize + token) and api.airtable.com (/v0). */
export function createAirtableApp(runtime: ProviderRuntime<AirtableSettings>, accounts: AirtableAccount[], admin: AdminHooks): Koa {
  const state = airtableState(runtime, accounts);
  const access = createAccess(runtime, accounts);
  const router = new Router();
  airtableAuthorizeRoutes(router, runtime, accounts);
  airtableTokenRoutes(router, runtime);
  // Order matters: /v0/meta/… and /v0/bases/… before the record routes' /v0/{baseId}/{table}/… patterns.
  airtableMetaRoutes(router, access);
  airtableWebhookRoutes(router, access, state);
  airtableRecordRoutes(router, access, state);
  return createProviderApp({
    runtime,
    admin,
    routes: router,
    responses: { rateLimited, serverError, notFound },
    mutations: mutationHooks(state),
  });
}
