import type { ProviderId } from '../config/env.js';

/** What every layer may know about a provider without knowing how it works. */
export interface ProviderDescriptor {
  id: ProviderId;
  displayName: string;
}

export const PROVIDER_IDS = ['hubspot', 'airtable', 'notion'] as const satisfies readonly ProviderId[];

export const providerCatalog: Record<ProviderId, ProviderDescriptor> = {
  hubspot: { id: 'hubspot', displayName: 'HubSpot' },
  airtable: { id: 'airtable', displayName: 'Airtable' },
  notion: { id: 'notion', displayName: 'Notion' },
};
