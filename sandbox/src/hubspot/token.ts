import { randomUUID } from 'node:crypto';
import type { Router } from '@koa/router';
import type { Context } from 'koa';
import { applyRefreshFault } from '../shared/auth.js';
import { isForm, readForm } from '../shared/http.js';
import type { ProviderRuntime } from '../shared/runtime.js';
import type { HubSpotSettings } from './options.js';
import { countTokenCall } from '../shared/stats.js';
import { type Grant, opaqueToken } from '../shared/tokens.js';
import type { HubSpotAccount } from './data.js';
import { oauthError } from './errors.js';

/** Every path HubSpot serves the token endpoint on; v1 is the legacy one with the legacy error body. */
export const HUBSPOT_TOKEN_VERSIONS = ['v1', 'v3', '2026-03', '2026-09'] as const;

const accessToken = () => `CN${opaqueToken(96)}`;
/** Prefixed with the account's data-centre hublet, as HubSpot's are (`na1-…`, [H6]). */
const refreshToken = (account: HubSpotAccount | undefined) => `${account?.hublet ?? 'na1'}-${randomUUID()}`;

export function hubspotTokenRoutes(router: Router, runtime: ProviderRuntime<HubSpotSettings>, accounts: HubSpotAccount[]): void {
  const { store, options, stats } = runtime;

  const issue = (ctx: Context, grant: Grant, refresh: string) => {
    const account = accounts[grant.account];
    const access = store.issueAccess(grant.id, accessToken(), options.tokenLifetimeSeconds);
    ctx.body = {
      token_type: 'bearer',
      refresh_token: refresh,
      access_token: access.token,
      hub_id: account?.hubId,
      user_id: account?.userId,
      scopes: grant.scopes,
      expires_in: options.tokenLifetimeSeconds,
      token_use: 'access_token',
    };
  };

  const handle = (legacy: boolean) =>
    async function hubspotToken(ctx: Context) {
      const fail = (error: string, description: string, legacyStatus: string) => oauthError(ctx, legacy, error, description, legacyStatus);
      const form = isForm(ctx) ? await readForm(ctx) : undefined;
      countTokenCall(stats, form?.grant_type);
      if (!form) return void fail('invalid_request', 'Content-Type must be application/x-www-form-urlencoded', 'BAD_REQUEST');
      if (!form.grant_type) return void fail('invalid_request', 'missing grant_type', 'BAD_GRANT_TYPE');
      if (form.client_id !== runtime.options.client.clientId || form.client_secret !== runtime.options.client.clientSecret) {
        return void fail('invalid_client', 'missing or invalid client_id / client_secret', 'BAD_CLIENT_ID');
      }
      if (form.grant_type === 'authorization_code') {
        if (!form.code) return void fail('invalid_request', 'missing code', 'BAD_AUTH_CODE');
        const found = store.consumeCode(form.code);
        if (!found || found.problem) return void fail('invalid_grant', 'auth code not found, expired or already used', 'BAD_AUTH_CODE');
        const code = found.record;
        if (code.clientId !== form.client_id) return void fail('invalid_grant', 'auth code was issued to another client', 'BAD_AUTH_CODE');
        if (code.redirectUri !== form.redirect_uri)
          return void fail('invalid_grant', 'redirect_uri does not match the authorization request', 'BAD_REDIRECT_URI');
        // `code_verifier` is in the token schema ([H1], [H2]) but no challenge was recorded (Q8): ignored.
        const grant = store.createGrant(code.clientId, code.account, code.scopes, randomUUID());
        const refresh = store.issueRefresh(grant.id, refreshToken(accounts[code.account]), null);
        return void issue(ctx, grant, refresh.token);
      }
      if (form.grant_type === 'refresh_token') {
        applyRefreshFault(ctx, store, form.refresh_token);
        const found = store.lookupRefresh(form.refresh_token);
        if (!found || !store.isRefreshUsable(found.refresh, found.grant) || found.grant.clientId !== form.client_id) {
          return void fail('invalid_grant', 'refresh token is invalid, expired or revoked', 'BAD_REFRESH_TOKEN');
        }
        let refresh = found.refresh.token;
        if (options.rotateRefreshTokens) {
          store.markRotated(found.refresh);
          refresh = store.issueRefresh(found.grant.id, refreshToken(accounts[found.grant.account]), null).token;
        }
        stats.successfulRefreshes++;
        return void issue(ctx, found.grant, refresh);
      }
      return void fail('unsupported_grant_type', `unsupported grant_type: ${form.grant_type}`, 'BAD_GRANT_TYPE');
    };

  for (const version of HUBSPOT_TOKEN_VERSIONS) router.post(`/oauth/${version}/token`, handle(version === 'v1'));
}
