import { ConfirmConnectDocument, type IdentityInput } from '../generated/graphql.js';
import { execute, type ClientConfig } from './graphql-client.js';

/** Pages of the host's origin tell each other about attempts confirmed elsewhere. */
const CHANNEL = 'integration-connector';

/**
 * The last step of a consent: hands the server the one-time confirmation that only this browser
 * received from the callback, which turns the approved grant into the connection.
 */
export async function confirmConsent(
  client: ClientConfig,
  attemptId: string,
  confirmation: string,
  identity: IdentityInput | undefined,
  signal: AbortSignal,
) {
  return (await execute(client, ConfirmConnectDocument, { attemptId, confirmation, identity }, signal)).confirmConnect;
}

/**
 * A consent popup that lost its opener (COOP) continues on the host's page and confirms there:
 * it tells the page that opened it (same origin, so a BroadcastChannel reaches it) and closes.
 */
export function announceConfirmed(attemptId: string): void {
  new BroadcastChannel(CHANNEL).postMessage(attemptId);
  window.close();
}

/** Calls `listener` if `attemptId` is confirmed by its popup on another page before `expiresAt`. */
export function onConfirmedElsewhere(attemptId: string, expiresAt: string, listener: () => void): void {
  const channel = new BroadcastChannel(CHANNEL);
  const close = () => channel.close();
  channel.onmessage = ({ data }) => {
    if (data !== attemptId) return;
    close();
    listener();
  };
  setTimeout(close, Date.parse(expiresAt) - Date.now());
}
