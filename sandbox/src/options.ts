import type { ClientCredentials, ProviderName } from './shared/types.js';

/** What an operator ticks when registering the app, as README.md tells them (Q12: anything else is refused). */
export const DEFAULT_ENABLED_SCOPES = {
  hubspot: ['oauth', 'crm.objects.contacts.read', 'crm.objects.companies.read', 'crm.objects.deals.read'],
  airtable: ['schema.bases:read', 'user.email:read'],
};

export interface SandboxSize {
  hubspotContacts?: number;
  hubspotCompanies?: number;
  hubspotDeals?: number;
  airtableBases?: number;
  notionItems?: number;
  /**
   * Deals held by the first company of the default account: a key account past the 100 entries a
   * v3 list inlines per record (Q5). Default min(130, deals / 2).
   */
  hubspotKeyAccountDeals?: number;
  /** HubSpot accounts beyond the three (150 contacts each, sandbox_account 3, 4, ...). Default 0. */
  hubspotExtraAccounts?: number;
}

export interface SandboxLimits {
  hubspot?: { max: number; intervalMs: number } | false;
  airtable?: { perSecond: number; lockoutMs: number } | false;
  notion?: { perMinute: number; windowMs?: number } | false;
}

export interface SandboxOptions {
  host?: string;
  ports?: Partial<Record<ProviderName, number>>;
  seed?: number;
  size?: SandboxSize;
  limits?: SandboxLimits;
  tokenLifetimeSeconds?: { hubspot?: number; airtable?: number };
  hubspotRotateRefreshTokens?: boolean;
  autoApprove?: boolean;
  redirectUris?: string[];
  clients?: Partial<Record<ProviderName, ClientCredentials>>;
  appName?: string;
  /** Also accept http://localhost:<any port>/integrations/<provider>/oauth2callback (standalone mode). */
  acceptLocalCallbacks?: boolean;
  /** Authorization-code lifetime; default 600 (Airtable's documented 10 minutes). */
  codeTtlSeconds?: number;
  /** Airtable: reusing a just-rotated refresh token within this window answers 409 instead of 400. Default 2000. */
  airtableRefreshConflictMs?: number;
  /** Scopes enabled on the fake HubSpot app / Airtable integration; defaults DEFAULT_ENABLED_SCOPES. */
  enabledScopes?: { hubspot?: string[]; airtable?: string[] };
  /**
   * Notion: results one search query returns at most; past it the last page says has_more false and
   * request_status incomplete (Q10). Default 10,000, the SDK's documented default for queries.
   */
  notionSearchResultLimit?: number;
  /**
   * Called when a simulator has answered a request, with the time it took itself (from the request's
   * arrival at the app to the answer written to the socket): benchmarks subtract it from what their
   * client saw, to find the time the server under test added. `token` is the bearer token sent, if any.
   */
  onResponse?: (response: SandboxResponse) => void;
}

/** One answered request, as `SandboxOptions.onResponse` reports it. */
export interface SandboxResponse {
  provider: ProviderName;
  method: string;
  path: string;
  status: number;
  token: string | undefined;
  ms: number;
}

export interface ResolvedOptions {
  host: string;
  ports: Record<ProviderName, number>;
  seed: number;
  size: Required<SandboxSize>;
  limits: {
    hubspot: { max: number; intervalMs: number } | false;
    airtable: { perSecond: number; lockoutMs: number } | false;
    notion: { perMinute: number; windowMs: number } | false;
  };
  tokenLifetimeSeconds: { hubspot: number; airtable: number };
  hubspotRotateRefreshTokens: boolean;
  autoApprove: boolean;
  redirectUris: string[];
  clients: Record<ProviderName, ClientCredentials>;
  appName: string;
  acceptLocalCallbacks: boolean;
  codeTtlSeconds: number;
  airtableRefreshConflictMs: number;
  enabledScopes: { hubspot: string[]; airtable: string[] };
  notionSearchResultLimit: number;
  onResponse: ((response: SandboxResponse) => void) | undefined;
}

/**
 * Obviously fake credentials, shaped like each provider's: UUID client ids (with `-`), secrets with
 * `-`, `.` and `_`. Those characters are what RFC 6749's form-encoding of Basic credentials changes
 * (`%2D`, `%2E`, `%5F`), so a client that encodes fails here as it does at Airtable (Q1).
 * Airtable's `clientSecret: null` models an integration without a secret (a public client, Q2).
 */
export const DEFAULT_CLIENTS: Record<ProviderName, ClientCredentials> = {
  hubspot: { clientId: '5a4d8b7e-0000-4000-8000-5a4db0c5a4d8', clientSecret: 'sandbox-hubspot-secret-not-real' },
  airtable: { clientId: '5a4db0c5-a1b7-4ab1-8e00-5a4db0c5a1b7', clientSecret: 'sandbox_airtable.secret-not-real' },
  notion: { clientId: '5a4db0c5-0000-4000-8000-000000a0710e', clientSecret: 'secret_sandbox_notion.not-real' },
};

export const DEFAULT_SIZE: Required<SandboxSize> = {
  hubspotContacts: 10_000,
  hubspotCompanies: 1_000,
  hubspotDeals: 2_000,
  airtableBases: 100,
  notionItems: 2_000,
  hubspotKeyAccountDeals: 130,
  hubspotExtraAccounts: 0,
};

export function resolveOptions(options: SandboxOptions = {}): ResolvedOptions {
  const limits = options.limits ?? {};
  const contacts = options.size?.hubspotContacts ?? DEFAULT_SIZE.hubspotContacts;
  // Companies and deals scale with contacts unless given, keeping the published ratio.
  const deals = options.size?.hubspotDeals ?? Math.max(1, Math.round(contacts / 5));
  return {
    host: options.host ?? '127.0.0.1',
    ports: { hubspot: options.ports?.hubspot ?? 0, airtable: options.ports?.airtable ?? 0, notion: options.ports?.notion ?? 0 },
    seed: options.seed ?? 1,
    size: {
      hubspotContacts: contacts,
      hubspotCompanies: options.size?.hubspotCompanies ?? Math.max(1, Math.round(contacts / 10)),
      hubspotDeals: deals,
      airtableBases: options.size?.airtableBases ?? DEFAULT_SIZE.airtableBases,
      notionItems: options.size?.notionItems ?? DEFAULT_SIZE.notionItems,
      hubspotExtraAccounts: options.size?.hubspotExtraAccounts ?? DEFAULT_SIZE.hubspotExtraAccounts,
      hubspotKeyAccountDeals: Math.min(
        deals,
        options.size?.hubspotKeyAccountDeals ?? Math.min(DEFAULT_SIZE.hubspotKeyAccountDeals, Math.floor(deals / 2)),
      ),
    },
    limits: {
      hubspot: limits.hubspot ?? { max: 110, intervalMs: 10_000 },
      airtable: limits.airtable ?? { perSecond: 5, lockoutMs: 30_000 },
      notion:
        limits.notion === undefined
          ? { perMinute: 180, windowMs: 60_000 }
          : limits.notion && { perMinute: limits.notion.perMinute, windowMs: limits.notion.windowMs ?? 60_000 },
    },
    tokenLifetimeSeconds: {
      hubspot: options.tokenLifetimeSeconds?.hubspot ?? 1800,
      airtable: options.tokenLifetimeSeconds?.airtable ?? 3600,
    },
    hubspotRotateRefreshTokens: options.hubspotRotateRefreshTokens ?? false,
    autoApprove: options.autoApprove ?? false,
    redirectUris: options.redirectUris ?? [],
    clients: { ...DEFAULT_CLIENTS, ...options.clients },
    appName: options.appName ?? 'Integration Connector (sandbox)',
    acceptLocalCallbacks: options.acceptLocalCallbacks ?? false,
    codeTtlSeconds: options.codeTtlSeconds ?? 600,
    airtableRefreshConflictMs: options.airtableRefreshConflictMs ?? 2000,
    enabledScopes: {
      hubspot: options.enabledScopes?.hubspot ?? DEFAULT_ENABLED_SCOPES.hubspot,
      airtable: options.enabledScopes?.airtable ?? DEFAULT_ENABLED_SCOPES.airtable,
    },
    notionSearchResultLimit: options.notionSearchResultLimit ?? 10_000,
    onResponse: options.onResponse,
  };
}
