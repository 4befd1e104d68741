/**
 * `integration-connector/svelte` (types only): `<integration-connector>` in Svelte 5 markup,
 * checked by svelte-check, through Svelte's documented way to type an element
 * (`SvelteHTMLElements` of `svelte/elements`). Opt in once (e.g. in `src/app.d.ts`):
 *
 * ```ts
 * import type {} from 'integration-connector/svelte';
 * ```
 *
 * Properties (`provider="hubspot"`, `strings={...}`: Svelte sets them as properties, since the
 * element has them) and `onic-connect={(e) => e.detail.account}` are then typed; an unknown provider
 * or a handler for another event fails `svelte-check`.
 */
import type { HTMLAttributes } from 'svelte/elements';
import type { IntegrationConnector } from '../integration-connector.js';
import type { ConnectorEventListeners, ConnectorProperties } from './shared.js';

export type IntegrationConnectorSvelteAttributes = Omit<HTMLAttributes<IntegrationConnector>, keyof ConnectorEventListeners> &
  ConnectorProperties &
  ConnectorEventListeners & { 'session-token'?: string };

declare module 'svelte/elements' {
  interface SvelteHTMLElements {
    'integration-connector': IntegrationConnectorSvelteAttributes;
  }
}
