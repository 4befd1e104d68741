import type { ClientCredentials, ProviderName } from './shared/types.js';

export interface SandboxSize {
  hubspotContacts?: number;
  hubspotCompanies?: number;
  hubspotDeals?: number;
  airtableBases?: number;
  notionItems?: number;
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
}

/** Obviously fake credentials, shaped like each provider's (HubSpot and Notion use UUIDs). */
export const DEFAULT_CLIENTS: Record<ProviderName, ClientCredentials> = {
  hubspot: { clientId: '5a4d8b7e-0000-4000-8000-5a4db0c5a4d8', clientSecret: 'sandbox-hubspot-secret-not-real' },
  airtable: { clientId: 'sandbox-airtable-client-not-real', clientSecret: 'sandbox-airtable-secret-not-real' },
  notion: { clientId: '5a4db0c5-0000-4000-8000-000000a0710e', clientSecret: 'secret_sandbox_notion_not_real' },
};

export const DEFAULT_SIZE: Required<SandboxSize> = {
  hubspotContacts: 10_000,
  hubspotCompanies: 1_000,
  hubspotDeals: 2_000,
  airtableBases: 100,
  notionItems: 2_000,
};

export function resolveOptions(options: SandboxOptions = {}): ResolvedOptions {
  const limits = options.limits ?? {};
  const contacts = options.size?.hubspotContacts ?? DEFAULT_SIZE.hubspotContacts;
  return {
    host: options.host ?? '127.0.0.1',
    ports: { hubspot: options.ports?.hubspot ?? 0, airtable: options.ports?.airtable ?? 0, notion: options.ports?.notion ?? 0 },
    seed: options.seed ?? 1,
    size: {
      hubspotContacts: contacts,
      // Companies and deals scale with contacts unless given, keeping the published ratio.
      hubspotCompanies: options.size?.hubspotCompanies ?? Math.max(1, Math.round(contacts / 10)),
      hubspotDeals: options.size?.hubspotDeals ?? Math.max(1, Math.round(contacts / 5)),
      airtableBases: options.size?.airtableBases ?? DEFAULT_SIZE.airtableBases,
      notionItems: options.size?.notionItems ?? DEFAULT_SIZE.notionItems,
    },
    limits: {
      hubspot: limits.hubspot === undefined ? { max: 110, intervalMs: 10_000 } : limits.hubspot,
      airtable: limits.airtable === undefined ? { perSecond: 5, lockoutMs: 30_000 } : limits.airtable,
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
  };
}
