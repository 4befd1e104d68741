import type { Config } from './config/env.js';
import { callbackUrl } from './oauth/services.js';
import { PROVIDERS, type ProviderId } from './providers/registry.js';
import { hasClientCredentials } from './providers/settings.js';

/**
 * What a person starting the server needs to see at once (issue 26): how callers are identified,
 * where connections live, which providers can connect and the exact redirect URI each one's app
 * must register, which pages may embed the widget, whether webhooks go out. Logged as the one
 * "server listening" line; in development also printed as readable lines. Nothing secret is in
 * it: variable names, URLs and modes only.
 */
export interface StartupSummary {
  url: string;
  graphql: string;
  nodeEnv: Config['nodeEnv'];
  authMode: Config['authMode'];
  store: 'memory' | 'redis' | 'redis-cluster';
  /** Providers with client credentials, each with the redirect URI its app must register. */
  providers: Array<{ id: ProviderId; callbackUrl: string; sandbox?: true }>;
  /** Providers without credentials: `configured: false` in the API. */
  providersNotConfigured: ProviderId[];
  allowedOrigins: readonly string[];
  webhooks: boolean;
}

export function startupSummary(config: Config, url: string): StartupSummary {
  const configured = PROVIDERS.filter(({ settings }) => hasClientCredentials(settings, config.providers[settings.id]));
  return {
    url,
    graphql: `${url}/graphql`,
    nodeEnv: config.nodeEnv,
    authMode: config.authMode,
    store: config.redisClusterNodes ? 'redis-cluster' : config.redisUrl ? 'redis' : 'memory',
    providers: configured.map(({ settings: { id } }) => ({
      id,
      callbackUrl: callbackUrl(config, id),
      ...(config.providers[id].sandbox ? { sandbox: true as const } : {}),
    })),
    providersNotConfigured: PROVIDERS.filter((module) => !configured.includes(module)).map(({ settings }) => settings.id),
    allowedOrigins: config.allowedOrigins,
    webhooks: config.webhook !== undefined,
  };
}

const STORES: Record<StartupSummary['store'], string> = {
  memory: 'in memory (lost on restart; set REDIS_URL to keep connections)',
  redis: 'Redis (REDIS_URL)',
  'redis-cluster': 'Redis Cluster (REDIS_CLUSTER_NODES)',
};

/** The summary for a person at a terminal: one aligned line per fact. */
export function readableSummary(summary: StartupSummary): string {
  const row = (label: string, value: string) => `  ${label.padEnd(16)} ${value}`;
  const lines = [
    `integration-connector server listening on ${summary.url} (NODE_ENV=${summary.nodeEnv})`,
    row('GraphQL', summary.graphql),
    row('Auth', summary.authMode === 'signed' ? 'signed session tokens (SESSION_SECRET)' : 'open: identity from the request (demo only)'),
    row('Store', STORES[summary.store]),
    row('Allowed origins', summary.allowedOrigins.join(', ')),
    row('Webhooks', summary.webhooks ? 'on (WEBHOOK_URL)' : 'off (set WEBHOOK_URL and WEBHOOK_SECRET)'),
  ];
  if (summary.providers.length === 0) lines.push(row('Providers', 'none configured: set <PROVIDER>_CLIENT_ID and _CLIENT_SECRET'));
  summary.providers.forEach(({ id, callbackUrl: uri, sandbox }, i) =>
    lines.push(row(i === 0 ? 'Providers' : '', `${id.padEnd(10)} redirect URI ${uri}${sandbox ? '  (simulated)' : ''}`)),
  );
  if (summary.providersNotConfigured.length > 0) lines.push(row('Not configured', summary.providersNotConfigured.join(', ')));
  return `${lines.join('\n')}\n`;
}
