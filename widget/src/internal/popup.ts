import type { ConnectAttemptStatus, ErrorCode } from '../generated/graphql.js';
import type { AttemptOutcome } from './types.js';

/** The message the server's OAuth callback page posts to `window.opener`. */
export interface OAuthMessage {
  type: 'integration-connector:oauth';
  provider: string;
  status: Exclude<ConnectAttemptStatus, 'PENDING'>;
  state: string;
  errorCode?: ErrorCode;
}

const WIDTH = 520;
const HEIGHT = 680;

/**
 * Opens an empty, centred popup. Must run synchronously inside the click handler: browsers (Safari
 * above all) block `window.open` once the user activation has been spent on an `await`.
 * Returns null when the popup was blocked.
 */
export function openBlankPopup(): Window | null {
  const left = Math.max(0, window.screenX + (window.outerWidth - WIDTH) / 2);
  const top = Math.max(0, window.screenY + (window.outerHeight - HEIGHT) / 2);
  return window.open('about:blank', 'integration-connector', `popup,width=${WIDTH},height=${HEIGHT},left=${left},top=${top}`);
}

/** The `state` parameter of the authorization URL: what ties a callback message to this attempt. */
export const stateOf = (authorizationUrl: string): string | null => new URL(authorizationUrl).searchParams.get('state');

export interface WaitForPopupOptions {
  popup: Window;
  /** Only messages from this origin (the server's) are accepted. */
  serverOrigin: string;
  state: string;
  expiresAt: string;
  signal: AbortSignal;
  /** Asks the server how the attempt stands: the truth whenever the popup channel goes quiet. */
  readAttempt: () => Promise<{ status: ConnectAttemptStatus; errorCode?: ErrorCode | null } | null>;
  /** How often to look at `popup.closed` (detection of a gone popup only, never of success). */
  closedPollMs?: number;
  /** How long to give a just-finished callback to reach the server before calling it "cancelled". */
  graceMs?: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Waits for the outcome of a consent popup. The callback page's postMessage is the fast path. When
 * the popup is gone without a message (closed by the user, or COOP cut the opener link so the message
 * never arrives and `closed` reads true), the server decides: "cancelled" only if it still says
 * PENDING after a short grace period. At `expiresAt` the server is asked once more.
 */
export function waitForPopup(options: WaitForPopupOptions): Promise<AttemptOutcome> {
  const { popup, serverOrigin, state, signal } = options;
  return new Promise<AttemptOutcome>((resolve, reject) => {
    let settled = false;
    let asking = false;
    const finish = (outcome: AttemptOutcome) => {
      if (settled) return;
      settled = true;
      cleanup();
      if (!popup.closed) popup.close();
      resolve(outcome);
    };
    const onMessage = (event: MessageEvent<unknown>) => {
      const data = event.data as Partial<OAuthMessage> | null;
      if (event.origin !== serverOrigin || event.source !== popup) return;
      if (data?.type !== 'integration-connector:oauth' || data.state !== state || !data.status) return;
      finish({ status: data.status, errorCode: data.errorCode ?? null });
    };
    const askServer = async (final: boolean) => {
      if (asking || settled) return;
      asking = true;
      try {
        let attempt = await options.readAttempt();
        if (attempt?.status === 'PENDING' && !final) {
          await sleep(options.graceMs ?? 1000);
          attempt = await options.readAttempt();
        }
        if (!attempt) finish({ status: 'EXPIRED' });
        else if (attempt.status !== 'PENDING') finish({ status: attempt.status, errorCode: attempt.errorCode ?? null });
        else finish(final ? { status: 'EXPIRED' } : { status: 'CANCELLED' });
      } catch (error) {
        if (!settled) {
          settled = true;
          cleanup();
          reject(error);
        }
      }
    };
    const onAbort = () => {
      settled = true;
      cleanup();
      if (!popup.closed) popup.close();
      reject(signal.reason);
    };
    const poll = setInterval(() => popup.closed && void askServer(false), options.closedPollMs ?? 400);
    const untilExpiry = Math.max(0, Date.parse(options.expiresAt) - Date.now());
    const expiry = setTimeout(() => void askServer(true), Math.min(untilExpiry, 2 ** 31 - 1));
    function cleanup() {
      clearInterval(poll);
      clearTimeout(expiry);
      window.removeEventListener('message', onMessage);
      signal.removeEventListener('abort', onAbort);
    }
    window.addEventListener('message', onMessage);
    signal.addEventListener('abort', onAbort);
  });
}
