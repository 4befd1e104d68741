import type { Context } from 'koa';
import { authenticateBearer } from '../shared/auth.js';
import { bearerToken } from '../shared/http.js';
import { LockoutLimiter } from '../shared/rate-limit.js';
import type { ProviderRuntime } from '../shared/runtime.js';
import type { Grant } from '../shared/tokens.js';
import { airtableError, authenticationRequired, invalidToken, rateLimited } from './errors.js';
import type { AirtableAccount, AirtableBase } from './model.js';
import type { AirtableSettings } from './options.js';

/** Request URLs are limited to 16,000 characters (support article "URL length limitations for web API requests"). */
export const MAX_URL_LENGTH = 16_000;

export interface Admitted {
  account: AirtableAccount;
  grant: Grant;
}

export interface Access {
  /** Auth, the URL length, then the 5/s limit keyed per base (or per user for the meta endpoints). */
  admit(ctx: Context, limitKey: (account: AirtableAccount) => string): Admitted | undefined;
  hasScope(grant: Grant, scope: string): boolean;
  /** Bases whose schema and records the token may read: granted, and a permission level above `none` (Q3). */
  readableBase(account: AirtableAccount, baseId: string | undefined): AirtableBase | undefined;
}

export function createAccess(runtime: ProviderRuntime<AirtableSettings>, accounts: AirtableAccount[]): Access {
  const limit = runtime.options.limits;
  const limiter = limit ? new LockoutLimiter(limit.perSecond, limit.lockoutMs) : undefined;
  return {
    admit(ctx, limitKey) {
      runtime.stats.apiRequests++;
      if (!bearerToken(ctx)) return void authenticationRequired(ctx);
      const auth = authenticateBearer(ctx, runtime.store);
      if (auth.status !== 'valid') return void invalidToken(ctx);
      const account = accounts[auth.grant.account];
      if (!account) return void invalidToken(ctx);
      // The status of the refusal is UNCONFIRMED (the article names the limit, not the answer): 414.
      if (ctx.href.length > MAX_URL_LENGTH)
        return void airtableError(ctx, 414, 'URL_TOO_LONG', 'Request URLs are limited to 16,000 characters: use POST …/listRecords.');
      if (limiter && !limiter.hit(limitKey(account)).allowed) return void rateLimited(ctx);
      return { account, grant: auth.grant };
    },
    hasScope: (grant, scope) => grant.scopes.includes(scope),
    readableBase: (account, baseId) => account.bases.find((b) => b.id === baseId && b.granted && b.permissionLevel !== 'none'),
  };
}
