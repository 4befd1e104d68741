import type { ResolvedOptions } from '../options.js';
import type { FaultRegistry } from './faults.js';
import type { RedirectRegistry } from './redirects.js';
import type { ProviderStats } from './stats.js';
import type { TokenStore } from './tokens.js';
import type { ClientCredentials } from './types.js';

/** Everything one provider simulator needs; built once by startSandbox. */
export interface ProviderRuntime {
  options: ResolvedOptions;
  client: ClientCredentials;
  store: TokenStore;
  stats: ProviderStats;
  faults: FaultRegistry;
  redirects: RedirectRegistry;
}
