import type { SimulatorSettings } from './module.js';
import { type AnySimulator, bySimulator, MODULES, type OptionsOf, type SimulatorId } from './registry.js';
import type { SharedSettings } from './shared/runtime.js';
import type { ClientCredentials } from './shared/types.js';

/** One answered request, as `SandboxOptions.onResponse` reports it. */
export interface SandboxResponse {
  provider: SimulatorId;
  method: string;
  path: string;
  status: number;
  token: string | undefined;
  ms: number;
}

/** What every simulator shares; each one's own options sit under its id (`SandboxOptions`). */
export interface SharedOptions {
  host?: string;
  /** Same seed, same data. Default 1. */
  seed?: number;
  /** Each simulator's default data size: `full` (the default) or `small` (flow tests). Its own `size` wins. */
  dataSize?: 'full' | 'small';
  /** Whether simulators enforce their published rate limits (default true). Each one's own `limits` wins. */
  rateLimits?: boolean;
  /** Authorize requests redirect at once, for the default account. */
  autoApprove?: boolean;
  /** Exact-match redirect URIs every fake app accepts (more: `registerRedirectUri`). */
  redirectUris?: string[];
  /** The app name consent pages show. */
  appName?: string;
  /** Also accept http://localhost:<any port>/integrations/<provider>/oauth2callback (standalone mode). */
  acceptLocalCallbacks?: boolean;
  /** Authorization-code lifetime; default 600 (the one documented lifetime, 10 minutes: fact sheet 2.1). */
  codeTtlSeconds?: number;
  /**
   * Called when a simulator has answered a request, with the time it took itself (from the request's
   * arrival at the app to the answer written to the socket): benchmarks subtract it from what their
   * client saw, to find the time the server under test added. `token` is the bearer token sent, if any.
   */
  onResponse?: (response: SandboxResponse) => void;
}

/** The shared options, and each simulator's own under its id (`{ <id>: { port, client, size, limits, ... } }`). */
export type SandboxOptions = SharedOptions & { [Id in SimulatorId]?: OptionsOf<Id> };

export interface ResolvedOptions {
  shared: SharedSettings;
  onResponse: SharedOptions['onResponse'];
  /** Each simulator with its own options, resolved by its module (which alone reads them). */
  simulators: Array<{ module: AnySimulator; settings: SimulatorSettings }>;
}

/** Each simulator's fake app credentials unless `SandboxOptions[id].client` says otherwise. */
export const DEFAULT_CLIENTS: Record<SimulatorId, ClientCredentials> = bySimulator((module) => module.defaultClient);

export function resolveOptions(options: SandboxOptions = {}): ResolvedOptions {
  const shared: SharedSettings = {
    host: options.host ?? '127.0.0.1',
    seed: options.seed ?? 1,
    dataSize: options.dataSize ?? 'full',
    rateLimits: options.rateLimits ?? true,
    autoApprove: options.autoApprove ?? false,
    redirectUris: options.redirectUris ?? [],
    appName: options.appName ?? 'Integration Connector (sandbox)',
    acceptLocalCallbacks: options.acceptLocalCallbacks ?? false,
    codeTtlSeconds: options.codeTtlSeconds ?? 600,
  };
  return {
    shared,
    onResponse: options.onResponse,
    simulators: MODULES.map((module) => ({ module, settings: module.resolveOptions(options[module.id], shared) })),
  };
}
