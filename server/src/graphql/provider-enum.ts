import { PROVIDER_IDS, type ProviderId } from '../providers/registry.js';
import type { Provider } from './generated/resolvers-types.js';

/**
 * The schema's `Provider` enum is each registry id in upper case. The two types below must be
 * equal: a provider added to the registry without its schema enum value (or the reverse) does
 * not compile.
 */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const schemaMatchesRegistry: Same<Provider, Uppercase<ProviderId>> = true;
void schemaMatchesRegistry;

const toId = new Map<string, ProviderId>(PROVIDER_IDS.map((id) => [id.toUpperCase(), id]));

export const providerEnum = (id: ProviderId): Provider => id.toUpperCase() as Uppercase<ProviderId>;
export function providerId(value: Provider): ProviderId {
  const id = toId.get(value);
  if (!id) throw new Error(`Provider ${value} is not in the registry`);
  return id;
}
