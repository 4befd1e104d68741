import { airtable } from './airtable/index.js';
import { hubspot } from './hubspot/index.js';
import type { SimulatorHandle, SimulatorModule, SimulatorOptions, SimulatorSettings } from './module.js';
import { notion } from './notion/index.js';

/**
 * Every simulator, in the order the server's registry lists the providers: the one list. The
 * options, the dataset, the running handles, the server's env, the fault schema and `npm run
 * sandbox` are derived from it. Adding a provider: a folder beside these exporting its module, and
 * one entry here (docs/architecture.md, "Adding a provider").
 */
export const SIMULATORS = [hubspot, airtable, notion] as const;

type Simulator = (typeof SIMULATORS)[number];
type ModuleOf<Id extends SimulatorId> = Extract<Simulator, { id: Id }>;

export type SimulatorId = Simulator['id'];
/** What `SandboxOptions[id]` takes. */
export type OptionsOf<Id extends SimulatorId> = NonNullable<Parameters<ModuleOf<Id>['resolveOptions']>[0]>;
/** What `RunningSandbox[id]` holds. */
export type HandleOf<Id extends SimulatorId> = ReturnType<ModuleOf<Id>['handle']>;
/** What a running sandbox holds per simulator (`RunningSandbox[id]`). */
export type SimulatorHandles = { [Id in SimulatorId]: HandleOf<Id> };
/** One seeded account, as `RunningSandbox.dataset[id]` lists them. */
export type AccountOf<Id extends SimulatorId> = ReturnType<ModuleOf<Id>['generate']>[number];

/** A module as the shared machinery walks the registry: its own types erased (its methods take them back). */
export type AnySimulator = SimulatorModule<SimulatorId, SimulatorOptions, SimulatorSettings, unknown, SimulatorHandle>;

export const MODULES: readonly AnySimulator[] = SIMULATORS;

export const SIMULATOR_IDS: readonly SimulatorId[] = MODULES.map((module) => module.id);

/** One value per simulator, keyed by id, in the registry's order. */
export function bySimulator<T>(value: (module: AnySimulator) => T): Record<SimulatorId, T> {
  return Object.fromEntries(MODULES.map((module) => [module.id, value(module)])) as Record<SimulatorId, T>;
}

/** The module of an id (ids come typed; an unknown one is a bug). */
export function simulatorModule(id: SimulatorId): AnySimulator {
  const module = MODULES.find((m) => m.id === id);
  if (!module) throw new Error(`Unknown simulator: ${id}`);
  return module;
}

/** The variable that moves a simulator's port under `npm run sandbox`: `SANDBOX_<ID>_PORT`. */
export const portVariable = (id: SimulatorId) => `SANDBOX_${id.toUpperCase()}_PORT`;
