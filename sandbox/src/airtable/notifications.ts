import { createHmac } from 'node:crypto';
import type { Webhook } from './webhook-model.js';

/**
 * Notification pings, as the webhooks overview describes them: a POST of
 * `{"base":{"id"},"webhook":{"id"},"timestamp"}` with `X-Airtable-Content-MAC: hmac-sha256=<hex>`
 * (HMAC-SHA256 of the body with the base64-decoded `macSecretBase64`); 200 or 204 within 25 s is a
 * delivery, anything else is retried up to 13 times with exponential backoff from 10 s (about a
 * day), after which the ping is dropped and the webhook's notifications are disabled (payloads are
 * still generated). Pings are at least once and coalesced: while one is pending, new payloads do not
 * add another. Sent over real HTTP (node fetch); every attempt is logged for tests.
 */

export interface NotificationSettings {
  /** From the payload to the ping; UNCONFIRMED ("shortly after"), default 1000 ms. */
  delayMs: number;
  /** A ping taking longer fails: 25,000 ms (documented). */
  timeoutMs: number;
  /** First retry after this, doubling: 10,000 ms (documented). */
  retryBaseMs: number;
  /** 13 (documented). */
  maxRetries: number;
  /** When set, every ping goes here instead of the webhook's `notificationUrl` (a test receiver). */
  deliverTo: string | null;
}

export const DOCUMENTED_NOTIFICATIONS: NotificationSettings = {
  delayMs: 1000,
  timeoutMs: 25_000,
  retryBaseMs: 10_000,
  maxRetries: 13,
  deliverTo: null,
};

export interface NotificationAttempt {
  webhookId: string;
  baseId: string;
  url: string;
  body: string;
  /** The `X-Airtable-Content-MAC` header sent. */
  mac: string;
  /** 0 = first try. */
  retryNumber: number;
  at: string;
  durationMs: number;
  /** The receiver's status, when it answered. */
  status: number | null;
  success: boolean;
  error: string | null;
}

interface Ping {
  webhook: Webhook;
  timer: NodeJS.Timeout | null;
  inFlight: boolean;
  /** A payload came while a ping was in flight: one more ping after it. */
  again: boolean;
}

export const contentMac = (macSecretBase64: string, body: string) =>
  `hmac-sha256=${createHmac('sha256', Buffer.from(macSecretBase64, 'base64')).update(body, 'utf8').digest('hex')}`;

export class Notifier {
  readonly attempts: NotificationAttempt[] = [];
  private readonly pings = new Map<string, Ping>();
  private stopped = false;

  constructor(
    private readonly settings: NotificationSettings,
    private readonly now: () => number,
  ) {}

  /** Where pings go instead of each webhook's own URL (null: the webhook's URL). */
  deliverTo(url: string | null): void {
    this.settings.deliverTo = url;
  }

  /** A payload was added to this webhook. */
  payloadAdded(webhook: Webhook): void {
    if (this.stopped || !webhook.notificationUrl || !webhook.notificationsEnabled) return;
    const ping = this.pings.get(webhook.id);
    if (ping?.inFlight) ping.again = true;
    if (ping) return;
    this.schedule({ webhook, timer: null, inFlight: false, again: false }, this.settings.delayMs, 0);
  }

  /** Resolves once no ping is waiting, in flight or due for a retry (or after `timeoutMs`). */
  async settled(timeoutMs = 10_000): Promise<void> {
    const until = Date.now() + timeoutMs;
    while (this.pings.size > 0 && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 10));
  }

  /** Drops every pending ping (the sandbox is closing). */
  stop(): void {
    this.stopped = true;
    for (const ping of this.pings.values()) if (ping.timer) clearTimeout(ping.timer);
    this.pings.clear();
  }

  private schedule(ping: Ping, delayMs: number, retryNumber: number): void {
    this.pings.set(ping.webhook.id, ping);
    ping.timer = setTimeout(() => void this.send(ping, retryNumber), delayMs);
    // Pending pings never keep a test process alive.
    ping.timer.unref();
  }

  private async send(ping: Ping, retryNumber: number): Promise<void> {
    const { webhook } = ping;
    ping.timer = null;
    ping.inFlight = true;
    const body = JSON.stringify({
      base: { id: webhook.baseId },
      webhook: { id: webhook.id },
      timestamp: new Date(this.now()).toISOString(),
    });
    const mac = contentMac(webhook.macSecretBase64, body);
    const url = this.settings.deliverTo ?? webhook.notificationUrl ?? '';
    const started = performance.now();
    let status: number | null = null;
    let error: string | null = null;
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-airtable-content-mac': mac },
        body,
        signal: AbortSignal.timeout(this.settings.timeoutMs),
      });
      status = response.status;
      await response.arrayBuffer();
      if (status !== 200 && status !== 204) error = `The HTTP request returned a ${status} status code instead of 200 or 204`;
    } catch (cause) {
      error = cause instanceof Error && cause.name === 'TimeoutError' ? 'The HTTP request timed out' : 'The HTTP request could not be made';
    }
    ping.inFlight = false;
    if (this.stopped) return;
    const durationMs = Math.round((performance.now() - started) * 1000) / 1000;
    const completionTimestamp = new Date(this.now()).toISOString();
    const success = error === null;
    this.attempts.push({
      webhookId: webhook.id,
      baseId: webhook.baseId,
      url,
      body,
      mac,
      retryNumber,
      at: completionTimestamp,
      durationMs,
      status,
      success,
      error,
    });
    if (success) {
      webhook.lastNotificationResult = { success: true, completionTimestamp, durationMs, retryNumber };
      webhook.lastSuccessfulNotificationTime = completionTimestamp;
      this.pings.delete(webhook.id);
      if (ping.again) this.payloadAdded(webhook);
      return;
    }
    const willBeRetried = retryNumber < this.settings.maxRetries;
    webhook.lastNotificationResult = {
      success: false,
      completionTimestamp,
      durationMs,
      retryNumber,
      willBeRetried,
      error: { message: error ?? '' },
    };
    if (willBeRetried) {
      this.schedule({ ...ping, again: false }, this.settings.retryBaseMs * 2 ** retryNumber, retryNumber + 1);
      return;
    }
    // Dropped after the last retry: notifications stay off until the client turns them on again.
    webhook.notificationsEnabled = false;
    this.pings.delete(webhook.id);
  }
}
