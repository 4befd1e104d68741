import type { ResolvedOptions } from './options.js';
import type { AccountOf, SimulatorId } from './registry.js';

/**
 * Everything the simulators serve, per simulator id. Index 0 of each list is the big default account
 * (what autoApprove and sandbox_account=0 connect); the others are small, so tenant-isolation tests
 * can tell them apart.
 */
export type Dataset = { seed: number } & { [Id in SimulatorId]: Array<AccountOf<Id>> };

/** The data `startSandbox(options)` serves, without servers: `generateDataset(resolveOptions(options))`. */
export function generateDataset({ shared, simulators }: ResolvedOptions): Dataset {
  const accounts = simulators.map(({ module, settings }) => [module.id, module.generate(shared.seed, settings)]);
  // Each list is its module's own account type: the registry's types say which.
  return { seed: shared.seed, ...Object.fromEntries(accounts) } as Dataset;
}
