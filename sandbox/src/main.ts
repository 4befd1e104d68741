/**
 * `npm run sandbox`: every simulator on a fixed port, for the demo and manual testing.
 * Env: SANDBOX_HOST, SANDBOX_<ID>_PORT (each simulator's `standalonePort`: 4101, 4102, ... in the
 * registry's order), SANDBOX_SEED, SANDBOX_REDIRECT_URIS (comma list), SANDBOX_AUTO_APPROVE=1,
 * SANDBOX_LIMITS=off, and PUBLIC_URL (the server's public origin: its
 * /integrations/{provider}/oauth2callback URIs get registered).
 */
import { bySimulator, portVariable, serverEnv, SIMULATOR_IDS, simulatorModule, startSandbox } from './index.js';

const env = process.env;
const port = (name: string, fallback: number) => (env[name] ? Number(env[name]) : fallback);
const explicit = (env.SANDBOX_REDIRECT_URIS ?? '')
  .split(',')
  .map((s) => s.trim())
  .filter(Boolean);
const publicCallbacks = env.PUBLIC_URL
  ? SIMULATOR_IDS.map((p) => `${env.PUBLIC_URL?.replace(/\/$/, '')}/integrations/${p}/oauth2callback`)
  : [];
const redirectUris = [...explicit, ...publicCallbacks];

const sandbox = await startSandbox({
  host: env.SANDBOX_HOST ?? '127.0.0.1',
  ...bySimulator((module) => ({ port: port(portVariable(module.id), module.standalonePort) })),
  seed: env.SANDBOX_SEED ? Number(env.SANDBOX_SEED) : 1,
  redirectUris,
  // Without an explicit list, accept our server's local callback shape on any port.
  acceptLocalCallbacks: explicit.length === 0,
  autoApprove: env.SANDBOX_AUTO_APPROVE === '1',
  rateLimits: env.SANDBOX_LIMITS !== 'off',
});

const labels = SIMULATOR_IDS.map((id) => simulatorModule(id).label);
const width = Math.max(...labels.map((label) => label.length)) + 2;
const lines = [
  `=== SANDBOX: simulated ${labels.slice(0, -1).join(', ')} and ${labels.at(-1)}. NOT the real services; all data is fake. ===`,
  '',
  ...SIMULATOR_IDS.map((id) => simulatorModule(id).label.padEnd(width) + simulatorModule(id).describe(sandbox[id], sandbox.dataset[id])),
  '',
  redirectUris.length ? `Redirect URIs registered (exact match): ${redirectUris.join(', ')}` : 'Redirect URIs: none registered explicitly.',
  explicit.length
    ? 'Only those URIs are accepted (SANDBOX_REDIRECT_URIS is set).'
    : `SANDBOX_REDIRECT_URIS unset: ANY http://localhost:<port>/integrations/{${SIMULATOR_IDS.join('|')}}/oauth2callback (or 127.0.0.1) is accepted too.`,
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
