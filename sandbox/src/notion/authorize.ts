import type { Router } from '@koa/router';
import { type AuthorizeCheck, authorizeHandlers } from '../shared/authorize.js';
import { withQuery } from '../shared/http.js';
import type { ProviderRuntime } from '../shared/runtime.js';
import type { NotionSettings } from './options.js';
import type { NotionWorkspace } from './data.js';

/** Notion has no scopes: access is the connection's capabilities plus the pages the user shares. */
function check(runtime: ProviderRuntime<NotionSettings>, p: Record<string, string>): AuthorizeCheck {
  if (p.client_id !== runtime.options.client.clientId)
    return { kind: 'error-page', message: 'Invalid client_id: this connection does not exist.' };
  if (!runtime.redirects.accepts('notion', p.redirect_uri))
    return { kind: 'error-page', message: "Invalid redirect_uri: it is not one of the connection's redirect URIs." };
  if (p.response_type !== 'code')
    return { kind: 'redirect-error', error: 'unsupported_response_type', description: 'response_type must be "code"' };
  if (p.owner !== 'user') return { kind: 'redirect-error', error: 'invalid_request', description: 'owner must be "user"' };
  return { kind: 'ok', scopes: [] };
}

export function notionAuthorizeRoutes(router: Router, runtime: ProviderRuntime<NotionSettings>, workspaces: NotionWorkspace[]): void {
  const handlers = authorizeHandlers({
    providerLabel: 'Notion',
    appName: () => runtime.shared.appName,
    accounts: workspaces.map((w) => ({ index: w.index, label: `${w.workspaceName} (${w.owner.email})` })),
    autoApprove: runtime.shared.autoApprove,
    stats: runtime.stats,
    check: (p) => check(runtime, p),
    allow(p, account) {
      const code = runtime.store.issueCode(
        {
          clientId: p.client_id ?? '',
          redirectUri: p.redirect_uri,
          account,
          scopes: [],
          codeChallenge: undefined,
          codeChallengeMethod: undefined,
        },
        runtime.shared.codeTtlSeconds,
      );
      return withQuery(p.redirect_uri ?? '', { code, state: p.state });
    },
    // Notion's denial carries no error_description (fact sheet 3.1).
    deny: (p) => ({ redirect: withQuery(p.redirect_uri ?? '', { error: 'access_denied', state: p.state }) }),
    errorRedirect: (p, error) => withQuery(p.redirect_uri ?? '', { error, state: p.state }),
  });
  router.get('/v1/oauth/authorize', handlers.get);
  router.post('/v1/oauth/authorize', handlers.post);
}
