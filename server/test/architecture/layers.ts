import { ROOT_FOLDER } from './import-graph.js';

/**
 * The server's layers, top to bottom (docs/architecture.md draws them). An import may point down
 * to any later layer; within a layer only along an edge named here, with the reason. Tests are
 * left out: they may reach anywhere to arrange a situation.
 */
export const LAYERS: ReadonlyArray<readonly string[]> = [
  [ROOT_FOLDER], // main.ts, server.ts, index.ts: the composition root wires everything
  ['http'],
  ['graphql'],
  ['load', 'oauth', 'proxy', 'webhooks'],
  ['store', 'auth', 'config', 'providers', 'logging'],
];

export const SIBLING_EDGES: ReadonlyArray<readonly [from: string, to: string, why: string]> = [
  ['load', 'oauth', 'a load reads its connection through the OAuth flow, which refreshes the token'],
  ['proxy', 'oauth', 'a proxied call reads its connection through the OAuth flow, which refreshes the token'],
  ['proxy', 'load', "a proxied call reads 429s with the load client's retry policy (retryDelay, RetryTuning)"],
  ['store', 'auth', 'identity-derived store keys are built in auth/identity.ts'],
  ['store', 'providers', 'the rolling limiter admits the calls providers describe (LimitRule)'],
  ['auth', 'providers', 'session claims name providers from the registry'],
  ['auth', 'config', 'the caller identifier reads the configured secrets'],
  ['config', 'providers', "the env schema is derived from each provider's settings"],
  ['logging', 'auth', "a log line's pseudonym of an identity hashes the name built in auth/identity.ts"],
];

/** Packages only one folder may import: the store hides Redis from everything else. */
export const PACKAGE_OWNERS: Record<string, string> = { ioredis: 'store', 'rate-limiter-flexible': 'store', bullmq: 'store' };
