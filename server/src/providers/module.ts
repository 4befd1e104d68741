import type { CallPolicy } from './calls.js';
import type { ItemSource } from './item-source.js';
import type { OAuthProvider } from './oauth-provider.js';
import type { ProxySpec } from './proxy-spec.js';
import type { ProviderSettings } from './settings.js';

/** One provider, as its folder exports it (`providers/<id>/index.ts`): settings, OAuth flow, data, call policy, proxy facts. */
export interface ProviderModule<Id extends string = string> {
  settings: ProviderSettings<Id>;
  oauth: OAuthProvider;
  items: ItemSource;
  /** How its answers are read, whoever calls (`limits.ts`, beside the rules calls book). */
  calls: CallPolicy;
  /** What the provider proxy adds to and books for each call (`proxy.ts`). */
  proxy: ProxySpec;
}

/** Keeps the id a literal type, so the registry can derive `ProviderId` from its list. */
export const defineProvider = <Id extends string>(module: ProviderModule<Id>): ProviderModule<Id> => module;
