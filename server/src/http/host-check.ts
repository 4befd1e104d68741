import type { Middleware } from 'koa';

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

function hostnameOf(host: string): string | null {
  try {
    return new URL(`http://${host}`).hostname;
  } catch {
    return null;
  }
}

/**
 * AUTH_MODE=open trusts whoever can reach the server. A page on another site can still reach a
 * server on localhost by DNS rebinding (its own name, re-resolved to 127.0.0.1, makes the browser
 * treat our answers as same-origin), but the browser then sends that name as `Host`. So in open mode
 * only requests addressed to PUBLIC_URL's host or to a loopback name are served. The raw `Host`
 * header is read, never `X-Forwarded-Host`, which the client writes.
 */
export function openModeHostCheck(publicUrl: string): Middleware {
  const allowed = new Set([...LOOPBACK, new URL(publicUrl).hostname]);
  return async function openModeHostCheckMiddleware(ctx, next) {
    const hostname = hostnameOf(ctx.req.headers.host ?? '');
    if (!hostname || !allowed.has(hostname))
      ctx.throw(421, 'This server answers only requests addressed to its PUBLIC_URL host in AUTH_MODE=open.');
    await next();
  };
}
