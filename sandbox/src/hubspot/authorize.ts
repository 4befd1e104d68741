import type { Router } from '@koa/router';
import { type AuthorizeCheck, authorizeHandlers } from '../shared/authorize.js';
import { withQuery } from '../shared/http.js';
import { messagePage } from '../shared/pages.js';
import type { ProviderRuntime } from '../shared/runtime.js';
import type { HubSpotSettings } from './options.js';
import type { HubSpotAccount } from './data.js';

export const HUBSPOT_SCOPES = [
  'oauth',
  'crm.objects.contacts.read',
  'crm.objects.contacts.write',
  'crm.objects.companies.read',
  'crm.objects.companies.write',
  'crm.objects.deals.read',
  'crm.objects.deals.write',
  'crm.schemas.contacts.read',
  'crm.schemas.companies.read',
  'crm.schemas.deals.read',
  'content',
  'forms',
  'tickets',
  'automation',
];

const splitScopes = (raw: string | undefined) => (raw ?? '').split(' ').filter(Boolean);

/** HubSpot never redirects an error or a denial back to the app: every problem is a page (fact sheet 1.1). */
function check(runtime: ProviderRuntime<HubSpotSettings>, p: Record<string, string>): AuthorizeCheck {
  if (p.client_id !== runtime.options.client.clientId)
    return { kind: 'error-page', message: "Couldn't complete the connection: the app's client_id is not valid." };
  if (!runtime.redirects.accepts('hubspot', p.redirect_uri)) {
    return {
      kind: 'error-page',
      message: "Couldn't complete the connection: redirect_uri does not match the app's configured redirect URL.",
    };
  }
  const required = splitScopes(p.scope);
  if (required.length === 0) return { kind: 'error-page', message: 'The scope parameter is required.' };
  const unknown = required.filter((s) => !HUBSPOT_SCOPES.includes(s));
  if (unknown.length) return { kind: 'error-page', message: `Invalid scope(s): ${unknown.join(', ')}` };
  // Required scopes must be configured on the app (Q12); HubSpot shows its own error page (fact sheet 1.1).
  const configured = runtime.options.enabledScopes;
  const missing = required.filter((s) => !configured.includes(s));
  if (missing.length) {
    return {
      kind: 'error-page',
      message: `Authorization failed because there is a mismatch between the scopes in the install URL and the app's configured scopes: ${missing.join(', ')}`,
    };
  }
  // PKCE is not documented for HubSpot's authorize page (Q8): code_challenge is ignored like any
  // other unknown parameter, so a code_verifier at the token endpoint has nothing to match.
  // Optional scopes the portal cannot grant are dropped silently.
  const optional = splitScopes(p.optional_scope).filter((s) => HUBSPOT_SCOPES.includes(s) && !required.includes(s));
  return { kind: 'ok', scopes: [...required, ...optional] };
}

export function hubspotAuthorizeRoutes(router: Router, runtime: ProviderRuntime<HubSpotSettings>, accounts: HubSpotAccount[]): void {
  const handlers = authorizeHandlers({
    providerLabel: 'HubSpot',
    appName: () => runtime.shared.appName,
    accounts: accounts.map((a) => ({ index: a.index, label: `${a.name} (Hub ID ${a.hubId})` })),
    autoApprove: runtime.shared.autoApprove,
    stats: runtime.stats,
    check: (p) => check(runtime, p),
    allow(p, account, scopes) {
      const code = runtime.store.issueCode(
        {
          clientId: p.client_id ?? '',
          redirectUri: p.redirect_uri,
          account,
          scopes,
          codeChallenge: undefined,
          codeChallengeMethod: undefined,
        },
        runtime.shared.codeTtlSeconds,
      );
      return withQuery(p.redirect_uri ?? '', { code, state: p.state });
    },
    deny: () => ({
      page: messagePage(
        'HubSpot',
        'Connection cancelled',
        'You chose not to connect this app. Nothing was sent to the app; you can close this window.',
      ),
    }),
    errorRedirect: (p) => p.redirect_uri ?? '',
    presetAccount(ctx) {
      const hubId = Number(/^\/oauth\/(\d+)\/authorize$/.exec(ctx.path)?.[1]);
      return accounts.find((a) => a.hubId === hubId)?.index;
    },
  });
  router.get('/oauth/authorize', handlers.get);
  router.post('/oauth/authorize', handlers.post);
  router.get('/oauth/:accountId/authorize', handlers.get);
  router.post('/oauth/:accountId/authorize', handlers.post);
}
