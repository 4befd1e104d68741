import type { Context } from 'koa';
import { authenticateBearer } from '../shared/auth.js';
import { SlidingWindowLimiter } from '../shared/rate-limit.js';
import type { ProviderRuntime } from '../shared/runtime.js';
import type { HubSpotSettings } from './options.js';
import { CRM_OBJECT_TYPES, type CrmObjectType, type HubSpotAccount } from './data.js';
import { expiredAuthentication, hubspotError, invalidAuthentication, rateLimited } from './errors.js';
import { HUBSPOT_APP_ID } from './introspect.js';

const TYPE_IDS: Record<string, CrmObjectType> = { '0-1': 'contacts', '0-2': 'companies', '0-3': 'deals' };
const SINGULARS: Record<string, CrmObjectType> = { contact: 'contacts', company: 'companies', deal: 'deals' };

/** Object types as the paths spell them: `contacts`, `contact` or `0-1` (fact sheet 1.2). */
export function objectTypeOf(raw: string | undefined): CrmObjectType | undefined {
  const name = (raw ?? '').toLowerCase();
  return TYPE_IDS[name] ?? SINGULARS[name] ?? CRM_OBJECT_TYPES.find((t) => t === name);
}

export function unknownObjectType(ctx: Context, raw: string | undefined): void {
  hubspotError(ctx, 404, 'OBJECT_NOT_FOUND', `Unable to infer object type from: ${raw}`);
}

/** Scopes that let a call read an object type: its read or write scope. */
export const readScopes = (type: CrmObjectType) => [`crm.objects.${type}.read`, `crm.objects.${type}.write`];

export type HubSpotAdmit = (ctx: Context, anyOfScopes: readonly string[]) => HubSpotAccount | undefined;

/**
 * Auth, the per-account rolling limit (one limiter for every endpoint: the 110 / 10 s budget is
 * per installing account, fact sheet 1.3) and the scope check; answers the request itself when
 * one of them fails.
 */
export function hubspotAdmission(runtime: ProviderRuntime<HubSpotSettings>, accounts: HubSpotAccount[]): HubSpotAdmit {
  const limit = runtime.options.limits;
  const limiter = limit ? new SlidingWindowLimiter(limit.max, limit.intervalMs) : undefined;
  return function admit(ctx, anyOfScopes) {
    runtime.stats.apiRequests++;
    const auth = authenticateBearer(ctx, runtime.store);
    if (auth.status === 'invalid') return void invalidAuthentication(ctx);
    if (auth.status === 'expired')
      return void expiredAuthentication(ctx, auth.access.expiresAt ?? runtime.clock.now(), runtime.clock.now());
    const account = accounts[auth.grant.account];
    if (!account) return void invalidAuthentication(ctx);
    if (limiter && limit) {
      const decision = limiter.hit(String(account.hubId));
      ctx.set('X-HubSpot-RateLimit-Interval-Milliseconds', String(limit.intervalMs));
      ctx.set('X-HubSpot-RateLimit-Max', String(limit.max));
      ctx.set('X-HubSpot-RateLimit-Remaining', String(decision.remaining));
      if (!decision.allowed) return void rateLimited(ctx, HUBSPOT_APP_ID, account.hubId);
    }
    if (!auth.grant.scopes.some((s) => anyOfScopes.includes(s))) {
      return void hubspotError(
        ctx,
        403,
        'MISSING_SCOPES',
        "This app hasn't been granted all required scopes to make this call. Read more about required scopes here: https://developers.hubspot.com/scopes.",
        {
          errors: [{ message: 'One or more of the following scopes are required.', context: { requiredGranularScopes: [...anyOfScopes] } }],
          links: { scopes: 'https://developers.hubspot.com/scopes' },
        },
      );
    }
    return account;
  };
}
