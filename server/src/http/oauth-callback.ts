import { randomBytes } from 'node:crypto';
import Router from '@koa/router';
import { allowedOriginOf, isAllowedOrigin } from '../config/allowed-origins.js';
import type { Config } from '../config/env.js';
import { logEvent } from '../logging/events.js';
import { renderCallbackPage } from '../oauth/callback-page.js';
import { completeCallback, type CallbackResult } from '../oauth/complete-callback.js';
import type { OAuthServices } from '../oauth/services.js';
import { providerIdSchema } from '../providers/registry.js';
import { displayOf } from '../store/index.js';
import type { RequestState } from './request-context.js';

const MAX_QUERY_LENGTH = 8_192;

/**
 * `returnTo` with what the page there needs: the attempt id, the confirmation when one waits, and
 * `ic_popup` when it is the consent popup continuing there (the page closes itself once confirmed).
 */
function returnUrl(result: CallbackResult, config: Config): string | null {
  const attempt = result.attempt;
  if (!attempt?.returnTo || allowedOriginOf(config, attempt.returnTo) === null) return null;
  const back = new URL(attempt.returnTo);
  back.searchParams.set('ic_attempt', attempt.id);
  if (result.confirmation) back.searchParams.set('ic_confirmation', result.confirmation);
  if (displayOf(attempt) === 'POPUP') back.searchParams.set('ic_popup', '1');
  return back.toString();
}

/**
 * GET /integrations/{provider}/oauth2callback: where providers send the user back. Answers a
 * redirect to the host page (redirect mode) or a small page (popup mode) that hands the outcome to
 * the page that opened it. The confirmation of an approved grant travels only to the attempt's
 * origin: by postMessage with that exact target, or in the URL of a page on it. The page is
 * uncacheable, sends no referrer (the URL holds the code) and runs only its own nonce'd script.
 */
export function oauthCallbackRoutes(services: OAuthServices): Router<RequestState> {
  const router = new Router<RequestState>();
  router.get('/integrations/:provider/oauth2callback', async (ctx) => {
    const known = providerIdSchema.safeParse(ctx.params.provider);
    if (!known.success) return ctx.throw(404, 'Unknown provider');
    const provider = known.data;
    if (ctx.querystring.length > MAX_QUERY_LENGTH) ctx.throw(414, 'Query too long');

    const result = await completeCallback(services, provider, new URLSearchParams(ctx.querystring));
    // A connect link's grant becomes a connection here (any other waits for its confirmation).
    if (result.status === 'CONNECTED' && result.attempt) {
      const who = { orgId: result.attempt.orgId, userId: result.attempt.userId };
      logEvent(ctx.state.log, { event: 'connection.connected', provider, who, via: 'connect-link' });
    }
    const attemptOrigin = result.attempt?.origin;
    const origin = isAllowedOrigin(services.config, attemptOrigin) ? attemptOrigin : null;
    const back = returnUrl(result, services.config);

    ctx.set('Cache-Control', 'no-store');
    ctx.set('Referrer-Policy', 'no-referrer');
    if (back && result.attempt && displayOf(result.attempt) === 'REDIRECT') {
      ctx.status = 303;
      ctx.redirect(back);
      return;
    }
    const nonce = randomBytes(16).toString('base64');
    ctx.set(
      'Content-Security-Policy',
      `default-src 'none'; script-src 'nonce-${nonce}'; style-src 'nonce-${nonce}'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`,
    );
    // Let the popup keep its opener (the default `same-origin` COOP would cut it).
    ctx.set('Cross-Origin-Opener-Policy', 'unsafe-none');
    ctx.status = result.status === 'FAILED' && !result.attempt ? 400 : 200;
    ctx.type = 'text/html; charset=utf-8';
    ctx.body = renderCallbackPage(result, { targetOrigin: origin, continueTo: result.confirmation ? back : null }, nonce);
  });
  return router;
}
