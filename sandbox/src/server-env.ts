import { MODULES, type SimulatorHandles, type SimulatorId, SIMULATOR_IDS } from './registry.js';

/**
 * The server's environment variables that point it at this sandbox (credentials and base URLs),
 * for the given providers: the same variables production sets for the real services.
 */
export function serverEnv(sandbox: SimulatorHandles, providers: readonly SimulatorId[] = SIMULATOR_IDS): Record<string, string> {
  const chosen = MODULES.filter((module) => providers.includes(module.id));
  return Object.fromEntries(chosen.flatMap((module) => Object.entries(module.serverEnv(sandbox[module.id]))));
}
