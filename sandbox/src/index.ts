import type Koa from 'koa';
import { type Dataset, generateDataset } from './dataset.js';
import type { SimulatorHandle, SimulatorSettings } from './module.js';
import { resolveOptions, type SandboxOptions } from './options.js';
import { type AnySimulator, bySimulator, type SimulatorHandles, type SimulatorId, SIMULATOR_IDS } from './registry.js';
import type { AdminHooks } from './shared/app.js';
import { type FaultControl, FaultRegistry, type FaultRule as AnyFaultRule, type FaultSpec as AnyFaultSpec } from './shared/faults.js';
import { SandboxClock } from './shared/clock.js';
import { type Listening, listen } from './shared/http.js';
import { RedirectRegistry } from './shared/redirects.js';
import type { ProviderRuntime } from './shared/runtime.js';
import { emptyProviderStats, type ProviderStats } from './shared/stats.js';
import { TokenStore } from './shared/tokens.js';

export type { Dataset } from './dataset.js';
export type { SandboxOptions, SandboxResponse, SharedOptions } from './options.js';
export type { AccountOf, HandleOf, OptionsOf, SimulatorHandles, SimulatorId } from './registry.js';
export type { FaultKind } from './shared/faults.js';
export type { ProviderStats } from './shared/stats.js';
export type FaultSpec = AnyFaultSpec<SimulatorId>;
export type FaultRule = AnyFaultRule<SimulatorId>;
export type SandboxStats = Record<SimulatorId, ProviderStats>;
export { DEFAULT_CLIENTS } from './options.js';
export { bySimulator, portVariable, SIMULATOR_IDS, simulatorModule } from './registry.js';
export { serverEnv } from './server-env.js';

/** A running sandbox: each simulator's handle under its id (`sandbox.<id>.apiUrl`), and the controls. */
export type RunningSandbox = SimulatorHandles & {
  /** The providers' time: `advance(ms)` jumps every simulator forward (retention, expiry, delays). */
  clock: Pick<SandboxClock, 'now' | 'advance' | 'iso' | 'offsetMs'>;
  registerRedirectUri(uri: string): void;
  faults: FaultControl<SimulatorId>;
  stats(): SandboxStats;
  resetStats(): void;
  dataset: Dataset;
  expireAccessTokens(provider?: SimulatorId): void;
  revokeGrants(provider?: SimulatorId): void;
  close(): Promise<void>;
};

interface Simulator {
  module: AnySimulator;
  settings: SimulatorSettings;
  runtime: ProviderRuntime<SimulatorSettings>;
  server?: Listening;
}

export async function startSandbox(options: SandboxOptions = {}): Promise<RunningSandbox> {
  const resolved = resolveOptions(options);
  const { shared, onResponse } = resolved;
  const dataset = generateDataset(resolved);
  const clock = new SandboxClock();
  const faults = new FaultRegistry<SimulatorId>(shared.seed, SIMULATOR_IDS);
  const redirects = new RedirectRegistry(shared.redirectUris, shared.acceptLocalCallbacks);
  const simulators = new Map<SimulatorId, Simulator>(
    resolved.simulators.map(({ module, settings }) => [
      module.id,
      {
        module,
        settings,
        runtime: {
          id: module.id,
          label: module.label,
          options: settings,
          shared,
          clock,
          store: new TokenStore(clock.now, dataset[module.id].length),
          stats: emptyProviderStats(),
          faults,
          redirects,
        },
      },
    ]),
  );
  const simulator = (id: SimulatorId) => simulators.get(id)!;
  const chosen = (provider?: SimulatorId) => (provider ? [simulator(provider)] : [...simulators.values()]);

  const stats = (): SandboxStats => structuredClone(bySimulator((module) => simulator(module.id).runtime.stats));
  const resetStats = () => chosen().forEach(({ runtime }) => Object.assign(runtime.stats, emptyProviderStats()));
  const expireAccessTokens = (provider?: SimulatorId) => chosen(provider).forEach(({ runtime }) => runtime.store.expireAllAccess());
  const revokeGrants = (provider?: SimulatorId) => chosen(provider).forEach(({ runtime }) => runtime.store.revokeAllGrants());
  const admin = (provider: SimulatorId): AdminHooks => ({
    stats,
    resetStats,
    expireAccessTokens: () => expireAccessTokens(provider),
    revokeGrants: () => revokeGrants(provider),
    registerRedirectUri: (uri) => redirects.register(uri),
    advanceClock: (ms) => clock.advance(ms),
    clockNow: () => clock.now(),
  });
  const close = async () => {
    await Promise.all(chosen().flatMap(({ server }) => (server ? [server.close()] : [])));
  };

  let handles: Record<SimulatorId, SimulatorHandle>;
  try {
    for (const started of simulators.values()) {
      const { module, settings, runtime } = started;
      const app = module.createApp(runtime, dataset[module.id], admin(module.id));
      if (onResponse) app.middleware.unshift(reportResponse(module.id, onResponse));
      started.server = await listen(app, shared.host, settings.port);
    }
    handles = bySimulator(({ id }) => {
      const { module, server, settings, runtime } = simulator(id);
      return module.handle(server!.origin, settings, { accounts: dataset[id], runtime });
    });
  } catch (error) {
    // A port taken, a module refusing its options: nothing stays listening.
    await close();
    throw error;
  }

  return {
    // Each handle is its own module's type: the registry's types say which.
    ...(handles as SimulatorHandles),
    clock,
    registerRedirectUri: (uri) => redirects.register(uri),
    faults,
    stats,
    resetStats,
    dataset,
    expireAccessTokens,
    revokeGrants,
    close,
  };
}

/**
 * Outermost, and until the answer is written (Koa serializes the body after the handlers), so the
 * time reported is all of the simulator's own. Koa 3 reads the middleware list at listen.
 */
function reportResponse(provider: SimulatorId, onResponse: NonNullable<SandboxOptions['onResponse']>): Koa.Middleware {
  return function reportResponse(ctx, next) {
    const started = performance.now();
    ctx.res.once('finish', () => {
      const token = /^Bearer\s+(\S+)$/i.exec(ctx.get('authorization'))?.[1];
      onResponse({ provider, method: ctx.method, path: ctx.path, status: ctx.status, token, ms: performance.now() - started });
    });
    return next();
  };
}
