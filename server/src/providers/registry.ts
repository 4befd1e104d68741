import type { ProviderId } from '../config/env.js';
import { airtableOAuth } from './airtable/oauth.js';
import { hubspotOAuth } from './hubspot/oauth.js';
import { notionOAuth } from './notion/oauth.js';
import type { OAuthProvider } from './types.js';
import type { ItemSource } from '../load/types.js';
import { airtableItems } from './airtable/items.js';
import { hubspotItems } from './hubspot/items.js';
import { notionItems } from './notion/items.js';

/** The only place that lists provider modules; everything else looks them up by id. */
export const oauthProviders: Record<ProviderId, OAuthProvider> = {
  hubspot: hubspotOAuth as OAuthProvider,
  airtable: airtableOAuth as OAuthProvider,
  notion: notionOAuth as OAuthProvider,
};

/** The data side of each provider: what `load` pages through. */
export const itemSources: Record<ProviderId, ItemSource> = {
  hubspot: hubspotItems,
  airtable: airtableItems,
  notion: notionItems(),
};
