import type {
  ConnectAttemptStatus,
  CredentialsQuery,
  ErrorCode,
  LoadQuery,
  Provider,
} from '../generated/graphql.js';

/** Provider ids as hosts write them in attributes and receive them in events. */
export type ProviderId = Lowercase<Provider>;

/** What the server tells the widget about a connection (never a token). */
export type Credentials = NonNullable<CredentialsQuery['credentials']>;

/** One loaded item, exactly as the `Load` operation selects it. */
export type Item = LoadQuery['load']['edges'][number]['node'];

/**
 * Every code the widget can report: the server's `ErrorCode`s plus failures that happen in the browser
 * (no network, popup blocked, consent denied or left to expire).
 */
export type WidgetErrorCode = ErrorCode | 'NETWORK_ERROR' | 'POPUP_BLOCKED' | 'DENIED' | 'EXPIRED';

export interface ConnectorError {
  code: WidgetErrorCode;
  /** Localized, for people. */
  message: string;
}

/** How a consent attempt ended, as far as the widget can tell. */
export type AttemptOutcome =
  | { status: Exclude<ConnectAttemptStatus, 'PENDING'>; errorCode?: ErrorCode | null | undefined }
  | { status: 'CANCELLED' };

/**
 * The widget's state: one explicit union instead of scattered booleans. Everything that belongs to a
 * provider/identity pair (credentials, items) lives inside the state, so a reset drops all of it at once.
 */
export type ConnectorState =
  | { kind: 'idle'; checking?: boolean }
  | { kind: 'connecting'; blocked?: boolean }
  | { kind: 'connected'; credentials: Credentials }
  /** `after`: where the next page starts (null: the start), so an interrupted load can go on. */
  | { kind: 'loading'; credentials: Credentials; items: Item[]; after: string | null }
  | { kind: 'loaded'; credentials: Credentials; items: Item[] }
  | { kind: 'reconnect-required'; credentials: Credentials | null }
  | { kind: 'error'; error: ConnectorError; credentials: Credentials | null };

export type StateKind = ConnectorState['kind'];

export const toProvider = (id: string): Provider => id.toUpperCase() as Provider;
export const toProviderId = (provider: Provider): ProviderId => provider.toLowerCase() as ProviderId;
export const isProviderId = (value: string): value is ProviderId => /^(hubspot|airtable|notion)$/.test(value);
