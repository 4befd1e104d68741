import type { ProviderRuntime } from '../shared/runtime.js';
import type { AirtableAccount } from './model.js';
import { type AirtableMutator, mutator } from './mutations.js';
import type { NotificationAttempt } from './notifications.js';
import type { AirtableSettings } from './options.js';
import { airtableState } from './state.js';
import { webhookJson } from './webhooks-api.js';

/** What `sandbox.airtable` holds: the URLs and app, and what tests, benchmarks and the demo drive. */
export interface AirtableHandle {
  /** Plays airtable.com (authorize and token). */
  authUrl: string;
  /** Plays api.airtable.com. */
  apiUrl: string;
  clientId: string;
  /** null: an integration without a secret, a public client (Q2). */
  clientSecret: string | null;
  /** Changes at the provider, one typed method per operation (docs/sandbox.md, "Airtable: the mutable dataset"). */
  mutate: AirtableMutator;
  /** The webhooks of a base (every integration's), as list-webhooks shows them, plus their owner and secret. */
  webhooks(baseId: string): Array<ReturnType<typeof webhookJson> & { clientId: string; macSecretBase64: string }>;
  notifications: {
    /** Every ping attempt so far, in order. */
    attempts(): NotificationAttempt[];
    /** Resolves once no ping is waiting, in flight or due for a retry. */
    settled(timeoutMs?: number): Promise<void>;
    /** Send every ping here instead of each webhook's `notificationUrl` (null: back to the webhooks' own). */
    deliverTo(url: string | null): void;
  };
  /** Every list-records offset handed out stops working (Airtable restarted): 422 LIST_RECORDS_ITERATOR_NOT_AVAILABLE. */
  expireListOffsets(): void;
}

export function airtableHandle(
  origin: string,
  settings: AirtableSettings,
  live: { accounts: AirtableAccount[]; runtime: ProviderRuntime<AirtableSettings> },
): AirtableHandle {
  const state = airtableState(live.runtime, live.accounts);
  return {
    authUrl: origin,
    apiUrl: origin,
    clientId: settings.client.clientId,
    clientSecret: settings.client.clientSecret,
    mutate: mutator(state),
    webhooks: (baseId) =>
      state.webhooks.of(baseId).map((w) => ({ ...webhookJson(state, w), clientId: w.clientId, macSecretBase64: w.macSecretBase64 })),
    notifications: {
      attempts: () => structuredClone(state.notifier.attempts),
      settled: (timeoutMs) => state.notifier.settled(timeoutMs),
      deliverTo: (url) => state.notifier.deliverTo(url),
    },
    expireListOffsets: () => state.iterators.expireAll(),
  };
}
