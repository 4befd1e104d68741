import { callerIdentifier } from './auth/caller.js';
import type { Config } from './config/env.js';
import { FreshConnections } from './connections/fresh-connection.js';
import { DEFAULT_RETRY_TUNING, type RetryTuning } from './connections/provider-client.js';
import { ConnectionCursors } from './graphql/connection-cursor.js';
import type { AppServices } from './http/app.js';
import type { Limiters } from './limits/index.js';
import { LoadService } from './load/load-service.js';
import type { Logger } from './logging/logger.js';
import type { OAuthServices } from './oauth/services.js';
import { ProviderProxy } from './proxy/provider-proxy.js';
import type { Stores } from './store/index.js';
import type { DeliveryQueue } from './webhooks/delivery-queue.js';

export interface ServiceEdges {
  config: Config;
  stores: Stores;
  /** Rate limits and budgets, on the store's Redis when there is one. */
  limits: Limiters;
  logger: Logger;
  /** How the server reaches providers (tests may wrap it to count or fail calls). */
  fetch?: typeof fetch;
  now?: () => number;
  /** The webhook queue, when WEBHOOK_URL is set: the admin API lists and redelivers failed deliveries. */
  webhookDeliveries?: DeliveryQueue;
}

/** What the app serves with, built once per server; `close` releases what they hold (the proxy's pooled sockets). */
export interface Services extends AppServices {
  close(): void;
}

/** Loads and proxied calls: one provider timeout, one retry and 429 policy (the configured waits). */
export function retryTuning(config: Config): RetryTuning {
  return {
    ...DEFAULT_RETRY_TUNING,
    timeoutMs: config.providerTimeoutMs,
    backoffBaseMs: config.providerRetry.baseMs,
    maxWaitMs: config.providerRetry.maxWaitMs,
    maxQueueMs: config.providerRetry.maxQueueMs,
  };
}

/**
 * The services behind the routes, wired once: the OAuth flow, fresh connections (one refresh at a
 * time per connection in this process), loads and the provider proxy over the same connections
 * and one limiter, so loads, proxied calls and the account lookups at connect spend one rolling
 * budget per provider limit.
 */
export function buildServices({ config, stores, limits, logger, ...edges }: ServiceEdges): Services {
  const oauth: OAuthServices = {
    config,
    stores,
    logger,
    fetch: edges.fetch ?? globalThis.fetch,
    now: edges.now ?? Date.now,
    providerTimeoutMs: config.providerTimeoutMs,
    providerCalls: limits.providerCalls,
  };
  const connections = new FreshConnections(oauth);
  const tuning = retryTuning(config);
  const proxy = new ProviderProxy({ config, connections, limiter: limits.providerCalls, tuning });
  return {
    config,
    stores,
    oauth,
    limits,
    connections,
    loader: new LoadService({ config, stores, limits, connections, fetch: oauth.fetch, tuning }),
    proxy,
    identifyCaller: callerIdentifier(config, oauth.now),
    connectionCursors: new ConnectionCursors(config.encryptionKey),
    webhookDeliveries: edges.webhookDeliveries ?? null,
    close: () => proxy.close(),
  };
}
