import type Koa from 'koa';
import { createAirtableApp } from './airtable/index.js';
import { type Dataset, generateDataset } from './dataset.js';
import { createHubSpotApp } from './hubspot/index.js';
import { createNotionApp } from './notion/index.js';
import { resolveOptions, type SandboxOptions } from './options.js';
import type { AdminHooks } from './shared/app.js';
import { type FaultControl, FaultRegistry } from './shared/faults.js';
import { type Listening, listen } from './shared/http.js';
import { RedirectRegistry } from './shared/redirects.js';
import type { ProviderRuntime } from './shared/runtime.js';
import { emptyProviderStats, type SandboxStats } from './shared/stats.js';
import { TokenStore } from './shared/tokens.js';
import { PROVIDERS, type ProviderName } from './shared/types.js';

export type { Dataset } from './dataset.js';
export type { SandboxOptions, SandboxLimits, SandboxSize, SandboxResponse } from './options.js';
export type { FaultControl, FaultKind, FaultRule, FaultSpec } from './shared/faults.js';
export type { ProviderStats, SandboxStats } from './shared/stats.js';
export type { ProviderName } from './shared/types.js';
export type { HubSpotAccount, CrmRecord, CrmObjectType } from './hubspot/data.js';
export type { AirtableAccount, AirtableBase, AirtableTable, AirtableRecord } from './airtable/data.js';
export type { NotionWorkspace, NotionItem, NotionParent } from './notion/data.js';
export { DEFAULT_CLIENTS } from './options.js';

export interface ProviderEndpoints {
  clientId: string;
  clientSecret: string;
  apiUrl: string;
}

export interface RunningSandbox {
  /** authUrl plays app.hubspot.com, apiUrl api.hubapi.com (same origin here). */
  hubspot: ProviderEndpoints & { authUrl: string };
  /** authUrl plays airtable.com (authorize + token), apiUrl api.airtable.com. `clientSecret` null: a public client (Q2). */
  airtable: Omit<ProviderEndpoints, 'clientSecret'> & { clientSecret: string | null; authUrl: string };
  /** api.notion.com, authorize included. */
  notion: ProviderEndpoints;
  registerRedirectUri(uri: string): void;
  faults: FaultControl;
  stats(): SandboxStats;
  resetStats(): void;
  dataset: Dataset;
  expireAccessTokens(provider?: ProviderName): void;
  revokeGrants(provider?: ProviderName): void;
  close(): Promise<void>;
}

export async function startSandbox(options: SandboxOptions = {}): Promise<RunningSandbox> {
  const resolved = resolveOptions(options);
  const dataset = generateDataset(resolved.seed, resolved.size);
  const faults = new FaultRegistry(resolved.seed);
  const redirects = new RedirectRegistry(resolved.redirectUris, resolved.acceptLocalCallbacks);
  const runtimes = Object.fromEntries(
    PROVIDERS.map((p) => [
      p,
      {
        options: resolved,
        client: resolved.clients[p],
        store: new TokenStore(Date.now, dataset[p].length),
        stats: emptyProviderStats(),
        faults,
        redirects,
      },
    ]),
  ) as Record<ProviderName, ProviderRuntime>;

  const only = (provider?: ProviderName) => (provider ? [provider] : PROVIDERS);
  const stats = (): SandboxStats =>
    structuredClone({ hubspot: runtimes.hubspot.stats, airtable: runtimes.airtable.stats, notion: runtimes.notion.stats });
  const resetStats = () => PROVIDERS.forEach((p) => Object.assign(runtimes[p].stats, emptyProviderStats()));
  const expireAccessTokens = (provider?: ProviderName) => only(provider).forEach((p) => runtimes[p].store.expireAllAccess());
  const revokeGrants = (provider?: ProviderName) => only(provider).forEach((p) => runtimes[p].store.revokeAllGrants());
  const admin = (provider: ProviderName): AdminHooks => ({
    stats,
    resetStats,
    expireAccessTokens: () => expireAccessTokens(provider),
    revokeGrants: () => revokeGrants(provider),
    registerRedirectUri: (uri) => redirects.register(uri),
  });

  const apps: Record<ProviderName, Koa> = {
    hubspot: createHubSpotApp(runtimes.hubspot, dataset.hubspot, admin('hubspot')),
    airtable: createAirtableApp(runtimes.airtable, dataset.airtable, admin('airtable')),
    notion: createNotionApp(runtimes.notion, dataset.notion, admin('notion')),
  };

  const { onResponse } = resolved;
  if (onResponse) {
    // Outermost, and until the answer is written (Koa serializes the body after the handlers),
    // so the time reported is all of the simulator's own. Koa 3 reads this list at listen.
    for (const provider of PROVIDERS) {
      apps[provider].middleware.unshift(function reportResponse(ctx, next) {
        const started = performance.now();
        ctx.res.once('finish', () => {
          const token = /^Bearer\s+(\S+)$/i.exec(ctx.get('authorization'))?.[1];
          onResponse({ provider, method: ctx.method, path: ctx.path, status: ctx.status, token, ms: performance.now() - started });
        });
        return next();
      });
    }
  }

  const servers: Partial<Record<ProviderName, Listening>> = {};
  try {
    for (const p of PROVIDERS) servers[p] = await listen(apps[p], resolved.host, resolved.ports[p]);
  } catch (error) {
    await Promise.all(Object.values(servers).map((s) => s.close()));
    throw error;
  }
  const origin = (p: ProviderName) => servers[p]?.origin ?? '';
  const confidential = (p: 'hubspot' | 'notion') => {
    const { clientId, clientSecret } = resolved.clients[p];
    if (clientSecret === null) throw new Error(`The ${p} simulator needs a client secret: only Airtable has public clients`);
    return { clientId, clientSecret };
  };

  return {
    hubspot: { authUrl: origin('hubspot'), apiUrl: origin('hubspot'), ...confidential('hubspot') },
    airtable: { authUrl: origin('airtable'), apiUrl: origin('airtable'), ...resolved.clients.airtable },
    notion: { apiUrl: origin('notion'), ...confidential('notion') },
    registerRedirectUri: (uri) => redirects.register(uri),
    faults,
    stats,
    resetStats,
    dataset,
    expireAccessTokens,
    revokeGrants,
    close: async () => {
      await Promise.all(Object.values(servers).map((s) => s.close()));
    },
  };
}
export { serverEnv } from './server-env.js';
