import { z } from 'zod';
import { airtable } from './airtable/index.js';
import { hubspot } from './hubspot/index.js';
import type { ProviderModule } from './module.js';
import { notion } from './notion/index.js';

/**
 * Every provider, in the order the API lists them: the one list. Everything else (config, session
 * claims, the GraphQL enum mapping, the callback route, the README's env table) is derived from it.
 * Adding a provider: a folder beside these, exporting its module, and one entry here.
 */
export const PROVIDERS = [hubspot, airtable, notion] as const;

export type ProviderId = (typeof PROVIDERS)[number]['settings']['id'];

export const PROVIDER_IDS: readonly ProviderId[] = PROVIDERS.map((module) => module.settings.id);

const byId = new Map<string, ProviderModule<ProviderId>>(PROVIDERS.map((module) => [module.settings.id, module]));

/** A provider id wherever one comes in from outside the code: a route, a stored record, a token's claims. */
export const providerIdSchema = z.enum(PROVIDER_IDS);

/** The module of a provider id (ids come typed from the API layer or the store; an unknown one is a bug). */
export function providerModule(id: ProviderId): ProviderModule<ProviderId> {
  const module = byId.get(id);
  if (!module) throw new Error(`Unknown provider: ${id}`);
  return module;
}
