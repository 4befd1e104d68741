import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Config } from './config/env.js';
import { buildApp } from './http/app.js';
import { RUN_TTL_MS } from './load/load-service.js';
import type { Logger } from './logging/logger.js';
import { createLimiters, type LimitBudgets } from './limits/index.js';
import { buildServices, type Services } from './services.js';
import { createStores, type ConnectionEventSink, type Stores } from './store/index.js';
import { startWebhookDelivery, type WebhookDelivery, type WebhookTuning } from './webhooks/delivery.js';

export interface RunningServer {
  url: string;
  port: number;
  server: Server;
  stores: Stores;
  /** What the routes serve with (connections, loads, the proxy, the limits), as the composition root built them. */
  services: Services;
  /** Signed webhooks (WEBHOOK_URL), when configured: `webhooks.sink` is where connection events go. */
  webhooks?: WebhookDelivery;
  /** Graceful: stop accepting, let in-flight requests finish, then release Apollo and the store. */
  close(): Promise<void>;
}

export interface StartOptions {
  config: Config;
  logger: Logger;
  /** `npm start` only: an in-memory or Redis store may run on a key generated for this process. */
  allowEphemeralKey?: boolean;
  stores?: Stores;
  fetch?: typeof fetch;
  /** Where connection events go (tests record them); by default the webhook queue when WEBHOOK_URL is set, else a debug line. */
  connectionEvents?: ConnectionEventSink;
  /** Tests only: shorter webhook retry waits and lock timings. */
  webhookTuning?: WebhookTuning;
}

/** Connection events with nowhere else to go: one debug line each (no token is ever in an event). */
export const loggedConnectionEvents = (logger: Logger): ConnectionEventSink => ({
  enqueue: async (event) => logger.debug({ eventId: event.id, type: event.type, provider: event.data.provider }, 'connection event'),
});

export async function startServer(options: StartOptions): Promise<RunningServer> {
  const { config, logger, allowEphemeralKey, stores: given, fetch, webhookTuning } = options;
  const stores =
    given ??
    (await createStores({
      redisUrl: config.redisUrl,
      redisClusterNodes: config.redisClusterNodes,
      redisPassword: config.redisPassword,
      keyPrefix: config.redisKeyPrefix,
      encryptionKey: config.encryptionKey,
      allowEphemeralKey,
    }));
  // On the store's Redis when there is one: every instance spends the same budgets.
  const limits = createLimiters(stores.kv.redis, limitBudgets(config));
  if (config.authMode === 'open') {
    logger.warn(
      "AUTH_MODE=open: identity comes from the request (the widget's User/Organization fields). For demos only; production uses AUTH_MODE=signed.",
    );
  }
  // The one place webhooks are wired: the outbox relay below feeds `webhooks.sink`.
  const webhooks = config.webhook
    ? await startWebhookDelivery({ config: config.webhook, redis: stores.kv.redis, logger, fetch, tuning: webhookTuning })
    : undefined;
  const services = buildServices({ config, stores, limits, logger, fetch, webhookDeliveries: webhooks?.queue });
  const built = await buildApp({ config, logger, services });
  const { requestTimeoutMs, maxConnections } = config.http;
  const server = createServer(
    {
      // A client must send its whole request in time (a slow body or slow headers hold a socket and
      // a parser); Node checks these deadlines every `connectionsCheckingInterval`.
      requestTimeout: requestTimeoutMs,
      headersTimeout: Math.min(requestTimeoutMs, 5_000),
      connectionsCheckingInterval: Math.min(requestTimeoutMs, 1_000),
    },
    built.app.callback(),
  );
  // Beyond this many open sockets new connections are dropped at once instead of piling up.
  server.maxConnections = maxConnections;
  // Long enough for slow provider pages, short enough that idle keep-alives do not pin shutdown.
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, resolve);
  });
  const { port } = server.address() as AddressInfo;
  // The outbox relay: every connection change reaches this sink once the store has it (at least once, in order).
  const relay = stores.outbox.startRelay({
    sink: options.connectionEvents ?? webhooks?.sink ?? loggedConnectionEvents(logger),
    log: logger,
  });

  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= (async () => {
      const drained = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      await drained;
      await built.stop();
      services.close();
      await relay.stop();
      await webhooks?.close();
      if (!given) await stores.kv.close();
    })());

  return {
    url: `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${port}`,
    port,
    server,
    stores,
    services,
    webhooks,
    close,
  };
}

/** What the limiters allow, from the configuration; scratch budgets last one load run. */
export function limitBudgets(config: Config): LimitBudgets {
  return {
    connect: config.connectRateLimit,
    load: { runsPerMinute: config.loadLimits.runsPerMinute, scratchBytes: config.loadLimits.scratchBytes, scratchWindowMs: RUN_TTL_MS },
  };
}
