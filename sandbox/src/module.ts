import type Koa from 'koa';
import type { AdminHooks } from './shared/app.js';
import type { ProviderRuntime, SharedSettings } from './shared/runtime.js';
import type { ClientCredentials } from './shared/types.js';

/** What every simulator's options hold (under its id in `SandboxOptions`), beside its own. */
export interface SimulatorOptions {
  /** 0 (the default): any free port. */
  port?: number;
  /** The fake app's credentials; the module's `defaultClient` otherwise. */
  client?: ClientCredentials;
}

/** What every simulator's options resolve to, beside its own settings. */
export interface SimulatorSettings {
  port: number;
  client: ClientCredentials;
}

/** What a caller holds of a running simulator (`RunningSandbox[id]`): its base URLs and its app. */
export interface SimulatorHandle {
  apiUrl: string;
  clientId: string;
  clientSecret: string | null;
}

/** What a complete `load` of an account returns and costs: the oracle of the tests and `bench:load`. */
export interface FullLoad<Account> {
  /** Path prefix of the data calls a load makes: faults aimed at loading go there, not at OAuth. */
  dataPath: string;
  /** Every item id a complete load of the account returns, once each. */
  itemIds(account: Account): string[];
  /** Provider calls a complete load needs at the largest page, and the steady rate the provider publishes for them. */
  ceiling(account: Account): { calls: number; perSecond: number };
}

/**
 * One provider's simulator, as its folder exports it (`sandbox/src/<id>/index.ts`); the registry
 * lists them and everything else is derived. Methods (not function properties) on purpose: the
 * shared machinery walks the registry with each module's own types erased (`AnySimulator`).
 *
 * What a provider adds later (a mutable dataset with a clock, change feeds, notifications) goes
 * here too: state the app serves lives in its accounts and runtime, and what tests drive is
 * returned by `handle`.
 */
export interface SimulatorModule<
  Id extends string,
  Options extends SimulatorOptions,
  Settings extends SimulatorSettings,
  Account,
  Handle extends SimulatorHandle,
> {
  id: Id;
  /** The provider's name as it writes it: consent pages, the simulator header, `npm run sandbox`. */
  label: string;
  /** Its port under `npm run sandbox` (`SANDBOX_<ID>_PORT` moves it). */
  standalonePort: number;
  /** Obviously fake credentials shaped like the provider's (fact sheet Q1). */
  defaultClient: ClientCredentials;
  /** Its options over its defaults; `shared` says which data size and whether limits are on by default. */
  resolveOptions(options: Options | undefined, shared: SharedSettings): Settings;
  /** Its seeded accounts: index 0 the big default one, the others small (tenant-isolation tests tell them apart). */
  generate(seed: number, settings: Settings): Account[];
  /** Its Koa app, built on `createProviderApp` (simulator header, fault injection, admin routes). */
  createApp(runtime: ProviderRuntime<Settings>, accounts: Account[], admin: AdminHooks): Koa;
  /**
   * What `RunningSandbox[id]` holds once the app listens at `origin`: its URLs and whatever tests
   * drive of it (e.g. its mutable dataset), which reaches its accounts and runtime through `live`.
   */
  handle(origin: string, settings: Settings, live: { accounts: Account[]; runtime: ProviderRuntime<Settings> }): Handle;
  /** The server's environment for this simulator: the variables production sets for the real service. */
  serverEnv(handle: Handle): Record<string, string>;
  /** Its line under `npm run sandbox`: where consent and the API are, what the accounts hold. */
  describe(handle: Handle, accounts: Account[]): string;
  fullLoad: FullLoad<Account>;
}

/** Keeps the id a literal type, so the registry can derive ids, options and handles from its list. */
export const defineSimulator = <
  Id extends string,
  Options extends SimulatorOptions,
  Settings extends SimulatorSettings,
  Account,
  Handle extends SimulatorHandle,
>(
  module: SimulatorModule<Id, Options, Settings, Account, Handle>,
): SimulatorModule<Id, Options, Settings, Account, Handle> => module;

/** The fake app's secret for a provider whose apps always have one (only public clients go without). */
export function confidentialSecret(label: string, client: ClientCredentials): string {
  if (client.clientSecret === null) throw new Error(`The ${label} simulator needs a client secret: its apps are confidential clients`);
  return client.clientSecret;
}
