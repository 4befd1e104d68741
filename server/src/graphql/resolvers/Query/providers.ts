import { PROVIDER_IDS } from '../../../providers/catalog.js';
import { oauthProviders } from '../../../providers/registry.js';
import { hasClientCredentials } from '../../../providers/settings.js';
import { providerEnum } from '../../provider-enum.js';
import type { QueryResolvers } from '../../generated/resolvers-types.js';

export const providers: QueryResolvers['providers'] = (_parent, _args, { config }) =>
  PROVIDER_IDS.map((id) => {
    const endpoints = config.providers[id];
    return {
      id: providerEnum(id),
      displayName: oauthProviders[id].displayName,
      configured: hasClientCredentials(id, endpoints),
      sandbox: endpoints.sandbox,
    };
  });
