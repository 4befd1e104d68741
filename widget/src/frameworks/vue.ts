/**
 * `integration-connector/vue` (types only): `<integration-connector>` in Vue 3 SFC templates,
 * checked by vue-tsc (Volar), as the Vue guide recommends for custom elements not built with Vue
 * ("Non-Vue Web Components and TypeScript": `GlobalComponents` with `$props` and `$emit`). Opt in
 * once (e.g. in `env.d.ts`):
 *
 * ```ts
 * import type {} from 'integration-connector/vue';
 * ```
 *
 * `:provider="'hubspot'"` and `@ic-connect="(e) => e.detail.account"` are then typed; an unknown
 * provider or a handler for another event fails `vue-tsc`. Vue still needs
 * `compilerOptions.isCustomElement` for the tag (docs/widget.md).
 */
import type { EmitFn, HTMLAttributes, PublicProps } from 'vue';
import type { IntegrationConnector } from '../integration-connector.js';
import type { ConnectorEvents, ConnectorProperties } from './shared.js';

type VueEmit<Events> = EmitFn<{ [Name in keyof Events]: (event: Events[Name]) => void }>;

export type IntegrationConnectorVueComponent = new () => IntegrationConnector & {
  /** @deprecated Not on the element: what Vue's template type checking reads as its props. */
  $props: HTMLAttributes & ConnectorProperties & PublicProps & { 'session-token'?: string };
  /** @deprecated Not on the element: what Vue's template type checking reads as its events. */
  $emit: VueEmit<ConnectorEvents>;
};

declare module 'vue' {
  interface GlobalComponents {
    'integration-connector': IntegrationConnectorVueComponent;
  }
}
