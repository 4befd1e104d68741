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
export interface IcErrorDetail {
  code: WidgetErrorCode;
  message: string;
}

export type IcConnectEvent = CustomEvent<IcConnectDetail>;
export type IcDisconnectEvent = CustomEvent<IcDisconnectDetail>;
export type IcLoadEvent = CustomEvent<IcLoadDetail>;
export type IcErrorEvent = CustomEvent<IcErrorDetail>;

export interface ConnectorEventMap {
  'ic-connect': IcConnectDetail;
  'ic-disconnect': IcDisconnectDetail;
  'ic-load': IcLoadDetail;
  'ic-error': IcErrorDetail;
}

/** Outcome events cross shadow roots and bubble, so a host can listen anywhere above the widget. */
export function emit<K extends keyof ConnectorEventMap>(target: EventTarget, type: K, detail: ConnectorEventMap[K]): void {
  target.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
}
