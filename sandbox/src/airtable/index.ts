import { defineSimulator } from '../module.js';
import { createAirtableApp } from './app.js';
import { generateAirtable } from './data.js';
import { airtableFullLoad } from './full-load.js';
import { airtableHandle } from './handle.js';
import { DEFAULT_CLIENT, resolveAirtableOptions } from './options.js';

export type { AirtableAccount, AirtableBase, AirtableField, AirtableRecord, AirtableTable, CellValue, Collaborator } from './model.js';
export type { AirtableLimit, AirtableOptions } from './options.js';
export type { AirtableHandle } from './handle.js';
export type { AirtableMutation, AirtableMutator, MutationResult } from './mutations.js';
export type { NotificationAttempt } from './notifications.js';

/** Airtable: one origin plays airtable.com (consent and token) and api.airtable.com (/v0). */
export const airtable = defineSimulator({
  id: 'airtable',
  label: 'Airtable',
  standalonePort: 4102,
  defaultClient: DEFAULT_CLIENT,
  resolveOptions: resolveAirtableOptions,
  generate: (seed, { size }) => generateAirtable(seed, size),
  createApp: createAirtableApp,
  handle: airtableHandle,
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
