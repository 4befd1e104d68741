import type { ProviderId, WidgetErrorCode } from './types.js';

export interface IcConnectDetail {
  provider: ProviderId;
  account: { id: string; name: string | null };
}
export interface IcDisconnectDetail {
  provider: ProviderId;
}
export interface IcLoadDetail {
  provider: ProviderId;
  /** How many items were loaded. */
  count: number;
}
export interface IcProgressDetail {
  provider: ProviderId;
  /** Items loaded so far. */
  count: number;
  /** The run's total, when the provider reports one; null otherwise. */
  total: number | null;
  /** Seconds until the provider's rate limit lets the load go on; null while it is not waiting. */
  waitSeconds: number | null;
}
export interface IcRedirectDetail {
  provider: ProviderId;
  /** The provider's consent page. */
  url: string;
}
export interface IcErrorDetail {
  code: WidgetErrorCode;
  message: string;
}

export type IcConnectEvent = CustomEvent<IcConnectDetail>;
export type IcDisconnectEvent = CustomEvent<IcDisconnectDetail>;
export type IcLoadEvent = CustomEvent<IcLoadDetail>;
export type IcErrorEvent = CustomEvent<IcErrorDetail>;
export type IcRedirectEvent = CustomEvent<IcRedirectDetail>;
export type IcProgressEvent = CustomEvent<IcProgressDetail>;

export interface ConnectorEventMap {
  'ic-connect': IcConnectDetail;
  'ic-disconnect': IcDisconnectDetail;
  'ic-load': IcLoadDetail;
  'ic-error': IcErrorDetail;
  'ic-redirect': IcRedirectDetail;
  'ic-progress': IcProgressDetail;
}

/**
 * Outcome events cross shadow roots and bubble, so a host can listen anywhere above the widget.
 * An "about to" event is `cancelable`; the return value is false when a listener prevented it.
 */
export function emit<K extends keyof ConnectorEventMap>(
  target: EventTarget,
  type: K,
  detail: ConnectorEventMap[K],
  cancelable = false,
): boolean {
  return target.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true, cancelable }));
}
