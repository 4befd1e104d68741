import { z } from 'zod';
import type { OAuthProvider } from '../oauth-provider.js';

export const NOTION_VERSION = '2025-09-03';

/**
 * Notion OAuth (fact sheet §3.1). The token endpoint takes a JSON body with HTTP Basic client
 * auth, which no RFC 6749 library sends, hence the `json-basic` style. No scopes, no PKCE,
 * `owner=user` is required. The token response names the workspace, so no identity call is
 * needed; there is no `expires_in` (tokens live until refreshed or revoked) and refresh rotates.
 */
const tokenResponse = z.object({
  access_token: z.string().min(1),
  token_type: z.string(),
  refresh_token: z.string().min(1).nullable().optional(),
  bot_id: z.string().min(1),
  workspace_id: z.string().min(1),
  workspace_name: z.string().nullable().optional(),
  owner: z.unknown().optional(),
});

export const notionOAuth: OAuthProvider<z.infer<typeof tokenResponse>> = {
  authorizeUrl: ({ authUrl }) => `${authUrl}/v1/oauth/authorize`,
  tokenUrl: ({ apiUrl }) => `${apiUrl}/v1/oauth/token`,
  tokenEndpointStyle: 'json-basic',
  tokenHeaders: { 'Notion-Version': NOTION_VERSION },
  scopes: [],
  pkce: false,
  authorizeParams: { owner: 'user' },
  tokenResponse,
  toTokenSet: (raw) => ({
    accessToken: raw.access_token,
    refreshToken: raw.refresh_token ?? null,
    expiresIn: null,
    scopes: [],
    raw,
  }),
  async fetchAccount(tokens) {
    const { workspace_id, workspace_name, bot_id } = tokens.raw;
    return { id: workspace_id, name: workspace_name ?? null, metadata: { botId: bot_id } };
  },
  revocation: { url: ({ apiUrl }) => `${apiUrl}/v1/oauth/revoke`, token: 'access' },
};
