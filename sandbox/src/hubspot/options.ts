import type { SimulatorOptions, SimulatorSettings } from '../module.js';
import type { SharedSettings } from '../shared/runtime.js';
import type { ClientCredentials } from '../shared/types.js';

/** What an operator ticks when registering the app, as README.md tells them (Q12: anything else is refused). */
export const DEFAULT_ENABLED_SCOPES = ['oauth', 'crm.objects.contacts.read', 'crm.objects.companies.read', 'crm.objects.deals.read'];

/** Obviously fake, shaped like HubSpot's: a UUID client id, a secret with `-` (Q1). */
export const DEFAULT_CLIENT: ClientCredentials = {
  clientId: '5a4d8b7e-0000-4000-8000-5a4db0c5a4d8',
  clientSecret: 'sandbox-hubspot-secret-not-real',
};

export interface HubSpotLimit {
  max: number;
  intervalMs: number;
}

/** The rolling window a marketplace app gets per installing account (fact sheet 1.3). */
export const PUBLISHED_LIMIT: HubSpotLimit = { max: 110, intervalMs: 10_000 };

export interface HubSpotOptions extends SimulatorOptions {
  size?: {
    /** Default 10,000 (50 with `dataSize: 'small'`). */
    contacts?: number;
    /** Default contacts / 10. */
    companies?: number;
    /** Default contacts / 5. */
    deals?: number;
    /**
     * Deals held by the first company of the default account: a key account past the 100 entries a
     * v3 list inlines per record (Q5). Default min(130, deals / 2).
     */
    keyAccountDeals?: number;
    /** Accounts beyond the three (150 contacts each, sandbox_account 3, 4, ...). Default 0. */
    extraAccounts?: number;
  };
  /** The rolling window per account; `true` the published one, `false` none. Default: `rateLimits`. */
  limits?: HubSpotLimit | boolean;
  /** Access-token lifetime; default 1800. */
  tokenLifetimeSeconds?: number;
  /** Refresh answers a new refresh token and kills the old one; default false (the same one back). */
  rotateRefreshTokens?: boolean;
  /** Scopes enabled on the fake app; default DEFAULT_ENABLED_SCOPES. */
  enabledScopes?: string[];
}

export interface HubSpotSettings extends SimulatorSettings {
  size: Required<NonNullable<HubSpotOptions['size']>>;
  limits: HubSpotLimit | false;
  tokenLifetimeSeconds: number;
  rotateRefreshTokens: boolean;
  enabledScopes: string[];
}

export function resolveHubSpotOptions(options: HubSpotOptions = {}, shared: SharedSettings): HubSpotSettings {
  const size = options.size ?? {};
  const contacts = size.contacts ?? (shared.dataSize === 'small' ? 50 : 10_000);
  // Companies and deals scale with contacts unless given, keeping the published ratio.
  const deals = size.deals ?? Math.max(1, Math.round(contacts / 5));
  const limits = options.limits ?? shared.rateLimits;
  return {
    port: options.port ?? 0,
    client: options.client ?? DEFAULT_CLIENT,
    size: {
      contacts,
      companies: size.companies ?? Math.max(1, Math.round(contacts / 10)),
      deals,
      keyAccountDeals: Math.min(deals, size.keyAccountDeals ?? Math.min(130, Math.floor(deals / 2))),
      extraAccounts: size.extraAccounts ?? 0,
    },
    limits: limits === true ? PUBLISHED_LIMIT : limits,
    tokenLifetimeSeconds: options.tokenLifetimeSeconds ?? 1800,
    rotateRefreshTokens: options.rotateRefreshTokens ?? false,
    enabledScopes: options.enabledScopes ?? DEFAULT_ENABLED_SCOPES,
  };
}
