import type { ProviderEndpoints, ProviderId } from '../config/env.js';
import { airtableSettings } from './airtable/settings.js';
import { hubspotSettings } from './hubspot/settings.js';
import { notionSettings } from './notion/settings.js';

/**
 * What configuration needs to know about a provider, declared in the provider's own folder:
 * plain data, read by config parsing (which must not load the provider modules themselves).
 */
export interface ProviderSettings {
  /** `optional`: the provider allows apps without a client secret (public clients). */
  clientSecret: 'required' | 'optional';
  /** The provider's published rate limits, each overridable for the operator's plan. */
  rateLimits: Readonly<Record<string, RateLimitSetting>>;
}

export interface RateLimitSetting {
  /** Env variable that sets `max` for this deployment's plan or distribution. */
  env: string;
  /** The safe published value: what every plan gets at least. */
  max: number;
  windowMs: number;
  /** One line for the README table: what is counted, and the other published values. */
  about: string;
}

/** Every provider's settings, by id (the registry lists the modules; this lists their config). */
export const providerSettings: Record<ProviderId, ProviderSettings> = {
  hubspot: hubspotSettings,
  airtable: airtableSettings,
  notion: notionSettings,
};

/** A provider can start an OAuth flow: a client id, and a secret unless it allows public clients. */
export function hasClientCredentials(id: ProviderId, endpoints: ProviderEndpoints): boolean {
  return Boolean(endpoints.clientId) && (Boolean(endpoints.clientSecret) || providerSettings[id].clientSecret === 'optional');
}

/** The rule a module enforces before each call: the configured budget, or the published default. */
export function rateLimit(endpoints: ProviderEndpoints, setting: RateLimitSetting): { max: number; windowMs: number } {
  return { max: endpoints.rateLimits[setting.env] ?? setting.max, windowMs: setting.windowMs };
}
