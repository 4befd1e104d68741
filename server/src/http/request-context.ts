import { randomUUID } from 'node:crypto';
import type { Middleware } from 'koa';
import type { Logger } from '../logging/logger.js';

export interface RequestState {
  requestId: string;
  log: Logger;
  /** A route's own fields for this request's one access-log line (the provider proxy's), instead of a line of its own. */
  accessLog?: Record<string, unknown>;
}

/**
 * The top of the chain: a request id, one access-log line per request, and the error boundary.
 * Anything thrown below that is not an HTTP error becomes a bare 500: details go to the log only.
 */
export function requestContext(logger: Logger): Middleware<RequestState> {
  return async function requestContextMiddleware(ctx, next) {
    const incoming = ctx.get('x-request-id');
    const requestId = /^[\w-]{1,64}$/.test(incoming) ? incoming : randomUUID();
    ctx.state.requestId = requestId;
    ctx.state.log = logger.child({ requestId });
    ctx.set('X-Request-Id', requestId);
    const started = performance.now();
    try {
      await next();
    } catch (error) {
      const status = httpStatusOf(error);
      ctx.status = status;
      ctx.body = { error: status >= 500 ? 'Internal Server Error' : exposedMessage(error), requestId };
      if (status >= 500) ctx.state.log.error({ err: error }, 'request failed');
    } finally {
      ctx.state.log.info(
        { method: ctx.method, path: ctx.path, status: ctx.status, ms: Math.round(performance.now() - started), ...ctx.state.accessLog },
        'request',
      );
    }
  };
}

function httpStatusOf(error: unknown): number {
  const status = (error as { status?: unknown } | null | undefined)?.status;
  return typeof status === 'number' && status >= 400 && status < 600 ? status : 500;
}

function exposedMessage(error: unknown): string {
  const { expose, message } = error as { expose?: boolean; message?: string };
  return expose && message ? message : 'Bad Request';
}
