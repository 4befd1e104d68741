import type { IntegrationConnector } from '../integration-connector.js';
import type { ConnectorEventMap } from '../internal/events.js';

/**
 * What a framework template may set on `<integration-connector>`: its public properties, typed as
 * the element declares them (a provider id, not any string), all optional. The typings of each
 * framework (react-jsx.ts, vue.ts, svelte.ts) are built from these two types, so they cannot drift
 * from the element.
 */
export type ConnectorProperties = Partial<
  Pick<IntegrationConnector, 'endpoint' | 'user' | 'org' | 'provider' | 'providers' | 'sessionToken' | 'mode' | 'theme' | 'strings'>
>;

/** Every event the element dispatches, by name. */
export type ConnectorEvents = { [Name in keyof ConnectorEventMap]: CustomEvent<ConnectorEventMap[Name]> };

/** `on<event>` listeners, as React 19 and Svelte 5 take them on a custom element (`onic-connect`). */
export type ConnectorEventListeners = { [Name in keyof ConnectorEvents as `on${Name}`]?: (event: ConnectorEvents[Name]) => void };
