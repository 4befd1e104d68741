import type { ProviderSettings } from '../settings.js';

/**
 * HubSpot's rolling 10-second budget per installing account (fact sheet 1.3, Q6): 110 calls for
 * marketplace-distributed apps; privately distributed apps get 100 on Free/Starter accounts and
 * 190 on Professional/Enterprise. The default is the floor every app gets, 100.
 */
export const hubspotSettings = {
  id: 'hubspot',
  displayName: 'HubSpot',
  envPrefix: 'HUBSPOT',
  credentialsAbout: 'HubSpot app credentials. Unset: provider reported `configured: false` (or simulated under `npm start`).',
  clientSecret: 'required',
  urls: {
    authUrl: { env: 'HUBSPOT_AUTH_URL', default: 'https://app.hubspot.com', about: 'Where the consent page lives.' },
    apiUrl: {
      env: 'HUBSPOT_API_URL',
      default: 'https://api.hubapi.com',
      about: 'Token, introspection, revocation, account-info and CRM APIs.',
    },
  },
  rateLimits: {
    account: {
      env: 'HUBSPOT_RATE_LIMIT_PER_10_SECONDS',
      max: 100,
      windowMs: 10_000,
      about:
        'HubSpot calls per rolling 10 s per installing account. 100 is the floor (privately distributed apps on Free/Starter); marketplace apps get 110, private apps on Professional/Enterprise 190.',
    },
  },
} as const satisfies ProviderSettings;
