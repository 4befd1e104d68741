import { randomUUID } from 'node:crypto';
import type { Middleware } from 'koa';
import { accessLogger, type GraphQLCallLine, type Logger, type ProxiedCallLine } from '../logging/logger.js';

export interface RequestState {
  requestId: string;
  /** This request's logger (every line carries the request id); created on first use. */
  readonly log: Logger;
  /** Set by the provider proxy: its fields go on this request's access line instead of a line of their own. */
  proxied?: ProxiedCallLine;
  /** Set for a GraphQL request: its operation and error codes go on its access line. */
  graphql?: GraphQLCallLine;
}

const REQUEST_ID = /^[\w-]{1,64}$/;

/**
 * The logger of one request, made when something first logs for it: most requests write only
 * the access line, and a pino child costs a redaction pass over its bindings when it is made.
 */
class RequestScope implements RequestState {
  #log: Logger | undefined;
  proxied?: ProxiedCallLine;
  graphql?: GraphQLCallLine;
  constructor(
    readonly requestId: string,
    private readonly logger: Logger,
  ) {}
  get log(): Logger {
    return (this.#log ??= this.logger.child({ requestId: this.requestId }));
  }
}

/**
 * The top of the chain: a request id, one access-log line per request, and the error boundary.
 * Anything thrown below that is not an HTTP error becomes a bare 500: details go to the log only.
 */
export function requestContext(logger: Logger): Middleware<RequestState> {
  const access = accessLogger(logger);
  return async function requestContextMiddleware(ctx, next) {
    // Node's header map, read directly (Koa's `get` lower-cases the name per call).
    const incoming = ctx.req.headers['x-request-id'];
    const requestId = typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID();
    const scope = new RequestScope(requestId, logger);
    ctx.state = scope;
    ctx.res.setHeader('X-Request-Id', requestId);
    const started = performance.now();
    try {
      await next();
    } catch (error) {
      const status = httpStatusOf(error);
      ctx.status = status;
      ctx.body = { error: status >= 500 ? 'Internal Server Error' : exposedMessage(error), requestId };
      if (status >= 500) scope.log.error({ err: error }, 'request failed');
    } finally {
      access.info(
        {
          requestId,
          method: ctx.method,
          path: ctx.path,
          status: ctx.status,
          ms: Math.round(performance.now() - started),
          proxy: scope.proxied,
          graphql: scope.graphql,
        },
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
