/**
 * `integration-connector/react`: the element as a React component (React 18 and 19), through Lit's
 * own wrapper. Properties are set as properties (not stringified attributes) and the widget's events
 * become `on*` props, which React 18 cannot do for custom elements by itself.
 *
 * ```tsx
 * import { IntegrationConnector } from 'integration-connector/react';
 * <IntegrationConnector endpoint="/graphql" user={user} org={org} onIcConnect={(e) => save(e.detail)} />
 * ```
 */
import { createComponent, type EventName } from '@lit/react';
import * as React from 'react';
import { IntegrationConnector as Element } from 'integration-connector';
import type { IcConnectEvent, IcDisconnectEvent, IcErrorEvent, IcLoadEvent, IcProgressEvent, IcRedirectEvent } from 'integration-connector';

export const IntegrationConnector = createComponent({
  tagName: 'integration-connector',
  elementClass: Element,
  react: React,
  events: {
    onIcConnect: 'ic-connect' as EventName<IcConnectEvent>,
    onIcDisconnect: 'ic-disconnect' as EventName<IcDisconnectEvent>,
    onIcLoad: 'ic-load' as EventName<IcLoadEvent>,
    onIcProgress: 'ic-progress' as EventName<IcProgressEvent>,
    onIcError: 'ic-error' as EventName<IcErrorEvent>,
    onIcRedirect: 'ic-redirect' as EventName<IcRedirectEvent>,
  },
  displayName: 'IntegrationConnector',
});
