import type { Context, Middleware } from 'koa';

const CSP = "default-src 'none'; frame-ancestors 'none'";

/**
 * The headers every answer carries (unless a route set its own Cache-Control or CSP first).
 * Written to the Node response directly: constant names and values, so Koa's `set` (its checks
 * and two delegate hops per header) has nothing to add.
 */
export function applySecurityHeaders(ctx: Context): void {
  const res = ctx.res;
  if (res.headersSent) return;
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('X-Frame-Options', 'DENY');
  // Answers carry one user's connections and data: no browser or proxy may keep them.
  if (!res.hasHeader('Cache-Control')) res.setHeader('Cache-Control', 'no-store');
  if (!res.hasHeader('Content-Security-Policy')) res.setHeader('Content-Security-Policy', CSP);
}

/** Conservative defaults for an API; pages that need more (the OAuth callback) set their own. */
export function securityHeaders(): Middleware {
  // Set before the handlers run, which replace what they must (the OAuth callback page its own
  // CSP): no extra async frame per request, and error answers carry them too.
  return function securityHeadersMiddleware(ctx, next) {
    applySecurityHeaders(ctx);
    return next();
  };
}
