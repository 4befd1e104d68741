/**
 * `npm run sandbox`: the three simulators on fixed ports, for the demo and manual testing.
 * Env: SANDBOX_HOST, SANDBOX_HUBSPOT_PORT (4101), SANDBOX_AIRTABLE_PORT (4102), SANDBOX_NOTION_PORT (4103),
 * SANDBOX_SEED, SANDBOX_REDIRECT_URIS (comma list), SANDBOX_AUTO_APPROVE=1, SANDBOX_LIMITS=off, and PUBLIC_URL
 * (the server's public origin: its three /integrations/{provider}/oauth2callback URIs get registered).
 */
import { serverEnv, startSandbox } from './index.js';

const env = process.env;
const port = (name: string, fallback: number) => (env[name] ? Number(env[name]) : fallback);
const explicit = (env.SANDBOX_REDIRECT_URIS ?? '')
  .split(',')
  .map((s) => s.trim())
  .filter(Boolean);
const publicCallbacks = env.PUBLIC_URL
  ? ['hubspot', 'airtable', 'notion'].map((p) => `${env.PUBLIC_URL?.replace(/\/$/, '')}/integrations/${p}/oauth2callback`)
  : [];
const redirectUris = [...explicit, ...publicCallbacks];

const sandbox = await startSandbox({
  host: env.SANDBOX_HOST ?? '127.0.0.1',
  ports: {
    hubspot: port('SANDBOX_HUBSPOT_PORT', 4101),
    airtable: port('SANDBOX_AIRTABLE_PORT', 4102),
    notion: port('SANDBOX_NOTION_PORT', 4103),
  },
  seed: env.SANDBOX_SEED ? Number(env.SANDBOX_SEED) : 1,
  redirectUris,
  // Without an explicit list, accept our server's local callback shape on any port.
  acceptLocalCallbacks: explicit.length === 0,
  autoApprove: env.SANDBOX_AUTO_APPROVE === '1',
  ...(env.SANDBOX_LIMITS === 'off' ? { limits: { hubspot: false, airtable: false, notion: false } } : {}),
});

const d = sandbox.dataset;
const lines = [
  '=== SANDBOX: simulated HubSpot, Airtable and Notion. NOT the real services; all data is fake. ===',
  '',
  `HubSpot   authorize ${sandbox.hubspot.authUrl}/oauth/authorize   api ${sandbox.hubspot.apiUrl}   (${d.hubspot.map((a) => a.contacts.length).join('/')} contacts per account)`,
  `Airtable  authorize ${sandbox.airtable.authUrl}/oauth2/v1/authorize   api ${sandbox.airtable.apiUrl}/v0   (${d.airtable.map((a) => a.bases.filter((b) => b.granted).length).join('/')} bases per account)`,
  `Notion    authorize ${sandbox.notion.apiUrl}/v1/oauth/authorize   api ${sandbox.notion.apiUrl}/v1   (${d.notion.map((w) => w.items.length).join('/')} items per workspace)`,
  '',
  redirectUris.length ? `Redirect URIs registered (exact match): ${redirectUris.join(', ')}` : 'Redirect URIs: none registered explicitly.',
  explicit.length
    ? 'Only those URIs are accepted (SANDBOX_REDIRECT_URIS is set).'
    : 'SANDBOX_REDIRECT_URIS unset: ANY http://localhost:<port>/integrations/{hubspot|airtable|notion}/oauth2callback (or 127.0.0.1) is accepted too.',
  'Fault injection: POST <provider url>/__sandbox/faults  e.g. {"kind":"server_error","status":503,"count":3}',
  '',
  '# Point the server at the sandbox:',
  ...Object.entries(serverEnv(sandbox)).map(([name, value]) => `${name}=${value}`),
];
console.log(lines.join('\n'));

const stop = async (signal: string) => {
  console.log(`\n[sandbox] ${signal}: stopping the simulators`);
  await sandbox.close();
  process.exit(0);
};
process.once('SIGINT', () => void stop('SIGINT'));
process.once('SIGTERM', () => void stop('SIGTERM'));
