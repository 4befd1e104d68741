import type { ProviderSettings } from '../settings.js';

/**
 * Notion's per-connection budget per 60 s window (fact sheet 3.4, Q11, [N4]): 180 on most plans,
 * 600 on Business and Enterprise workspaces. The default is the floor, 180. Consent, token and
 * data APIs share one host, hence one variable for both URLs.
 */
const api = { env: 'NOTION_API_URL', default: 'https://api.notion.com', about: 'Consent, token and API.' } as const;

export const notionSettings = {
  id: 'notion',
  displayName: 'Notion',
  envPrefix: 'NOTION',
  credentialsAbout: 'Notion public connection credentials.',
  clientSecret: 'required',
  urls: { authUrl: api, apiUrl: api },
  rateLimits: {
    connection: {
      env: 'NOTION_RATE_LIMIT_PER_MINUTE',
      max: 180,
      windowMs: 60_000,
      about: 'Notion calls per minute per connection. 180 is the floor; Business and Enterprise workspaces get 600.',
    },
  },
} as const satisfies ProviderSettings;
