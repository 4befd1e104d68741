import type { SimulatorOptions, SimulatorSettings } from '../module.js';
import type { SharedSettings } from '../shared/runtime.js';
import type { ClientCredentials } from '../shared/types.js';

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
  };
  /** Per base (per user for the meta endpoints); `true` the published one, `false` none. Default: `rateLimits`. */
  limits?: AirtableLimit | boolean;
  /** Access-token lifetime; default 3600. */
  tokenLifetimeSeconds?: number;
  /** Reusing a just-rotated refresh token within this window answers 409 instead of 400. Default 2000. */
  refreshConflictMs?: number;
  /** Scopes enabled on the fake integration; default DEFAULT_ENABLED_SCOPES. */
  enabledScopes?: string[];
}

export interface AirtableSettings extends SimulatorSettings {
  size: Required<NonNullable<AirtableOptions['size']>>;
  limits: AirtableLimit | false;
  tokenLifetimeSeconds: number;
  refreshConflictMs: number;
  enabledScopes: string[];
}

export function resolveAirtableOptions(options: AirtableOptions = {}, shared: SharedSettings): AirtableSettings {
  const limits = options.limits ?? shared.rateLimits;
  return {
    port: options.port ?? 0,
    client: options.client ?? DEFAULT_CLIENT,
    size: { bases: options.size?.bases ?? (shared.dataSize === 'small' ? 3 : 100) },
    limits: limits === true ? PUBLISHED_LIMIT : limits,
    tokenLifetimeSeconds: options.tokenLifetimeSeconds ?? 3600,
    refreshConflictMs: options.refreshConflictMs ?? 2000,
    enabledScopes: options.enabledScopes ?? DEFAULT_ENABLED_SCOPES,
  };
}
