import { randomUUID } from 'node:crypto';
import type { Router } from '@koa/router';
import type { Context } from 'koa';
import { z } from 'zod';
import { applyRefreshFault } from '../shared/auth.js';
import { basicAuth, readJson } from '../shared/http.js';
import type { ProviderRuntime } from '../shared/runtime.js';
import type { NotionSettings } from './options.js';
import { countTokenCall } from '../shared/stats.js';
import { type Grant, opaqueToken } from '../shared/tokens.js';
import type { NotionWorkspace } from './data.js';
import { notionError } from './errors.js';

const accessToken = () => `ntn_${opaqueToken(30)}`;
const refreshToken = () => `nrt_${opaqueToken(33)}`;

const tokenBody = z.object({
  grant_type: z.string().optional(),
  code: z.string().optional(),
  redirect_uri: z.string().optional(),
  refresh_token: z.string().optional(),
  token: z.string().optional(),
});

/** The token response (`OauthTokenResponse` in @notionhq/client; checked by sandbox/test/official-sdks/notion-types.ts). */
export function tokenResponse(grant: Grant, workspace: NotionWorkspace, accessToken: string, refreshToken: string) {
  const { owner } = workspace;
  return {
    access_token: accessToken,
    token_type: 'bearer' as const,
    refresh_token: refreshToken,
    bot_id: grant.botId,
    workspace_name: workspace.workspaceName,
    workspace_icon: workspace.workspaceIcon,
    workspace_id: workspace.workspaceId,
    owner: {
      type: 'user' as const,
      user: {
        object: 'user' as const,
        id: owner.id,
        name: owner.name,
        avatar_url: null,
        type: 'person' as const,
        person: { email: owner.email },
      },
    },
    duplicated_template_id: null,
    request_id: randomUUID(),
  };
}

/** Token, introspection and revocation: JSON bodies, HTTP Basic client auth, Notion's error envelope. */
export function notionTokenRoutes(router: Router, runtime: ProviderRuntime<NotionSettings>, workspaces: NotionWorkspace[]): void {
  const { store, stats } = runtime;

  /** Parses the body and checks Basic auth; answers the request itself when either fails. */
  const readClientRequest = async (ctx: Context) => {
    const raw = await readJson(ctx);
    const body = raw.ok ? tokenBody.safeParse(raw.value) : undefined;
    if (ctx.path === '/v1/oauth/token') countTokenCall(stats, body?.success ? body.data.grant_type : undefined);
    if (!raw.ok) return void notionError(ctx, 400, 'invalid_json', 'Error parsing JSON body.');
    if (!body?.success) return void notionError(ctx, 400, 'validation_error', 'body failed validation.');
    const basic = basicAuth(ctx);
    if (!basic || basic.clientId !== runtime.options.client.clientId || basic.clientSecret !== runtime.options.client.clientSecret) {
      return void notionError(ctx, 401, 'invalid_client', 'Invalid client credentials: use HTTP Basic with client_id:client_secret.');
    }
    return body.data;
  };

  const issuePair = (ctx: Context, grant: Grant) => {
    const workspace = workspaces[grant.account];
    if (!workspace) throw new Error(`No Notion workspace ${grant.account}`);
    const access = store.issueAccess(grant.id, accessToken(), null);
    const refresh = store.issueRefresh(grant.id, refreshToken(), null);
    ctx.body = tokenResponse(grant, workspace, access.token, refresh.token);
  };

  router.post('/v1/oauth/token', async function notionToken(ctx) {
    const body = await readClientRequest(ctx);
    if (!body) return;
    const invalidGrant = (message: string) => notionError(ctx, 400, 'invalid_grant', message);
    if (!body.grant_type)
      return void notionError(ctx, 400, 'invalid_request', 'body failed validation: body.grant_type should be defined.');
    if (body.grant_type === 'authorization_code') {
      if (!body.code) return void notionError(ctx, 400, 'invalid_request', 'body failed validation: body.code should be defined.');
      const found = store.consumeCode(body.code);
      if (!found || found.problem) return void invalidGrant('Invalid code: this code has been revoked.');
      const code = found.record;
      if (code.clientId !== runtime.options.client.clientId) return void invalidGrant('Invalid code: it was issued to another client.');
      if (code.redirectUri !== body.redirect_uri)
        return void invalidGrant('Invalid redirect_uri: it must match the one sent to the authorize URL.');
      return void issuePair(ctx, store.createGrant(code.clientId, code.account, code.scopes, randomUUID()));
    }
    if (body.grant_type === 'refresh_token') {
      if (!body.refresh_token)
        return void notionError(ctx, 400, 'invalid_request', 'body failed validation: body.refresh_token should be defined.');
      applyRefreshFault(ctx, store, body.refresh_token);
      const found = store.lookupRefresh(body.refresh_token);
      if (!found || !store.isRefreshUsable(found.refresh, found.grant))
        return void invalidGrant('Invalid refresh token: it was revoked, already used or never issued.');
      // Rotation: a new pair each time, same bot (connection); the old refresh token is dead.
      store.markRotated(found.refresh);
      stats.successfulRefreshes++;
      return void issuePair(ctx, found.grant);
    }
    return void notionError(ctx, 400, 'unsupported_grant_type', `Unsupported grant_type: ${body.grant_type}`);
  });

  router.post('/v1/oauth/introspect', async function notionIntrospect(ctx) {
    const body = await readClientRequest(ctx);
    if (!body) return;
    const access = store.lookupAccess(body.token);
    ctx.body =
      access.status === 'valid'
        ? { active: true, scope: 'read_content', iat: Math.floor(access.access.issuedAt / 1000), request_id: randomUUID() }
        : { active: false, request_id: randomUUID() };
  });

  router.post('/v1/oauth/revoke', async function notionRevoke(ctx) {
    const body = await readClientRequest(ctx);
    if (!body) return;
    // Revoking either token removes the connection, so every token of the grant stops working.
    const grant = body.token ? store.grantOfToken(body.token) : undefined;
    if (grant) store.revokeGrant(grant.id);
    ctx.body = { request_id: randomUUID() };
  });
}
