import type { ProviderSettings } from '../settings.js';

/**
 * Airtable: 5 calls/s per base for every plan, and 50 calls/s per user for personal-token traffic
 * (applied to OAuth traffic too: unconfirmed either way, and a 429 costs a 30 s lock-out); fact
 * sheet 2.3 ([A7]: "Airtable may change limits per plan"). An integration may have no client
 * secret (a public client, Q2).
 */
export const airtableSettings = {
  id: 'airtable',
  displayName: 'Airtable',
  envPrefix: 'AIRTABLE',
  credentialsAbout:
    'Airtable OAuth integration credentials. The secret is optional: an integration without one is a public client (`client_id` in the token request, no Basic auth).',
  clientSecret: 'optional',
  urls: {
    authUrl: { env: 'AIRTABLE_AUTH_URL', default: 'https://airtable.com', about: 'Consent page and token endpoint.' },
    apiUrl: { env: 'AIRTABLE_API_URL', default: 'https://api.airtable.com', about: 'Web API.' },
  },
  rateLimits: {
    base: {
      env: 'AIRTABLE_RATE_LIMIT_PER_BASE_PER_SECOND',
      max: 5,
      windowMs: 1_000,
      about: 'Airtable calls per second per base (published for every plan).',
    },
    user: {
      env: 'AIRTABLE_RATE_LIMIT_PER_USER_PER_SECOND',
      max: 50,
      windowMs: 1_000,
      about: 'Airtable calls per second for all traffic of one user (published for personal access tokens; applied to OAuth traffic too).',
    },
  },
} as const satisfies ProviderSettings;
