import type { Router } from '@koa/router';
import { type AuthorizeCheck, authorizeHandlers } from '../shared/authorize.js';
import { withQuery } from '../shared/http.js';
import type { ProviderRuntime } from '../shared/runtime.js';
import type { AirtableSettings } from './options.js';
import type { AirtableAccount } from './data.js';

/** Every scope Airtable has (scopes reference, [A12]); an integration enables some of them. */
export const AIRTABLE_SCOPES = [
  'data.records:read',
  'data.records:write',
  'data.recordComments:read',
  'schema.bases:read',
  'schema.bases:write',
  'user.email:read',
  'webhook:manage',
];

const STATE = /^[A-Za-z0-9._-]{16,1024}$/;
const CHALLENGE = /^[A-Za-z0-9_-]{43}$/;

/** client_id / redirect_uri problems cannot be trusted to redirect: page. Everything else redirects. */
function check(runtime: ProviderRuntime<AirtableSettings>, p: Record<string, string>): AuthorizeCheck {
  if (p.client_id !== runtime.options.client.clientId)
    return { kind: 'error-page', message: 'Invalid client_id: no such OAuth integration.' };
  if (!runtime.redirects.accepts('airtable', p.redirect_uri))
    return { kind: 'error-page', message: 'Invalid redirect_uri: it must exactly match a registered redirect URI.' };
  if (p.response_type !== 'code')
    return { kind: 'redirect-error', error: 'unsupported_response_type', description: 'response_type must be "code"' };
  if (!p.state || !STATE.test(p.state))
    return { kind: 'redirect-error', error: 'invalid_request', description: 'state must be 16-1024 characters of a-z A-Z 0-9 . - _' };
  if (!p.code_challenge || !CHALLENGE.test(p.code_challenge))
    return {
      kind: 'redirect-error',
      error: 'invalid_request',
      description: 'code_challenge is required (base64url SHA-256, 43 characters)',
    };
  if (p.code_challenge_method !== 'S256')
    return { kind: 'redirect-error', error: 'invalid_request', description: 'code_challenge_method must be "S256"' };
  const scopes = (p.scope ?? '').split(' ').filter(Boolean);
  if (scopes.length === 0) return { kind: 'redirect-error', error: 'invalid_scope', description: 'at least one scope is required' };
  if (new Set(scopes).size !== scopes.length)
    return { kind: 'redirect-error', error: 'invalid_scope', description: 'scopes must be unique' };
  // Each requested scope must be one the integration has enabled, else the consent fails (Q12, [A1]).
  const enabled = runtime.options.enabledScopes;
  const unknown = scopes.filter((s) => !enabled.includes(s));
  if (unknown.length)
    return { kind: 'redirect-error', error: 'invalid_scope', description: `scope not enabled for this integration: ${unknown.join(' ')}` };
  return { kind: 'ok', scopes };
}

export function airtableAuthorizeRoutes(router: Router, runtime: ProviderRuntime<AirtableSettings>, accounts: AirtableAccount[]): void {
  const handlers = authorizeHandlers({
    providerLabel: 'Airtable',
    appName: () => runtime.shared.appName,
    accounts: accounts.map((a) => ({ index: a.index, label: `${a.name} <${a.email}> — ${a.bases.filter((b) => b.granted).length} bases` })),
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
          codeChallenge: p.code_challenge,
          codeChallengeMethod: 'S256',
        },
        runtime.shared.codeTtlSeconds,
      );
      return withQuery(p.redirect_uri ?? '', {
        code,
        state: p.state,
        code_challenge: p.code_challenge,
        code_challenge_method: p.code_challenge_method,
      });
    },
    deny: (p) => ({
      redirect: withQuery(p.redirect_uri ?? '', {
        error: 'access_denied',
        error_description: 'The user denied the authorization request',
        state: p.state,
      }),
    }),
    errorRedirect: (p, error, description) => withQuery(p.redirect_uri ?? '', { error, error_description: description, state: p.state }),
  });
  router.get('/oauth2/v1/authorize', handlers.get);
  router.post('/oauth2/v1/authorize', handlers.post);
}
