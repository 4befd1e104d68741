import { ROOT_FOLDER } from './import-graph.js';

/**
 * The server's layers, top to bottom (docs/architecture.md draws them). An import may point down
 * to any later layer; within a layer only along an edge named here, with the reason. Tests are
 * left out: they may reach anywhere to arrange a situation.
 */
export const LAYERS: ReadonlyArray<readonly string[]> = [
  [ROOT_FOLDER], // main.ts, server.ts, services.ts, index.ts: the composition root wires everything
  ['http'],
  ['graphql'],
  ['load', 'oauth', 'proxy', 'webhooks'],
  // A connection kept usable (refresh single-flight, the account check) and the one provider
  // client with its retry policy: what every reader of a provider stands on (load, the proxy, and
  // the watcher, change feeds and content to come); the connect flow uses its token endpoint too.
  // Below oauth/, not beside it: refreshing is not connecting, and readers must not need the flow.
  ['connections'],
  // The rate limits and budgets: kept on the store's Redis (its declared capability), not in it.
  ['limits'],
  ['store', 'auth', 'config', 'providers', 'logging'],
];

export const SIBLING_EDGES: ReadonlyArray<readonly [from: string, to: string, why: string]> = [
  ['store', 'auth', 'identity-derived store keys are built in auth/identity.ts'],
  ['store', 'providers', "stored records name their provider by the registry's id (providerIdSchema)"],
  ['auth', 'providers', 'session claims name providers from the registry'],
  ['auth', 'config', 'the caller identifier reads the configured secrets'],
  ['config', 'providers', "the env schema is derived from each provider's settings"],
  ['logging', 'auth', "a log line's pseudonym of an identity hashes the name built in auth/identity.ts"],
];

/**
 * Packages only one folder may import: the store hides how it reaches Redis (others borrow its
 * declared `redis` capability), limits/ owns the counters, webhooks/ the delivery queue.
 */
export const PACKAGE_OWNERS: Record<string, string> = { ioredis: 'store', 'rate-limiter-flexible': 'limits', bullmq: 'webhooks' };
