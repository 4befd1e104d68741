import type { ProviderSettings } from '../settings.js';

/**
 * Notion's per-connection budget per 60 s window (fact sheet 3.4, Q11, [N4]): 180 on most plans,
 * 600 on Business and Enterprise workspaces. The default is the floor, 180.
 */
export const notionSettings = {
  clientSecret: 'required',
  rateLimits: {
    connection: {
      env: 'NOTION_RATE_LIMIT_PER_MINUTE',
      max: 180,
      windowMs: 60_000,
      about: 'Notion calls per minute per connection. 180 is the floor; Business and Enterprise workspaces get 600.',
    },
  },
} as const satisfies ProviderSettings;
