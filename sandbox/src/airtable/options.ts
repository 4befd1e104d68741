import type { SimulatorOptions, SimulatorSettings } from '../module.js';
import type { SharedSettings } from '../shared/runtime.js';
import type { ClientCredentials } from '../shared/types.js';
import { DOCUMENTED_NOTIFICATIONS, type NotificationSettings } from './notifications.js';

/** What an operator ticks when registering the integration, as README.md tells them (Q12: anything else is refused). */
export const DEFAULT_ENABLED_SCOPES = ['schema.bases:read', 'user.email:read'];

/**
 * Obviously fake, shaped like Airtable's: a UUID client id, a secret with `_` and `.`, which an
 * RFC 6749 form-encoding of Basic credentials changes, so a client that encodes fails here as it
 * does at Airtable (Q1). `clientSecret: null` models an integration without a secret (Q2).
 */
export const DEFAULT_CLIENT: ClientCredentials = {
  clientId: '5a4db0c5-a1b7-4ab1-8e00-5a4db0c5a1b7',
  clientSecret: 'sandbox_airtable.secret-not-real',
};

export interface AirtableLimit {
  perSecond: number;
  lockoutMs: number;
}

/** 5 requests per second per base, then 30 s of 429s (fact sheet 2.3). */
export const PUBLISHED_LIMIT: AirtableLimit = { perSecond: 5, lockoutMs: 30_000 };

export interface AirtableOptions extends SimulatorOptions {
  size?: {
    /** Bases of the default account; default 100 (3 with `dataSize: 'small'`). */
    bases?: number;
    /**
     * Records of the default account, spread over its readable tables (e.g. 100,000 for the change
     * benchmarks); default: 250 in the first table, 0-6 in each other one.
     */
    records?: number;
  };
  /** Per base (per user for the meta endpoints); `true` the published one, `false` none. Default: `rateLimits`. */
  limits?: AirtableLimit | boolean;
  /** Access-token lifetime; default 3600. */
  tokenLifetimeSeconds?: number;
  /** Reusing a just-rotated refresh token within this window answers 409 instead of 400. Default 2000. */
  refreshConflictMs?: number;
  /** Scopes enabled on the fake integration; default DEFAULT_ENABLED_SCOPES. */
  enabledScopes?: string[];
  /**
   * A list-records offset unused this long answers 422 LIST_RECORDS_ITERATOR_NOT_AVAILABLE ("iteration
   * may timeout due to client inactivity", [A5]); the duration is UNCONFIRMED: default 300,000 ms.
   */
  offsetTimeoutMs?: number;
  /** Webhook notification pings: delays, retries and where they go (documented values by default). */
  notifications?: Partial<NotificationSettings>;
}

export interface AirtableSettings extends SimulatorSettings {
  size: { bases: number; records: number | undefined };
  limits: AirtableLimit | false;
  tokenLifetimeSeconds: number;
  refreshConflictMs: number;
  enabledScopes: string[];
  offsetTimeoutMs: number;
  notifications: NotificationSettings;
}

export function resolveAirtableOptions(options: AirtableOptions = {}, shared: SharedSettings): AirtableSettings {
  const limits = options.limits ?? shared.rateLimits;
  return {
    port: options.port ?? 0,
    client: options.client ?? DEFAULT_CLIENT,
    size: { bases: options.size?.bases ?? (shared.dataSize === 'small' ? 3 : 100), records: options.size?.records },
    limits: limits === true ? PUBLISHED_LIMIT : limits,
    tokenLifetimeSeconds: options.tokenLifetimeSeconds ?? 3600,
    refreshConflictMs: options.refreshConflictMs ?? 2000,
    enabledScopes: options.enabledScopes ?? DEFAULT_ENABLED_SCOPES,
    offsetTimeoutMs: options.offsetTimeoutMs ?? 300_000,
    notifications: { ...DOCUMENTED_NOTIFICATIONS, ...options.notifications },
  };
}
