import { confidentialSecret, defineSimulator } from '../module.js';
import { createNotionApp } from './app.js';
import { generateNotion } from './data.js';
import { notionFullLoad } from './full-load.js';
import { DEFAULT_CLIENT, resolveNotionOptions } from './options.js';

export type { NotionDataSource, NotionItem, NotionParent, NotionWorkspace } from './data.js';
export type { NotionLimit, NotionOptions } from './options.js';

/** Notion: api.notion.com, consent page and OAuth endpoints included, as in reality. */
export const notion = defineSimulator({
  id: 'notion',
  label: 'Notion',
  standalonePort: 4103,
  defaultClient: DEFAULT_CLIENT,
  resolveOptions: resolveNotionOptions,
  generate: (seed, { size }) => generateNotion(seed, size.items),
  createApp: createNotionApp,
  handle: (origin, { client }) => ({ apiUrl: origin, clientId: client.clientId, clientSecret: confidentialSecret('Notion', client) }),
  serverEnv: (handle) => ({
    NOTION_CLIENT_ID: handle.clientId,
    NOTION_CLIENT_SECRET: handle.clientSecret,
    NOTION_API_URL: handle.apiUrl,
  }),
  describe: (handle, accounts) =>
    `authorize ${handle.apiUrl}/v1/oauth/authorize   api ${handle.apiUrl}/v1   (${accounts.map((w) => w.items.length).join('/')} items per workspace)`,
  fullLoad: notionFullLoad,
});
