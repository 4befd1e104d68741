import type { Middleware } from 'koa';
import { isAllowedOrigin } from '../config/allowed-origins.js';
import type { Config } from '../config/env.js';

const ALLOW_METHODS = 'GET,POST,OPTIONS';
const ALLOW_HEADERS = 'Content-Type,Authorization,Apollo-Require-Preflight,X-Request-Id';
const EXPOSE_HEADERS = 'X-Request-Id';
const MAX_AGE_SECONDS = '600';

/**
 * CORS for an exact allow-list of page origins (never `*`). A request from an unlisted origin, or
 * without one, gets no CORS headers, so a browser blocks the response; every answer varies by Origin.
 *
 * What @koa/cors did for this configuration, written out: its general form cost two async frames,
 * a closure and a header map per request, and a parse of the Vary header. The headers stay on the
 * response when a handler throws: the error boundary above (request-context) answers on the same
 * response, which keeps what was set.
 */
export function corsAllowList(config: Pick<Config, 'allowedOrigins'>): Middleware {
  return function corsMiddleware(ctx, next) {
    const res = ctx.res;
    // Nothing sets Vary before this middleware; should something, it is appended to, as `vary` does.
    if (res.hasHeader('Vary')) ctx.vary('Origin');
    else res.setHeader('Vary', 'Origin');
    const origin = ctx.req.headers.origin;
    if (!isAllowedOrigin(config, origin)) return next();
    if (ctx.method !== 'OPTIONS') {
      res.setHeader('Access-Control-Allow-Origin', origin);
      res.setHeader('Access-Control-Expose-Headers', EXPOSE_HEADERS);
      return next();
    }
    // An OPTIONS request that is not a preflight goes on like any other.
    if (!ctx.req.headers['access-control-request-method']) return next();
    res.setHeader('Access-Control-Allow-Origin', origin);
    res.setHeader('Access-Control-Max-Age', MAX_AGE_SECONDS);
    res.setHeader('Access-Control-Allow-Methods', ALLOW_METHODS);
    res.setHeader('Access-Control-Allow-Headers', ALLOW_HEADERS);
    ctx.status = 204;
    return Promise.resolve();
  };
}
