import { MODULES, type HandleOf, type SimulatorId, SIMULATOR_IDS } from './registry.js';

/** What a running sandbox holds per simulator (`RunningSandbox[id]`). */
export type SimulatorHandles = { [Id in SimulatorId]: HandleOf<Id> };

/**
 * The server's environment variables that point it at this sandbox (credentials and base URLs),
 * for the given providers: the same variables production sets for the real services.
 */
export function serverEnv(sandbox: SimulatorHandles, providers: readonly SimulatorId[] = SIMULATOR_IDS): Record<string, string> {
  const chosen = MODULES.filter((module) => providers.includes(module.id));
  return Object.fromEntries(chosen.flatMap((module) => Object.entries(module.serverEnv(sandbox[module.id]))));
}
