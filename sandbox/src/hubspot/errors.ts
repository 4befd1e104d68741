import { randomUUID } from 'node:crypto';
import type { Context } from 'koa';

/** HubSpot's API error envelope (schema `Error` plus the `status: "error"` real responses carry). */
export function hubspotError(ctx: Context, status: number, category: string, message: string, extra: Record<string, unknown> = {}): void {
  ctx.status = status;
  ctx.body = { status: 'error', message, correlationId: randomUUID(), category, ...extra };
}

export function invalidAuthentication(ctx: Context): void {
  hubspotError(
    ctx,
    401,
    'INVALID_AUTHENTICATION',
    'Authentication credentials not found. This API supports OAuth 2.0 authentication and you can find more details at https://developers.hubspot.com/docs/methods/auth/oauth-overview',
  );
}

export function expiredAuthentication(ctx: Context, expiresAt: number, now: number): void {
  const ago = Math.max(0, Math.round((now - expiresAt) / 1000));
  hubspotError(ctx, 401, 'EXPIRED_AUTHENTICATION', `The OAuth token used to make this call expired ${ago} second(s) ago.`, {
    context: { 'expire time': [new Date(expiresAt).toISOString()] },
  });
}

/**
 * 429 bodies by limit (fact sheet 1.3, Q6): `policyName` says which; the official SDK retries
 * `TEN_SECONDLY_ROLLING` after 10 s x attempt and the search limit ("You have reached your
 * secondly limit.", no policyName) after 1 s x attempt, and gives up on anything else such as
 * `DAILY` (hubspot-api-nodejs src/services/decorators/RetryDecorator.ts).
 */
export function rateLimited(ctx: Context, appId: number, hubId: number | string, policy = 'TEN_SECONDLY_ROLLING'): void {
  const common = { status: 'error', errorType: 'RATE_LIMIT', correlationId: randomUUID() };
  ctx.status = 429;
  if (policy === 'SECONDLY') {
    ctx.body = { ...common, message: 'You have reached your secondly limit.' };
  } else if (policy === 'DAILY') {
    ctx.body = {
      ...common,
      message: 'You have reached your daily limit.',
      policyName: 'DAILY',
      groupName: `publicapi:app-api-calls-daily:${appId}:${hubId}`,
      requestId: randomUUID(),
    };
  } else {
    ctx.body = {
      ...common,
      message: `You have reached your ${policy.toLowerCase()} limit.`,
      policyName: policy,
      groupName: `publicapi:oauth-app-api-calls-ten-secondly:${appId}:${hubId}`,
    };
  }
}

export function serverError(ctx: Context, status: number): void {
  const messages: Record<number, string> = { 502: 'Bad Gateway', 503: 'Service Unavailable', 504: 'Gateway Timeout' };
  hubspotError(ctx, status, 'INTERNAL_ERROR', messages[status] ?? 'internal error');
}

export function notFound(ctx: Context): void {
  hubspotError(ctx, 404, 'OBJECT_NOT_FOUND', `resource not found: ${ctx.method} ${ctx.path}`);
}

/**
 * Token-endpoint errors: v3 and the date-versioned paths answer RFC 6749 fields plus the legacy ones;
 * the legacy v1 path keeps only the legacy pair.
 */
export function oauthError(ctx: Context, legacyOnly: boolean, error: string, description: string, legacyStatus: string): void {
  ctx.status = 400;
  ctx.body = legacyOnly
    ? { status: legacyStatus, message: description, correlationId: randomUUID() }
    : { error, error_description: description, status: legacyStatus, message: description };
}
