export type ProviderName = 'hubspot' | 'airtable' | 'notion';

export const PROVIDERS: readonly ProviderName[] = ['hubspot', 'airtable', 'notion'];

export const PROVIDER_LABELS: Record<ProviderName, string> = {
  hubspot: 'HubSpot',
  airtable: 'Airtable',
  notion: 'Notion',
};

export interface ClientCredentials {
  clientId: string;
  /** null: the app has no client secret (Airtable allows such public clients; Q2). */
  clientSecret: string | null;
}
