import type { IntegrationConnector } from './integration-connector.js';
import type { IcConnectEvent, IcDisconnectEvent, IcErrorEvent, IcLoadEvent, IcProgressEvent, IcRedirectEvent } from './internal/events.js';

export { IntegrationConnector } from './integration-connector.js';
export type {
  IcConnectDetail,
  IcConnectEvent,
  IcDisconnectDetail,
  IcDisconnectEvent,
  IcErrorDetail,
  IcErrorEvent,
  IcLoadDetail,
  IcLoadEvent,
  IcProgressDetail,
  IcProgressEvent,
  IcRedirectDetail,
  IcRedirectEvent,
} from './internal/events.js';
export type { MessageKey, Strings } from './internal/i18n.js';
export type { ConnectorError, Credentials, FailedAction, Item, ProviderId, StateKind, WidgetErrorCode } from './internal/types.js';

declare global {
  interface HTMLElementTagNameMap {
    'integration-connector': IntegrationConnector;
  }
  interface GlobalEventHandlersEventMap {
    'ic-connect': IcConnectEvent;
    'ic-disconnect': IcDisconnectEvent;
    'ic-load': IcLoadEvent;
    'ic-error': IcErrorEvent;
    'ic-redirect': IcRedirectEvent;
    'ic-progress': IcProgressEvent;
  }
}
