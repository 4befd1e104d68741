import { randomUUID } from 'node:crypto';
import type { Router } from '@koa/router';
import type { Context } from 'koa';
import { applyRefreshFault } from '../shared/auth.js';
import { basicAuth, isForm, readForm } from '../shared/http.js';
import { verifierMatches } from '../shared/pkce.js';
import type { ProviderRuntime } from '../shared/runtime.js';
import type { AirtableSettings } from './options.js';
import { countTokenCall } from '../shared/stats.js';
import { type Grant, opaqueToken } from '../shared/tokens.js';
import { oauthError } from './errors.js';

/** Refresh tokens last 60 days (fact sheet 2.1). */
export const AIRTABLE_REFRESH_LIFETIME_SECONDS = 60 * 24 * 3600;

const accessToken = () => `oaa${opaqueToken(12)}.v1.${opaqueToken(48)}`;
const refreshToken = () => `oar${opaqueToken(12)}.v1.${opaqueToken(60)}`;

export function airtableTokenRoutes(router: Router, runtime: ProviderRuntime<AirtableSettings>): void {
  const { store, options, stats } = runtime;

  const issuePair = (ctx: Context, grant: Grant) => {
    const lifetime = options.tokenLifetimeSeconds;
    const access = store.issueAccess(grant.id, accessToken(), lifetime);
    const refresh = store.issueRefresh(grant.id, refreshToken(), AIRTABLE_REFRESH_LIFETIME_SECONDS);
    ctx.body = {
      access_token: access.token,
      refresh_token: refresh.token,
      token_type: 'Bearer',
      scope: grant.scopes.join(' '),
      expires_in: lifetime,
      refresh_expires_in: AIRTABLE_REFRESH_LIFETIME_SECONDS,
    };
  };

  /**
   * Client authentication, as the oauth reference puts it: HTTP Basic is required when the
   * integration has a client secret and forbidden when it has none; then `client_id` goes in the
   * body (fact sheet 2.1, Q1, Q2). Answers the request itself and returns undefined on failure.
   */
  const authenticateClient = (ctx: Context, form: Record<string, string>): string | undefined => {
    const { clientId, clientSecret } = runtime.options.client;
    const header = ctx.get('authorization');
    if (clientSecret === null) {
      if (header)
        return void oauthError(
          ctx,
          'invalid_client',
          'this integration has no client secret: send client_id in the body and no Authorization header',
        );
      if (form.client_id !== clientId)
        return void oauthError(ctx, 'invalid_client', 'client_id is required in the body for an integration without a client secret');
      return clientId;
    }
    const basic = basicAuth(ctx);
    if (!basic) return void oauthError(ctx, 'invalid_client', 'client authentication via HTTP Basic is required for this integration');
    // Compared raw: a form-encoded id ("%2D" for "-") is a different id here, as at Airtable (Q1).
    if (basic.clientId !== clientId || basic.clientSecret !== clientSecret)
      return void oauthError(ctx, 'invalid_client', 'invalid client credentials');
    if (form.client_id !== undefined && form.client_id !== basic.clientId)
      return void oauthError(ctx, 'invalid_client', 'client_id does not match the Authorization header');
    return clientId;
  };

  router.post('/oauth2/v1/token', async function airtableToken(ctx) {
    const form = isForm(ctx) ? await readForm(ctx) : undefined;
    countTokenCall(stats, form?.grant_type);
    if (!form) return void oauthError(ctx, 'invalid_request', 'Content-Type must be application/x-www-form-urlencoded');
    const clientId = authenticateClient(ctx, form);
    if (clientId === undefined) return;
    if (!form.grant_type) return void oauthError(ctx, 'invalid_request', 'grant_type is required');

    if (form.grant_type === 'authorization_code') {
      if (!form.code) return void oauthError(ctx, 'invalid_request', 'code is required');
      const found = store.consumeCode(form.code);
      if (!found) return void oauthError(ctx, 'invalid_grant', 'invalid authorization code');
      if (found.problem)
        return void oauthError(ctx, 'invalid_grant', `authorization code ${found.problem === 'used' ? 'was already used' : 'expired'}`);
      const code = found.record;
      if (code.clientId !== clientId) return void oauthError(ctx, 'invalid_grant', 'authorization code was issued to another client');
      if (code.redirectUri !== form.redirect_uri)
        return void oauthError(ctx, 'invalid_grant', 'redirect_uri does not match the authorization request');
      if (!form.code_verifier) return void oauthError(ctx, 'invalid_request', 'code_verifier is required');
      if (!verifierMatches(form.code_verifier, code.codeChallenge ?? '', 'S256'))
        return void oauthError(ctx, 'invalid_grant', 'code_verifier does not match code_challenge');
      return void issuePair(ctx, store.createGrant(code.clientId, code.account, code.scopes, randomUUID()));
    }

    if (form.grant_type === 'refresh_token') {
      if (!form.refresh_token) return void oauthError(ctx, 'invalid_request', 'refresh_token is required');
      applyRefreshFault(ctx, store, form.refresh_token);
      const found = store.lookupRefresh(form.refresh_token);
      if (!found || found.grant.clientId !== clientId) return void oauthError(ctx, 'invalid_grant', 'invalid refresh token');
      const { refresh, grant } = found;
      if (
        refresh.rotatedAt !== null &&
        !refresh.revoked &&
        !grant.revoked &&
        runtime.clock.now() - refresh.rotatedAt < options.refreshConflictMs
      ) {
        // A double-submitted refresh: the documented 409 (body shape UNCONFIRMED).
        return void oauthError(ctx, 'conflict', 'this refresh token was refreshed very recently', 409);
      }
      if (!store.isRefreshUsable(refresh, grant))
        return void oauthError(ctx, 'invalid_grant', 'refresh token is invalid, expired, revoked or already used');
      let scopes = grant.scopes;
      if (form.scope !== undefined) {
        const asked = form.scope.split(' ').filter(Boolean);
        if (asked.length === 0 || asked.some((s) => !grant.scopes.includes(s)))
          return void oauthError(ctx, 'invalid_scope', 'scope must be a subset of the granted scopes');
        scopes = asked;
      }
      // Rotation: the old refresh token and every access token minted before it stop working.
      store.markRotated(refresh);
      store.invalidateAccessOf(grant.id);
      grant.scopes = scopes;
      stats.successfulRefreshes++;
      return void issuePair(ctx, grant);
    }
    return void oauthError(ctx, 'unsupported_grant_type', `unsupported grant_type: ${form.grant_type}`);
  });
}
