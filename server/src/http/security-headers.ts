import type { Context, Middleware } from 'koa';

/** The headers every answer carries (unless a route set its own Cache-Control or CSP first). */
export function applySecurityHeaders(ctx: Context): void {
  ctx.set('X-Content-Type-Options', 'nosniff');
  ctx.set('Referrer-Policy', 'no-referrer');
  ctx.set('X-Frame-Options', 'DENY');
  // Answers carry one user's connections and data: no browser or proxy may keep them.
  if (!ctx.response.get('Cache-Control')) ctx.set('Cache-Control', 'no-store');
  if (!ctx.response.get('Content-Security-Policy')) {
    ctx.set('Content-Security-Policy', "default-src 'none'; frame-ancestors 'none'");
  }
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
