import type { Context } from 'koa';

/** Airtable's `{error: {type, message}}` envelope (fact sheet 2.4). */
export function airtableError(ctx: Context, status: number, type: string, message?: string): void {
  ctx.status = status;
  ctx.body = { error: message === undefined ? { type } : { type, message } };
}

export const authenticationRequired = (ctx: Context) => airtableError(ctx, 401, 'AUTHENTICATION_REQUIRED', 'Authentication required');
export const invalidToken = (ctx: Context) => airtableError(ctx, 401, 'UNAUTHORIZED', 'Invalid authentication token');

/** Unknown and hidden resources look the same: 403, never 404. */
export const modelNotFound = (ctx: Context) =>
  airtableError(
    ctx,
    403,
    'INVALID_PERMISSIONS_OR_MODEL_NOT_FOUND',
    'Invalid permissions, or the requested model was not found. Check that both your user and your token have the required permissions, and that the model names and/or ids are correct.',
  );

export const rateLimited = (ctx: Context) => airtableError(ctx, 429, 'RATE_LIMIT_REACHED', 'Rate limit exceeded. Please try again later');

export function serverError(ctx: Context, status: number): void {
  if (status === 503) {
    ctx.set('Retry-After', '1');
    return void airtableError(
      ctx,
      503,
      'RETRIABLE_ERROR',
      'Server encountered an error while processing your request, and it is safe to retry the request',
    );
  }
  airtableError(
    ctx,
    status,
    status === 502 ? 'BAD_GATEWAY' : 'SERVER_ERROR',
    status === 502 ? 'Airtable is restarting; retry the request.' : 'Server error',
  );
}

export function notFound(ctx: Context): void {
  ctx.status = 404;
  ctx.body = { error: 'NOT_FOUND' };
}

/** OAuth token endpoint: RFC 6749 body; 401 only for invalid_client (fact sheet 2.1). */
export function oauthError(ctx: Context, error: string, description: string, status?: number): void {
  ctx.status = status ?? (error === 'invalid_client' ? 401 : 400);
  ctx.body = { error, error_description: description };
}
