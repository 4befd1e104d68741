import type { ConnectAttemptStatus, ErrorCode } from '../generated/graphql.js';
import { sleep } from './load-run.js';
import type { AttemptOutcome } from './types.js';

/** The message the server's OAuth callback page posts to `window.opener`. */
export interface OAuthMessage {
  type: 'integration-connector:oauth';
  provider: string;
  status: Exclude<ConnectAttemptStatus, 'PENDING'>;
  state: string;
  errorCode?: ErrorCode;
  /** AWAITING_CONFIRMATION: the one-time confirmation for `confirmConnect`. */
  confirmation?: string;
}

const WIDTH = 520;
const HEIGHT = 680;

/**
 * Opens an empty, centred popup. Must run synchronously inside the click handler: browsers (Safari
 * above all) block `window.open` once the user activation has been spent on an `await`.
 * Returns null when the popup was blocked.
 */
export function openBlankPopup(): Window | null {
  // Negative positions are fine (a screen left of the primary one); browsers keep popups on screen.
  const left = window.screenX + (window.outerWidth - WIDTH) / 2;
  const top = window.screenY + (window.outerHeight - HEIGHT) / 2;
  return window.open('about:blank', 'integration-connector', `popup,width=${WIDTH},height=${HEIGHT},left=${left},top=${top}`);
}

/** How often to look at `popup.closed` (detection of a gone popup only, never of success). */
const CLOSED_POLL_MS = 400;
/** How long to give a just-finished callback to reach the server before calling it "cancelled". */
const GRACE_MS = 1000;

type ReadAttempt = () => Promise<{ status: ConnectAttemptStatus; errorCode?: ErrorCode | null } | null>;

/**
 * Waits for the outcome of the consent `popup` showing `attempt.authorizationUrl`. The callback
 * page's postMessage is the fast path: only from `serverOrigin`, and only with the `state` of that
 * URL (what ties a callback message to this attempt). When the popup is gone without a message
 * (closed by the user, or COOP cut the opener link so the message never arrives and `closed` reads
 * true), the server decides (`readAttempt` asks it how the attempt stands): "cancelled" only if it
 * still says PENDING after a short grace period. At `attempt.expiresAt` the server is asked once more.
 */
export function waitForPopup(
  popup: Window,
  serverOrigin: string,
  { authorizationUrl, expiresAt }: { authorizationUrl: string; expiresAt: string },
  signal: AbortSignal,
  readAttempt: ReadAttempt,
): Promise<AttemptOutcome> {
  const state = new URL(authorizationUrl).searchParams.get('state') ?? '';
  // Aborting `done` removes every listener and timer below at once.
  const done = new AbortController();
  let asking = false;
  return new Promise<AttemptOutcome>((resolve, reject) => {
    const settle = (outcome?: AttemptOutcome, error?: unknown) => {
      if (done.signal.aborted) return;
      done.abort();
      clearInterval(poll);
      clearTimeout(expiry);
      popup.close();
      if (outcome) resolve(outcome);
      else reject(error);
    };
    const askServer = async (final: boolean) => {
      if (asking) return;
      asking = true;
      try {
        let attempt = await readAttempt();
        if (attempt?.status === 'PENDING' && !final) {
          await sleep(GRACE_MS, done.signal);
          attempt = await readAttempt();
        }
        // Approved, and a popup that lost its opener confirms on the host's page: wait for that.
        while (attempt?.status === 'AWAITING_CONFIRMATION' && !done.signal.aborted) {
          await sleep(GRACE_MS, done.signal);
          attempt = await readAttempt();
        }
        const status = attempt?.status ?? 'EXPIRED';
        settle(status !== 'PENDING' ? { status, errorCode: attempt?.errorCode ?? null } : { status: final ? 'EXPIRED' : 'CANCELLED' });
      } catch (error) {
        settle(undefined, error);
      }
    };
    window.addEventListener(
      'message',
      ({ origin, source, data }: MessageEvent<Partial<OAuthMessage> | null>) => {
        if (
          origin === serverOrigin &&
          source === popup &&
          data?.type === 'integration-connector:oauth' &&
          data.state === state &&
          data.status
        ) {
          settle({ status: data.status, errorCode: data.errorCode ?? null, confirmation: data.confirmation });
        }
      },
      { signal: done.signal },
    );
    signal.addEventListener('abort', () => settle(undefined, signal.reason), { signal: done.signal });
    const poll = setInterval(() => popup.closed && void askServer(false), CLOSED_POLL_MS);
    const expiry = setTimeout(() => void askServer(true), Math.min(Math.max(0, Date.parse(expiresAt) - Date.now()), 2 ** 31 - 1));
  });
}
