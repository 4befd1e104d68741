// JSX typing for the bare element on the React 19 page, from the exported element type.
import type { DetailedHTMLProps, HTMLAttributes } from 'react';
import type { IcConnectEvent, IcLoadEvent, IntegrationConnector } from 'integration-connector';

declare module 'react' {
  namespace JSX {
    interface IntrinsicElements {
      'integration-connector': DetailedHTMLProps<HTMLAttributes<IntegrationConnector>, IntegrationConnector> &
        Partial<Pick<IntegrationConnector, 'endpoint' | 'user' | 'org' | 'provider' | 'strings' | 'sessionToken' | 'mode' | 'theme'>> & {
          'onic-connect'?: (event: IcConnectEvent) => void;
          'onic-load'?: (event: IcLoadEvent) => void;
        };
    }
  }
}
