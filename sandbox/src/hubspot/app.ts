import { Router } from '@koa/router';
import type Koa from 'koa';
import { createProviderApp, type AdminHooks } from '../shared/app.js';
import type { ProviderRuntime } from '../shared/runtime.js';
import { PUBLISHED_LIMIT, type HubSpotSettings } from './options.js';
import { hubspotAccountInfoRoutes } from './account-info.js';
import { hubspotAdmission } from './admit.js';
import { hubspotAssociationRoutes } from './associations.js';
import { hubspotAuthorizeRoutes } from './authorize.js';
import { hubspotCrmRoutes } from './crm.js';
import type { HubSpotAccount } from './data.js';
import { HUBSPOT_APP_ID, hubspotIntrospectRoutes } from './introspect.js';
import { notFound, rateLimited, serverError } from './errors.js';
import { hubspotTokenRoutes } from './token.js';

/** One origin plays both app.hubspot.com (authorize page) and api.hubapi.com (token + CRM). */
export function createHubSpotApp(runtime: ProviderRuntime<HubSpotSettings>, accounts: HubSpotAccount[], admin: AdminHooks): Koa {
  const router = new Router();
  hubspotAuthorizeRoutes(router, runtime, accounts);
  hubspotTokenRoutes(router, runtime, accounts);
  hubspotIntrospectRoutes(router, runtime, accounts);
  // One admission, so one rolling limiter, for every API endpoint of an account.
  const admit = hubspotAdmission(runtime, accounts);
  hubspotCrmRoutes(router, admit);
  hubspotAssociationRoutes(router, admit);
  hubspotAccountInfoRoutes(router, admit);
  return createProviderApp({
    runtime,
    admin,
    routes: router,
    responses: {
      rateLimited(ctx, policy) {
        // Injected 429s look like real ones, headers included.
        const limit = runtime.options.limits || PUBLISHED_LIMIT;
        ctx.set('X-HubSpot-RateLimit-Interval-Milliseconds', String(limit.intervalMs));
        ctx.set('X-HubSpot-RateLimit-Max', String(limit.max));
        ctx.set('X-HubSpot-RateLimit-Remaining', '0');
        rateLimited(ctx, HUBSPOT_APP_ID, accounts[0]?.hubId ?? 0, policy);
      },
      serverError,
      notFound,
    },
  });
}
