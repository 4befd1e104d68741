import { PROVIDER_IDS, providerCatalog } from '../../../providers/catalog.js';
import { providerEnum } from '../../provider-enum.js';
import type { QueryResolvers } from '../../generated/resolvers-types.js';

export const providers: QueryResolvers['providers'] = (_parent, _args, { config }) =>
  PROVIDER_IDS.map((id) => {
    const endpoints = config.providers[id];
    return {
      id: providerEnum(id),
      displayName: providerCatalog[id].displayName,
      configured: Boolean(endpoints.clientId && endpoints.clientSecret),
      sandbox: endpoints.sandbox,
    };
  });
