import { PROVIDERS } from '../../../providers/registry.js';
import { hasClientCredentials } from '../../../providers/settings.js';
import { providerEnum } from '../../provider-enum.js';
import type { QueryResolvers } from '../../generated/resolvers-types.js';

export const providers: QueryResolvers['providers'] = (_parent, _args, { config }) =>
  PROVIDERS.map(({ settings }) => {
    const endpoints = config.providers[settings.id];
    return {
      id: providerEnum(settings.id),
      displayName: settings.displayName,
      configured: hasClientCredentials(settings, endpoints),
      sandbox: endpoints.sandbox,
    };
  });
