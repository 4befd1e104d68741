import type { Router } from '@koa/router';
import type { Context } from 'koa';
import { isForm, readForm } from '../shared/http.js';
import type { ProviderRuntime } from '../shared/runtime.js';
import type { HubSpotSettings } from './options.js';
import type { Grant } from '../shared/tokens.js';
import type { HubSpotAccount } from './data.js';
import { hubspotError, oauthError } from './errors.js';

export const HUBSPOT_APP_ID = 4_100_001;
const VERSIONS = ['v3', '2026-03', '2026-09'];

/** Token metadata, introspection and revocation: current endpoints plus the deprecated v1 GET/DELETE ones. */
export function hubspotIntrospectRoutes(router: Router, runtime: ProviderRuntime<HubSpotSettings>, accounts: HubSpotAccount[]): void {
  const { store } = runtime;
  const owner = (grant: Grant) => {
    const a = accounts[grant.account];
    return { hub_id: a?.hubId, user_id: a?.userId, user: a?.userEmail, hub_domain: a?.hubDomain };
  };
  const hubletOf = (grant: Grant) => accounts[grant.account]?.hublet ?? 'na1';

  const accessInfo = (token: string) => {
    const found = store.lookupAccess(token);
    if (found.status !== 'valid') return undefined;
    const now = runtime.clock.now();
    const expiresAt = found.access.expiresAt ?? now;
    return { found, expiresIn: Math.max(0, Math.floor((expiresAt - now) / 1000)), expiresAt };
  };

  const refreshInfo = (token: string) => {
    const found = store.lookupRefresh(token);
    return found && store.isRefreshUsable(found.refresh, found.grant) ? found : undefined;
  };

  const clientForm = async (ctx: Context) => {
    const form = isForm(ctx) ? await readForm(ctx) : undefined;
    if (!form || form.client_id !== runtime.options.client.clientId || form.client_secret !== runtime.options.client.clientSecret) {
      oauthError(ctx, false, 'invalid_client', 'missing or invalid client_id / client_secret', 'BAD_CLIENT_ID');
      return undefined;
    }
    return form;
  };

  const introspect = async (ctx: Context) => {
    const form = await clientForm(ctx);
    if (!form) return;
    // The spec says `token`; the v3 guide shows `access_token`/`refresh_token`: accept all three.
    const token = form.token ?? form.access_token ?? form.refresh_token ?? '';
    const access = form.token_type_hint === 'refresh_token' || form.refresh_token ? undefined : accessInfo(token);
    if (access) {
      const { grant } = access.found;
      const who = owner(grant);
      ctx.body = {
        active: true,
        token,
        ...who,
        client_id: grant.clientId,
        app_id: HUBSPOT_APP_ID,
        scopes: grant.scopes,
        signed_access_token: {
          expiresAt: access.expiresAt,
          hubId: who.hub_id,
          userId: who.user_id,
          appId: HUBSPOT_APP_ID,
          hublet: hubletOf(grant),
          isUserLevel: false,
          isPrivateDistribution: false,
          scopes: 'sandbox',
          signature: 'sandbox-not-signed',
        },
        expires_in: access.expiresIn,
        is_private_distribution: false,
        token_use: 'access_token',
        token_type: 'Bearer',
      };
      return;
    }
    const refresh = refreshInfo(token);
    if (!refresh) {
      ctx.body = { active: false };
      return;
    }
    const { grant } = refresh;
    ctx.body = {
      active: true,
      token,
      ...owner(grant),
      client_id: grant.clientId,
      app_id: HUBSPOT_APP_ID,
      scopes: grant.scopes,
      token_use: 'refresh_token',
      token_type: 'Bearer',
    };
  };

  const revoke = async (ctx: Context) => {
    const form = await clientForm(ctx);
    if (!form) return;
    // Like the legacy DELETE: revoking a refresh token leaves minted access tokens valid.
    const token = form.token ?? '';
    if (!store.revokeRefresh(token) && store.lookupAccess(token).status === 'valid') store.expireAccess(token);
    ctx.status = 200;
    ctx.body = '';
  };

  for (const v of VERSIONS) {
    router.post(`/oauth/${v}/token/introspect`, introspect);
    router.post(`/oauth/${v}/token/revoke`, revoke);
  }

  router.get('/oauth/v1/access-tokens/:token', (ctx) => {
    const info = accessInfo(ctx.params.token ?? '');
    if (!info) return void hubspotError(ctx, 404, 'OBJECT_NOT_FOUND', 'access token not found or expired');
    const { grant } = info.found;
    ctx.body = {
      token: ctx.params.token,
      ...owner(grant),
      scopes: grant.scopes,
      app_id: HUBSPOT_APP_ID,
      expires_in: info.expiresIn,
      token_type: 'access',
      is_private_distribution: false,
    };
  });
  router.get('/oauth/v1/refresh-tokens/:token', (ctx) => {
    const found = refreshInfo(ctx.params.token ?? '');
    if (!found) return void hubspotError(ctx, 404, 'OBJECT_NOT_FOUND', 'refresh token not found');
    ctx.body = {
      token: ctx.params.token,
      ...owner(found.grant),
      client_id: found.grant.clientId,
      scopes: found.grant.scopes,
      token_type: 'refresh',
    };
  });
  router.delete('/oauth/v1/refresh-tokens/:token', (ctx) => {
    if (!refreshInfo(ctx.params.token ?? '')) return void hubspotError(ctx, 404, 'OBJECT_NOT_FOUND', 'refresh token not found');
    store.revokeRefresh(ctx.params.token ?? '');
    ctx.status = 204;
  });
}
