import type { ConnectAttemptStatus, CredentialsQuery, ErrorCode, LoadQuery, Provider } from '../generated/graphql.js';

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

/** The user action (or the widget's own look-up) that failed: each gets its own message. */
export type FailedAction = 'providers' | 'check' | 'connect' | 'load' | 'disconnect';

export interface ConnectorError {
  code: WidgetErrorCode;
  /** Localized, for people: what went wrong and what to do. Never the code. */
  message: string;
  action: FailedAction;
}

/** How a consent attempt ended, as far as the widget can tell. AWAITING_CONFIRMATION carries what to confirm with. */
export type AttemptOutcome =
  | { status: Exclude<ConnectAttemptStatus, 'PENDING'>; errorCode?: ErrorCode | null | undefined; confirmation?: string | null | undefined }
  | { status: 'CANCELLED' };

/** Items of one run, as far as it got. */
export interface Loaded {
  items: Item[];
  /** The run's total, when the provider reports one. */
  total: number | null;
  /** The provider said it cut its results short. */
  incomplete: boolean;
}

/**
 * The widget's state: one explicit union instead of scattered booleans. Everything that belongs to a
 * provider/identity pair (credentials, items) lives inside the state, so a reset drops all of it at once.
 */
export type ConnectorState =
  | { kind: 'idle'; checking?: boolean }
  /** `blocked`: the popup was, and this is what to tell the person. */
  | { kind: 'connecting'; blocked?: ConnectorError }
  | { kind: 'connected'; credentials: Credentials }
  /**
   * `after`: where the next page starts (null: the start), so an interrupted or rate-limited load
   * goes on. `waitUntil`: the provider's budget is used up until then (epoch ms).
   */
  | { kind: 'loading'; credentials: Credentials; data: Loaded; after: string | null; waitUntil?: number; previous?: Loaded }
  | { kind: 'loaded'; credentials: Credentials; data: Loaded }
  | { kind: 'reconnect-required'; credentials: Credentials | null }
  /** `data`: what was on screen when the action failed, kept and shown as stale. */
  | { kind: 'error'; error: ConnectorError; credentials: Credentials | null; data?: Loaded };

export type StateKind = ConnectorState['kind'];

export const toProvider = (id: string): Provider => id.toUpperCase() as Provider;
export const toProviderId = (provider: Provider): ProviderId => provider.toLowerCase() as ProviderId;
export const isProviderId = (value: string): value is ProviderId => /^(hubspot|airtable|notion)$/.test(value);
