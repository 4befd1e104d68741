import { defineSimulator } from '../module.js';
import { createAirtableApp } from './app.js';
import { generateAirtable } from './data.js';
import { airtableFullLoad } from './full-load.js';
import { DEFAULT_CLIENT, resolveAirtableOptions } from './options.js';

export type { AirtableAccount, AirtableBase, AirtableRecord, AirtableTable } from './data.js';
export type { AirtableLimit, AirtableOptions } from './options.js';

/** Airtable: one origin plays airtable.com (consent and token) and api.airtable.com (/v0). */
export const airtable = defineSimulator({
  id: 'airtable',
  label: 'Airtable',
  standalonePort: 4102,
  defaultClient: DEFAULT_CLIENT,
  resolveOptions: resolveAirtableOptions,
  generate: (seed, { size }) => generateAirtable(seed, size.bases),
  createApp: createAirtableApp,
  handle: (origin, { client }) => ({
    /** Plays airtable.com (authorize and token). */
    authUrl: origin,
    /** Plays api.airtable.com. */
    apiUrl: origin,
    clientId: client.clientId,
    /** null: an integration without a secret, a public client (Q2). */
    clientSecret: client.clientSecret,
  }),
  serverEnv: (handle) => ({
    AIRTABLE_CLIENT_ID: handle.clientId,
    // A public client (no secret) is configured by leaving the secret out.
    ...(handle.clientSecret === null ? {} : { AIRTABLE_CLIENT_SECRET: handle.clientSecret }),
    AIRTABLE_AUTH_URL: handle.authUrl,
    AIRTABLE_API_URL: handle.apiUrl,
  }),
  describe: (handle, accounts) =>
    `authorize ${handle.authUrl}/oauth2/v1/authorize   api ${handle.apiUrl}/v0   (${accounts.map((a) => a.bases.filter((b) => b.granted).length).join('/')} bases per account)`,
  fullLoad: airtableFullLoad,
});
