import { PROVIDER_IDS } from '../../../providers/catalog.js';
import { oauthProviders } from '../../../providers/registry.js';
import { providerEnum } from '../../provider-enum.js';
import type { QueryResolvers } from '../../generated/resolvers-types.js';

export const providers: QueryResolvers['providers'] = (_parent, _args, { config }) =>
  PROVIDER_IDS.map((id) => {
    const endpoints = config.providers[id];
    return {
      id: providerEnum(id),
      displayName: oauthProviders[id].displayName,
      configured: Boolean(endpoints.clientId && endpoints.clientSecret),
      sandbox: endpoints.sandbox,
    };
  });
