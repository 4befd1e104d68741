/**
 * `npm start`: the zero-configuration demo. Starts, in one process:
 * - the provider simulators (sandbox/) for every provider without real client credentials,
 * - the GraphQL server (in-memory store unless REDIS_URL is set),
 * - the Vite dev server with the demo page (DEMO_PORT, default 3000).
 * Production uses `npm run serve` instead: the server alone, configured only by env.
 */
import { createServer as createHttpServer } from 'node:http';
import { createServer as createViteServer } from 'vite';
import { startSandbox, type RunningSandbox } from '../sandbox/src/index.js';
import { loadConfig, ConfigError, type ProviderId } from '../server/src/config/env.js';
import { createLogger } from '../server/src/logging/logger.js';
import { startServer } from '../server/src/server.js';

const PROVIDERS: readonly ProviderId[] = ['hubspot', 'airtable', 'notion'];
const env = process.env;
const port = Number(env.PORT ?? 8000);
const demoPort = Number(env.DEMO_PORT ?? 3000);
const publicUrl = env.PUBLIC_URL ?? `http://localhost:${port}`;
const demoOrigin = `http://localhost:${demoPort}`;

const hasCredentials = (p: ProviderId) => Boolean(env[`${p.toUpperCase()}_CLIENT_ID`] && env[`${p.toUpperCase()}_CLIENT_SECRET`]);
const simulated = PROVIDERS.filter((p) => !hasCredentials(p));

function sandboxEnv(sandbox: RunningSandbox): Record<string, string> {
  const out: Record<string, string> = {};
  if (simulated.includes('hubspot')) {
    Object.assign(out, { HUBSPOT_CLIENT_ID: sandbox.hubspot.clientId, HUBSPOT_CLIENT_SECRET: sandbox.hubspot.clientSecret, HUBSPOT_AUTH_URL: sandbox.hubspot.authUrl, HUBSPOT_API_URL: sandbox.hubspot.apiUrl });
  }
  if (simulated.includes('airtable')) {
    Object.assign(out, { AIRTABLE_CLIENT_ID: sandbox.airtable.clientId, AIRTABLE_CLIENT_SECRET: sandbox.airtable.clientSecret, AIRTABLE_AUTH_URL: sandbox.airtable.authUrl, AIRTABLE_API_URL: sandbox.airtable.apiUrl });
  }
  if (simulated.includes('notion')) {
    Object.assign(out, { NOTION_CLIENT_ID: sandbox.notion.clientId, NOTION_CLIENT_SECRET: sandbox.notion.clientSecret, NOTION_API_URL: sandbox.notion.apiUrl });
  }
  return out;
}

const sandbox = simulated.length > 0 ? await startSandbox({ host: '127.0.0.1' }) : null;
let config;
try {
  config = loadConfig(
    {
      ...env,
      PORT: String(port),
      PUBLIC_URL: publicUrl,
      ALLOWED_ORIGINS: env.ALLOWED_ORIGINS ?? `${demoOrigin},http://127.0.0.1:${demoPort}`,
      ...(sandbox ? sandboxEnv(sandbox) : {}),
    },
    { sandboxProviders: simulated, defaultAuthMode: 'open' },
  );
} catch (error) {
  if (error instanceof ConfigError) {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
}
for (const p of simulated) sandbox?.registerRedirectUri(`${config.publicUrl}/integrations/${p}/oauth2callback`);

const logger = createLogger({ level: env.LOG_LEVEL ?? 'warn' });
const server = await startServer({ config, logger, allowEphemeralKey: true });

// Vite in middleware mode behind our own HTTP server: a standalone Vite server installs SIGTERM
// and stdin-end handlers that exit the process (143), bypassing this script's graceful stop.
process.env.VITE_GRAPHQL_ENDPOINT = `${config.publicUrl}/graphql`;
const demoServer = createHttpServer();
const vite = await createViteServer({
  configFile: new URL('../widget/vite.config.ts', import.meta.url).pathname,
  server: { middlewareMode: true, hmr: { server: demoServer } },
  appType: 'mpa',
  logLevel: 'warn',
});
demoServer.on('request', vite.middlewares);
await new Promise<void>((resolve, reject) => {
  demoServer.once('error', reject);
  demoServer.listen(demoPort, 'localhost', resolve);
});

const lines = [
  '',
  'integration-connector is running',
  `  Demo page      ${demoOrigin}/`,
  `  GraphQL        ${config.publicUrl}/graphql`,
  `  Health         ${config.publicUrl}/healthz   ${config.publicUrl}/readyz`,
  `  Store          ${config.redisUrl ? 'Redis' : 'in-memory (set REDIS_URL to keep connections across restarts)'}`,
];
if (server.stores.ephemeralKey) lines.push('  Encryption     ephemeral key generated for this run (set ENCRYPTION_KEY to keep stored connections readable)');
if (sandbox) {
  lines.push('', `  SIMULATED providers (sandbox, fake data, not the real services): ${simulated.join(', ')}`);
  if (simulated.includes('hubspot')) lines.push(`    HubSpot   ${sandbox.hubspot.apiUrl}`);
  if (simulated.includes('airtable')) lines.push(`    Airtable  ${sandbox.airtable.apiUrl}`);
  if (simulated.includes('notion')) lines.push(`    Notion    ${sandbox.notion.apiUrl}`);
  lines.push('    Set <PROVIDER>_CLIENT_ID and <PROVIDER>_CLIENT_SECRET to use a real provider instead.');
}
const real = PROVIDERS.filter((p) => !simulated.includes(p));
if (real.length) lines.push(`  Real providers: ${real.join(', ')}`);
console.log(lines.join('\n'));

let stopping = false;
async function stop(signal: string) {
  if (stopping) return;
  stopping = true;
  console.log(`\n${signal}: stopping`);
  await Promise.allSettled([vite.close(), new Promise((resolve) => demoServer.close(resolve)), server.close(), sandbox?.close()]);
  process.exit(0);
}
process.once('SIGINT', () => void stop('SIGINT'));
process.once('SIGTERM', () => void stop('SIGTERM'));
