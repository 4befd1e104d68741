import { z } from 'zod';
import type { OAuthProvider } from '../oauth-provider.js';
import { providerJson } from '../provider-http.js';

/**
 * Airtable OAuth (fact sheet §2.1). PKCE S256 is mandatory (documented: [A1]); the client
 * authenticates with HTTP Basic built from the raw id and secret, or, for an integration without a
 * secret, with `client_id` in the body (Q1, Q2; settings.ts allows that). Refresh tokens rotate
 * and are single use: the flow must store every new pair. There is no revocation endpoint (users
 * revoke in Airtable's UI), so disconnect only forgets.
 *
 * Scopes: only what the calls use (Q12: each must be enabled on the integration, or the consent
 * fails with `invalid_scope`): `schema.bases:read` for the bases and tables lists,
 * `user.email:read` for whoami's email (the account name). No call reads records.
 */
const tokenResponse = z.object({
  access_token: z.string().min(1),
  refresh_token: z.string().min(1),
  token_type: z.string(),
  scope: z.string(),
  expires_in: z.number().int().positive(),
  refresh_expires_in: z.number().int().positive().optional(),
});

const whoami = z.object({ id: z.string().min(1), email: z.string().optional() });

export const airtableOAuth: OAuthProvider<z.infer<typeof tokenResponse>> = {
  authorizeUrl: ({ authUrl }) => `${authUrl}/oauth2/v1/authorize`,
  tokenUrl: ({ authUrl }) => `${authUrl}/oauth2/v1/token`,
  tokenEndpointStyle: 'form-basic',
  scopes: ['schema.bases:read', 'user.email:read'],
  pkce: true,
  tokenResponse,
  toTokenSet: (raw) => ({
    accessToken: raw.access_token,
    refreshToken: raw.refresh_token,
    expiresIn: raw.expires_in,
    scopes: raw.scope.split(' ').filter(Boolean),
    raw,
  }),
  async fetchAccount(tokens, { endpoints, fetch, timeoutMs }) {
    const me = await providerJson(whoami, `${endpoints.apiUrl}/v0/meta/whoami`, {
      headers: { authorization: `Bearer ${tokens.accessToken}` },
      fetch,
      timeoutMs,
    });
    return { id: me.id, name: me.email ?? null, metadata: {} };
  },
};
