import type { ProviderId } from '../config/env.js';
import type { Provider } from './generated/resolvers-types.js';

const toId: Record<Provider, ProviderId> = { HUBSPOT: 'hubspot', AIRTABLE: 'airtable', NOTION: 'notion' };
const toEnum: Record<ProviderId, Provider> = { hubspot: 'HUBSPOT', airtable: 'AIRTABLE', notion: 'NOTION' };

export const providerId = (value: Provider): ProviderId => toId[value];
export const providerEnum = (id: ProviderId): Provider => toEnum[id];
