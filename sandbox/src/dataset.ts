import { type AirtableAccount, generateAirtable } from './airtable/data.js';
import { generateHubSpot, type HubSpotAccount } from './hubspot/data.js';
import { generateNotion, type NotionWorkspace } from './notion/data.js';
import type { ResolvedOptions } from './options.js';

/**
 * Everything the simulators serve. Index 0 of each list is the big default account (what autoApprove
 * and sandbox_account=0 connect); the others are small, so tenant-isolation tests can tell them apart.
 */
export interface Dataset {
  seed: number;
  hubspot: HubSpotAccount[];
  airtable: AirtableAccount[];
  notion: NotionWorkspace[];
}

export function generateDataset(seed: number, size: ResolvedOptions['size']): Dataset {
  return {
    seed,
    hubspot: generateHubSpot(
      seed,
      {
        contacts: size.hubspotContacts,
        companies: size.hubspotCompanies,
        deals: size.hubspotDeals,
        keyAccountDeals: size.hubspotKeyAccountDeals,
      },
      size.hubspotExtraAccounts,
    ),
    airtable: generateAirtable(seed, size.airtableBases),
    notion: generateNotion(seed, size.notionItems),
  };
}
