import type { Context } from 'koa';
import { bearerToken } from './http.js';
import type { AccessLookup, TokenStore } from './tokens.js';

/** Set by the fault middleware; token faults act on the real token registry and then let the request run. */
export type TokenFault = 'expired_token' | 'revoked_grant' | 'other_account';

export function tokenFaultOf(ctx: Context): TokenFault | undefined {
  const value: unknown = ctx.state.tokenFault;
  return value === 'expired_token' || value === 'revoked_grant' || value === 'other_account' ? value : undefined;
}

/** Resolves the bearer token, after applying an injected token fault to it, so the 401 is the real one. */
export function authenticateBearer(ctx: Context, store: TokenStore): AccessLookup & { token: string | undefined } {
  const token = bearerToken(ctx);
  const fault = tokenFaultOf(ctx);
  if (token && fault === 'expired_token') store.expireAccess(token);
  if (token && fault === 'revoked_grant') {
    const grant = store.grantOfToken(token);
    if (grant) store.revokeGrant(grant.id);
  }
  return { ...store.lookupAccess(token), token };
}

/**
 * Token endpoint: a revoked_grant fault revokes the grant behind the presented refresh token; an
 * other_account fault moves that refresh token to a new grant on the provider's next account, so
 * the refresh answers tokens that reach someone else (a grant mix-up at the provider).
 */
export function applyRefreshFault(ctx: Context, store: TokenStore, refreshToken: string | undefined): void {
  const fault = tokenFaultOf(ctx);
  if (!refreshToken || !fault) return;
  if (fault === 'revoked_grant') {
    const grant = store.grantOfToken(refreshToken);
    if (grant) store.revokeGrant(grant.id);
  }
  if (fault === 'other_account') store.moveRefreshToNextAccount(refreshToken);
}
