import type { SandboxClock } from './clock.js';
import type { FaultRegistry } from './faults.js';
import type { RedirectRegistry } from './redirects.js';
import type { ProviderStats } from './stats.js';
import type { TokenStore } from './tokens.js';

/** The sandbox-wide options, resolved: what every simulator shares. */
export interface SharedSettings {
  host: string;
  seed: number;
  /** Which default size each simulator's data has when its own options do not say. */
  dataSize: 'full' | 'small';
  /** Whether a simulator enforces its published rate limits when its own options do not say. */
  rateLimits: boolean;
  autoApprove: boolean;
  redirectUris: string[];
  appName: string;
  acceptLocalCallbacks: boolean;
  codeTtlSeconds: number;
}

/** Everything one provider simulator needs; built once by startSandbox. */
export interface ProviderRuntime<Settings> {
  /** The registry id and the provider's own spelling of its name. */
  id: string;
  label: string;
  /** This simulator's own options, resolved by its module. */
  options: Settings;
  shared: SharedSettings;
  /** The provider's time (shared by every simulator): timestamps, retention, delays, token lifetimes. */
  clock: SandboxClock;
  store: TokenStore;
  stats: ProviderStats;
  faults: FaultRegistry;
  redirects: RedirectRegistry;
}
