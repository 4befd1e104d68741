import { Webhook } from 'standardwebhooks';
import type { WebhookConfig } from '../config/env.js';
import type { ConnectionEvent } from '../store/index.js';
import { DeliveryFailure } from './delivery-queue.js';
import { webhookBody } from './payload.js';

export type WebhookTarget = Pick<WebhookConfig, 'url' | 'secret' | 'timeoutMs'>;

/**
 * One delivery try, signed per Standard Webhooks by the `standardwebhooks` package: `webhook-id` is
 * the event id (the same on every retry, so receivers de-duplicate by it), `webhook-timestamp` the
 * time of this try. A 2xx answer is success; anything else (another status, a redirect, which is
 * never followed, a timeout, a network error) throws DeliveryFailure, and the queue tries again.
 */
export function webhookSender(target: WebhookTarget, fetchImpl: typeof fetch = globalThis.fetch) {
  const signer = new Webhook(target.secret);
  return async function sendWebhook(event: ConnectionEvent, signal?: AbortSignal): Promise<{ status: number }> {
    const body = JSON.stringify(webhookBody(event));
    const sentAt = new Date();
    const headers = {
      'content-type': 'application/json',
      'user-agent': 'integration-connector-webhooks',
      'webhook-id': event.id,
      'webhook-timestamp': String(Math.floor(sentAt.getTime() / 1000)),
      'webhook-signature': signer.sign(event.id, sentAt, body),
    };
    const timeout = AbortSignal.timeout(target.timeoutMs);
    let response: Response;
    try {
      response = await fetchImpl(target.url, {
        method: 'POST',
        headers,
        body,
        redirect: 'manual',
        signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
      });
    } catch (error) {
      if (timeout.aborted) throw new DeliveryFailure(`no answer within ${target.timeoutMs} ms`);
      if (signal?.aborted) throw new DeliveryFailure('delivery given up by this instance');
      throw new DeliveryFailure(`network error: ${networkReason(error)}`);
    }
    // The body is never read into the logs or the failed list; it is drained so the socket is reused.
    await response.body?.cancel().catch(() => {});
    if (response.status >= 200 && response.status < 300) return { status: response.status };
    const why = response.status >= 300 && response.status < 400 ? ' (redirects are not followed)' : '';
    throw new DeliveryFailure(`HTTP ${response.status}${why}`, response.status);
  };
}

/** A short cause (ECONNREFUSED, ENOTFOUND...), never a URL with credentials in it. */
function networkReason(error: unknown): string {
  const cause = error instanceof Error ? (error.cause as { code?: unknown } | undefined) : undefined;
  if (cause && typeof cause.code === 'string') return cause.code;
  return error instanceof Error ? error.name : 'unknown';
}
