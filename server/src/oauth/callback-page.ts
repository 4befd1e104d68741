import { providerModule } from '../providers/registry.js';
import type { CallbackResult } from './complete-callback.js';

export const OAUTH_MESSAGE_TYPE = 'integration-connector:oauth';

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

// JSON inside <script> must not be able to close the element or open a comment.
const scriptSafeJson = (value: unknown) =>
  JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/\u2028|\u2029/g, ' ');

/** How long the page waits for the page that opened it to take the confirmation (and close it) before carrying on. */
export const OPENER_WAIT_MS = 3_000;

function headline(result: CallbackResult): { title: string; detail: string } {
  const name = providerModule(result.provider).settings.displayName;
  switch (result.status) {
    case 'AWAITING_CONFIRMATION':
      return {
        title: `Finishing the ${name} connection`,
        detail: `Account: ${result.accountName ?? 'unknown'}. The app where you clicked Connect finishes it. If you did not start this, close this window: nothing is connected.`,
      };
    case 'CONNECTED':
      return { title: `Connected to ${name}`, detail: `Account: ${result.accountName ?? 'unknown'}. You can close this window.` };
    case 'DENIED':
      return { title: `${name} access was declined`, detail: 'Nothing was connected. You can close this window.' };
    default:
      return result.attempt
        ? {
            title: `Could not connect ${name}`,
            detail: `The connection failed (${result.errorCode ?? 'error'}). Close this window and try again.`,
          }
        : {
            title: 'This sign-in link is not valid',
            detail: 'It was already used, has expired, or was not issued by this server. Start again from the app.',
          };
  }
}

export interface CallbackDelivery {
  /** The attempt's origin when it is allowed: the only postMessage target, never `*`. */
  targetOrigin: string | null;
  /** A page on that origin (returnTo with ic_attempt and ic_confirmation) to continue on without an opener. */
  continueTo: string | null;
}

/**
 * The page the provider redirects the popup to. It tells the opener the outcome with postMessage
 * to exactly one origin (the page that started the attempt, and only if that origin is allowed).
 * For an approved grant the message carries the one-time `confirmation`; the widget takes it and
 * closes the popup. When there is no opener (a COOP header cut it, or the link was opened
 * elsewhere) or nobody took the message in time, the page continues on `continueTo`, so the
 * confirmation still only reaches the attempt's origin; without one it stays a readable page.
 * It never carries a code or token.
 */
export function renderCallbackPage(result: CallbackResult, delivery: CallbackDelivery, nonce: string): string {
  const { title, detail } = headline(result);
  const message = {
    type: OAUTH_MESSAGE_TYPE,
    provider: result.provider,
    status: result.status,
    state: result.state,
    attemptId: result.attempt?.id ?? null,
    confirmation: result.confirmation ?? null,
    errorCode: result.errorCode ?? null,
  };
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style nonce="${nonce}">
  body { font: 16px/1.5 system-ui, sans-serif; margin: 0; display: grid; place-items: center; min-height: 100vh; color: #1b1b1f; background: #fff; }
  main { max-width: 28rem; padding: 2rem; text-align: center; }
  @media (prefers-color-scheme: dark) { body { color: #e6e6ea; background: #1b1b1f; } }
</style>
</head>
<body>
<main role="${result.status === 'FAILED' ? 'alert' : 'status'}">
<h1>${escapeHtml(title)}</h1>
<p>${escapeHtml(detail)}</p>
</main>
<script nonce="${nonce}">
(function () {
  var message = ${scriptSafeJson(message)};
  var target = ${scriptSafeJson(delivery.targetOrigin)};
  var next = ${scriptSafeJson(delivery.continueTo)};
  var onward = function () { if (next) window.location.replace(next); };
  if (!target || !window.opener) return onward();
  try { window.opener.postMessage(message, target); } catch (e) { return onward(); }
  if (message.status === 'CONNECTED') window.close();
  if (next) setTimeout(onward, ${OPENER_WAIT_MS});
})();
</script>
</body>
</html>`;
}
