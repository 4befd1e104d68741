import type { ReactiveControllerHost } from 'lit';
import type { ProvidersQuery } from '../generated/graphql.js';
import type { Translator } from './i18n.js';
import type { ProviderId } from './types.js';

export type ProviderInfo = ProvidersQuery['providers'][number];

/** What the flows read from the element: its public properties, nothing else. */
export interface ConnectorHost extends ReactiveControllerHost, HTMLElement {
  endpoint: string;
  sessionToken: string | undefined;
  user: string;
  org: string;
  provider: ProviderId | '';
  providers: readonly string[] | undefined;
  mode: 'popup' | 'redirect';
  readonly translator: Translator;
}

/** Where focus goes after a user-started flow: a `data-focus` key in the view. */
export type FocusTarget = 'connect' | 'retry' | 'load' | 'filter' | 'cancel';
