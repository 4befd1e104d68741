import { oauthProviders } from '../providers/registry.js';
import type { CallbackResult } from './complete-callback.js';

export const OAUTH_MESSAGE_TYPE = 'integration-connector:oauth';

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

// JSON inside <script> must not be able to close the element or open a comment.
const scriptSafeJson = (value: unknown) => JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028|\u2029/g, ' ');

function headline(result: CallbackResult): { title: string; detail: string } {
  const name = oauthProviders[result.provider].displayName;
  switch (result.status) {
    case 'CONNECTED':
      return { title: `Connected to ${name}`, detail: `Account: ${result.accountName ?? 'unknown'}. You can close this window.` };
    case 'DENIED':
      return { title: `${name} access was declined`, detail: 'Nothing was connected. You can close this window.' };
    default:
      return result.attempt
        ? { title: `Could not connect ${name}`, detail: `The connection failed (${result.errorCode ?? 'error'}). Close this window and try again.` }
        : { title: 'This sign-in link is not valid', detail: 'It was already used, has expired, or was not issued by this server. Start again from the app.' };
  }
}

/**
 * The page the provider redirects the popup to. It tells the opener the outcome with postMessage
 * to exactly one origin (the page that started the attempt, and only if that origin is allowed),
 * never `*`; it closes itself on success. Without an opener it is a readable result page.
 * It carries the state (the widget matches it) but never a code or token.
 */
export function renderCallbackPage(result: CallbackResult, targetOrigin: string | null, nonce: string): string {
  const { title, detail } = headline(result);
  const message = { type: OAUTH_MESSAGE_TYPE, provider: result.provider, status: result.status, state: result.state, errorCode: result.errorCode ?? null };
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
  var target = ${scriptSafeJson(targetOrigin)};
  if (!target || !window.opener) return;
  try { window.opener.postMessage(message, target); } catch (e) { return; }
  if (message.status === 'CONNECTED') window.close();
})();
</script>
</body>
</html>`;
}
