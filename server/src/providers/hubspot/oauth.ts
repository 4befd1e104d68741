import { z } from 'zod';
import type { OAuthProvider } from '../oauth-provider.js';
import { providerJson } from '../provider-http.js';
import { accountLimit } from './limits.js';

/**
 * HubSpot OAuth (fact sheet §1.1). Date-versioned 2026-03 endpoints: the v1 ones stop working on
 * 2027-02-16. Client secret travels in the form body. No PKCE: HubSpot's authorize page does not
 * document `code_challenge` (only `code_verifier` is in the token schema; Q8), and an ignored
 * challenge protects nothing. On denial HubSpot never redirects back: the attempt simply expires
 * (the widget reports it).
 *
 * The account: hub id from token introspection, and where its app opens from account-info
 * (`uiDomain`: `app-eu1.hubspot.com` for EU-hosted accounts, Q7; scope `oauth`).
 */
const tokenResponse = z.object({
  access_token: z.string().min(1),
  refresh_token: z.string().min(1),
  expires_in: z.number().int().positive(),
  token_type: z.string(),
  hub_id: z.number().int().optional(),
  user_id: z.number().int().optional(),
  scopes: z.array(z.string()).optional(),
});

/** "Retrieve account details" (account-info v3): the fields we read; a UI domain is a HubSpot host. */
const accountDetails = z.object({
  uiDomain: z.string().regex(/^[a-z0-9-]+(\.[a-z0-9-]+)*\.hubspot\.com$/i),
  dataHostingLocation: z.string().optional(),
});

const introspection = z.object({
  active: z.boolean(),
  hub_id: z.number().int().optional(),
  hub_domain: z.string().optional(),
  user: z.string().optional(),
});

export const hubspotOAuth: OAuthProvider<z.infer<typeof tokenResponse>> = {
  authorizeUrl: ({ authUrl }) => `${authUrl}/oauth/authorize`,
  tokenUrl: ({ apiUrl }) => `${apiUrl}/oauth/2026-03/token`,
  tokenEndpointStyle: 'form-post',
  scopes: ['oauth', 'crm.objects.contacts.read', 'crm.objects.companies.read', 'crm.objects.deals.read'],
  pkce: false,
  tokenResponse,
  toTokenSet: (raw) => ({
    accessToken: raw.access_token,
    refreshToken: raw.refresh_token,
    expiresIn: raw.expires_in,
    scopes: raw.scopes ?? [],
    raw,
  }),
  async fetchAccount(tokens, { endpoints, fetch, timeoutMs, limiter }) {
    const body = new URLSearchParams({
      token: tokens.accessToken,
      token_type_hint: 'access_token',
      client_id: endpoints.clientId ?? '',
      client_secret: endpoints.clientSecret ?? '',
    });
    const info = await providerJson(introspection, `${endpoints.apiUrl}/oauth/2026-03/token/introspect`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body,
      fetch,
      timeoutMs,
    });
    const hubId = info.hub_id ?? tokens.raw.hub_id;
    if (hubId === undefined) throw new Error('HubSpot introspection returned no hub_id');
    // An API call like any other: it spends the account's budget, so it books its slot first.
    await limiter?.acquire([accountLimit(String(hubId), endpoints)], { maxWaitMs: timeoutMs });
    const details = await providerJson(accountDetails, `${endpoints.apiUrl}/account-info/v3/details`, {
      headers: { authorization: `Bearer ${tokens.accessToken}` },
      fetch,
      timeoutMs,
    });
    return {
      id: String(hubId),
      name: info.hub_domain ?? null,
      metadata: { hubId: String(hubId), uiDomain: details.uiDomain.toLowerCase() },
    };
  },
  revocation: { url: ({ apiUrl }) => `${apiUrl}/oauth/2026-03/token/revoke`, token: 'refresh' },
};
