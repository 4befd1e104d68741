/**
 * `npm start`: the zero-configuration demo: the provider simulators for every provider without real
 * client credentials, the GraphQL server and the demo page, in one process (scripts/demo-stack.ts).
 * Production uses `npm run serve` instead: the server alone, configured only by env.
 */
import { simulatorModule } from '../sandbox/src/index.js';
import { ConfigError } from '../server/src/config/env.js';
import { createLogger } from '../server/src/logging/logger.js';
import { PROVIDER_IDS } from '../server/src/providers/registry.js';
import { PortInUseError, startDemoStack, type DemoStack } from './demo-stack.js';

const env = process.env;
const port = Number(env.PORT ?? 8000);
const demoPort = Number(env.DEMO_PORT ?? 3000);

let stack: DemoStack;
try {
  stack = await startDemoStack({
    port,
    demoPort,
    host: 'localhost',
    env,
    logger: createLogger({ level: env.LOG_LEVEL ?? 'warn' }),
    hotReload: true,
  });
} catch (error) {
  if (error instanceof ConfigError) console.error(error.message);
  else if (error instanceof PortInUseError) console.error(`${error.message} (e.g. ${error.variable}=${error.port + 1} npm start)`);
  else throw error;
  process.exit(1);
}

const { config, sandbox, simulated } = stack;
const lines = [
  '',
  'integration-connector is running',
  `  Demo page      ${stack.demoOrigin}/`,
  `  GraphQL        ${config.publicUrl}/graphql`,
  `  Health         ${config.publicUrl}/healthz   ${config.publicUrl}/readyz`,
  `  Store          ${config.redisUrl ? 'Redis' : 'in-memory (set REDIS_URL to keep connections across restarts)'}`,
];
if (stack.server.stores.ephemeralKey)
  lines.push('  Encryption     ephemeral key generated for this run (set ENCRYPTION_KEY to keep stored connections readable)');
if (sandbox) {
  lines.push('', `  SIMULATED providers (sandbox, fake data, not the real services): ${simulated.join(', ')}`);
  for (const id of simulated) lines.push(`    ${simulatorModule(id).label.padEnd(9)} ${sandbox[id].apiUrl}`);
  lines.push('    Set <PROVIDER>_CLIENT_ID and <PROVIDER>_CLIENT_SECRET to use a real provider instead.');
}
const real = PROVIDER_IDS.filter((p) => !simulated.includes(p));
if (real.length) lines.push(`  Real providers: ${real.join(', ')}`);
console.log(lines.join('\n'));

let stopping = false;
async function stop(signal: string) {
  if (stopping) return;
  stopping = true;
  console.log(`\n${signal}: stopping`);
  await stack.close();
  process.exit(0);
}
process.once('SIGINT', () => void stop('SIGINT'));
process.once('SIGTERM', () => void stop('SIGTERM'));
