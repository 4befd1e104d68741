import type { ProviderId } from '../config/env.js';

/** Every provider id, in the order the API lists them. */
export const PROVIDER_IDS = ['hubspot', 'airtable', 'notion'] as const satisfies readonly ProviderId[];
