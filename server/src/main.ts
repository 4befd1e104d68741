#!/usr/bin/env node
/**
 * `npm run serve`, the package's `integration-connector-server` bin and the Docker image: the
 * server alone, configured only by environment variables. Exits non-zero with a readable message
 * on bad configuration.
 */
import { ConfigError, loadConfig } from './config/env.js';
import { createLogger } from './logging/logger.js';
import { startServer } from './server.js';
import { readableSummary, startupSummary } from './startup-summary.js';
import { MissingEncryptionKeyError, StoreUnavailableError } from './store/index.js';

async function main() {
  let config;
  try {
    config = loadConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  const logger = createLogger({ level: config.logLevel, pseudonymKey: config.encryptionKey });
  let running;
  try {
    running = await startServer({ config, logger });
  } catch (error) {
    if (error instanceof MissingEncryptionKeyError || error instanceof StoreUnavailableError) {
      logger.fatal({ err: error }, error.message);
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      process.stderr.write(`Port ${config.port} is already in use: set PORT to a free port.\n`);
      process.exit(1);
    }
    throw error;
  }
  const summary = startupSummary(config, running.url);
  logger.info(summary, 'integration-connector server listening');
  // A person at a terminal reads the same facts as lines (stderr: stdout stays one JSON line each).
  if (config.nodeEnv === 'development' && config.logLevel !== 'silent') process.stderr.write(readableSummary(summary));
  if (!config.redisUrl && !config.redisClusterNodes)
    logger.warn('No REDIS_URL: using the in-memory store; connections are lost on restart.');

  const shutdown = (signal: string) => {
    logger.info({ signal }, 'shutting down: finishing in-flight requests');
    running.close().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
}

await main();
