import { confidentialSecret, defineSimulator } from '../module.js';
import { createHubSpotApp } from './app.js';
import { generateHubSpot } from './data.js';
import { hubspotFullLoad } from './full-load.js';
import { DEFAULT_CLIENT, resolveHubSpotOptions } from './options.js';

export type { CrmObjectType, CrmRecord, HubSpotAccount } from './data.js';
export type { HubSpotLimit, HubSpotOptions } from './options.js';

/** HubSpot: one origin plays app.hubspot.com (consent) and api.hubapi.com (token, introspection, CRM). */
export const hubspot = defineSimulator({
  id: 'hubspot',
  label: 'HubSpot',
  standalonePort: 4101,
  defaultClient: DEFAULT_CLIENT,
  resolveOptions: resolveHubSpotOptions,
  generate: (seed, { size }) => generateHubSpot(seed, size, size.extraAccounts),
  createApp: createHubSpotApp,
  handle: (origin, { client }) => ({
    /** Plays app.hubspot.com. */
    authUrl: origin,
    /** Plays api.hubapi.com. */
    apiUrl: origin,
    clientId: client.clientId,
    clientSecret: confidentialSecret('HubSpot', client),
  }),
  serverEnv: (handle) => ({
    HUBSPOT_CLIENT_ID: handle.clientId,
    HUBSPOT_CLIENT_SECRET: handle.clientSecret,
    HUBSPOT_AUTH_URL: handle.authUrl,
    HUBSPOT_API_URL: handle.apiUrl,
  }),
  describe: (handle, accounts) =>
    `authorize ${handle.authUrl}/oauth/authorize   api ${handle.apiUrl}   (${accounts.map((a) => a.contacts.length).join('/')} contacts per account)`,
  fullLoad: hubspotFullLoad,
});
