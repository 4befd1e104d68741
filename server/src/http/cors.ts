import cors from '@koa/cors';
import type { Middleware } from 'koa';

/**
 * CORS for an exact allow-list of page origins. @koa/cors reflects `*` by default: never here.
 * A request from an unlisted origin gets no CORS headers, so the browser blocks the response.
 */
export function corsAllowList(allowedOrigins: readonly string[]): Middleware {
  const allowed = new Set(allowedOrigins);
  return cors({
    origin: (ctx) => {
      const origin = ctx.get('Origin');
      return allowed.has(origin) ? origin : '';
    },
    allowMethods: ['GET', 'POST', 'OPTIONS'],
    allowHeaders: ['Content-Type', 'Authorization', 'Apollo-Require-Preflight', 'X-Request-Id'],
    exposeHeaders: ['X-Request-Id'],
    maxAge: 600,
    keepHeadersOnError: true,
  });
}
