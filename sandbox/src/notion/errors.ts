import { randomUUID } from 'node:crypto';
import type { Context } from 'koa';

/** Notion's envelope; the request id also travels in x-notion-request-id (fact sheet 3.5). */
export function notionError(ctx: Context, status: number, code: string, message: string, additional?: Record<string, string>): void {
  const requestId = randomUUID();
  ctx.set('x-notion-request-id', requestId);
  ctx.status = status;
  ctx.body = { object: 'error', status, code, message, ...(additional ? { additional_data: additional } : {}), request_id: requestId };
}

export const unauthorized = (ctx: Context) => notionError(ctx, 401, 'unauthorized', 'API token is invalid.');

/**
 * 429 with `additional_data.rate_limit_reason` ([N4], Q11). `public_api_request_blocked` means do
 * not retry (contact support): it carries no Retry-After here (UNCONFIRMED); every other reason
 * says when to come back, in the header and in `additional_data.retry_after`.
 */
export function rateLimited(ctx: Context, retryAfterSeconds: number, reason = 'public_api_request_rate_limit'): void {
  if (reason === 'public_api_request_blocked') {
    return void notionError(ctx, 429, 'rate_limited', 'Requests from this connection are blocked. Contact Notion support.', {
      rate_limit_reason: reason,
    });
  }
  ctx.set('Retry-After', String(retryAfterSeconds));
  notionError(ctx, 429, 'rate_limited', 'You have been rate limited. Please try again in a few minutes.', {
    rate_limit_reason: reason,
    retry_after: String(retryAfterSeconds),
  });
}

const SERVER_ERRORS: Record<number, [string, string]> = {
  500: ['internal_server_error', 'Unexpected error occurred.'],
  502: ['bad_gateway', 'Bad Gateway'],
  503: ['service_unavailable', 'Notion is unavailable, please try again later.'],
  504: ['gateway_timeout', 'Gateway Timeout'],
};

export function serverError(ctx: Context, status: number): void {
  const [code, message] = SERVER_ERRORS[status] ?? SERVER_ERRORS[500] ?? ['internal_server_error', 'Unexpected error occurred.'];
  notionError(ctx, status, code, message);
}

export const notFound = (ctx: Context) => notionError(ctx, 400, 'invalid_request_url', 'Invalid request URL.');

export const objectNotFound = (ctx: Context, kind: string, id: string) =>
  notionError(
    ctx,
    404,
    'object_not_found',
    `Could not find ${kind} with ID: ${id}. Make sure the relevant pages and databases are shared with your integration.`,
  );
