/**
 * `integration-connector/react-jsx` (types only): the bare `<integration-connector>` in React 19
 * JSX, which sets properties and `on<event>` listeners on custom elements by itself. Opt in once,
 * in any file of the app (or with `"types": ["integration-connector/react-jsx"]`):
 *
 * ```ts
 * import type {} from 'integration-connector/react-jsx';
 * ```
 *
 * Then `<integration-connector provider="hubspot" onic-connect={(e) => e.detail.account} />` is
 * checked: an unknown provider, a misspelt property or a handler for another event does not compile.
 * (React 18 sets no properties and hears no custom events: use `integration-connector/react`.)
 */
import type { DetailedHTMLProps, HTMLAttributes } from 'react';
import type { IntegrationConnector } from '../integration-connector.js';
import type { ConnectorEventListeners, ConnectorProperties } from './shared.js';

export type IntegrationConnectorJsxProps = DetailedHTMLProps<HTMLAttributes<IntegrationConnector>, IntegrationConnector> &
  ConnectorProperties &
  ConnectorEventListeners & { 'session-token'?: string };

declare module 'react' {
  // eslint-disable-next-line @typescript-eslint/no-namespace -- React 19's JSX lives in this namespace
  namespace JSX {
    interface IntrinsicElements {
      'integration-connector': IntegrationConnectorJsxProps;
    }
  }
}
