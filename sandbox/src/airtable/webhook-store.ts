import { randomBytes } from 'node:crypto';
import { breaksSpecification, payloadBody } from './payloads.js';
import type { StoredPayload, Transaction, Webhook, WebhookSpecification } from './webhook-model.js';

/** Payloads live 7 days; webhooks expire 7 days after creation or their last refresh/listing (webhooks overview). */
export const WEEK_MS = 7 * 24 * 3600 * 1000;
/** At most 50 payloads per listing (list-webhook-payloads reference). */
export const MAX_PAYLOADS_PER_PAGE = 50;

const webhookId = () => `ach${randomBytes(12).toString('base64').replace(/[+/=]/g, '').slice(0, 14).padEnd(14, 'x')}`;

/**
 * Every webhook of every base, each with its payload log. Time comes from the sandbox clock, so a
 * test can jump over a week: an expired webhook is disabled (no new payloads) but its metadata and
 * payloads stay readable for 7 more days, then it is gone; payloads older than 7 days are deleted
 * whether read or not, and the cursor is never reset (webhooks overview; list-webhook-payloads).
 */
export class WebhookStore {
  private readonly byBase = new Map<string, Webhook[]>();
  private readonly transactionNumbers = new Map<string, number>();

  constructor(
    private readonly now: () => number,
    private readonly onPayload: (webhook: Webhook) => void,
  ) {}

  /** A base's webhooks (every integration's), after applying expiry and retention. */
  of(baseId: string): Webhook[] {
    const now = this.now();
    const kept = (this.byBase.get(baseId) ?? []).filter((w) => now < w.expiresAt + WEEK_MS);
    for (const w of kept) {
      if (now >= w.expiresAt) w.hookEnabled = false;
      w.payloads = w.payloads.filter((p) => p.at >= now - WEEK_MS);
    }
    this.byBase.set(baseId, kept);
    return kept;
  }

  find(baseId: string, id: string): Webhook | undefined {
    return this.of(baseId).find((w) => w.id === id);
  }

  isActive(webhook: Webhook): boolean {
    return webhook.hookEnabled && this.now() < webhook.expiresAt;
  }

  create(baseId: string, clientId: string, notificationUrl: string | null, specification: WebhookSpecification): Webhook {
    const now = this.now();
    const webhook: Webhook = {
      id: webhookId(),
      baseId,
      clientId,
      notificationUrl,
      specification,
      macSecretBase64: randomBytes(32).toString('base64'),
      createdAt: now,
      expiresAt: now + WEEK_MS,
      hookEnabled: true,
      notificationsEnabled: true,
      nextCursor: 1,
      payloads: [],
      lastNotificationResult: null,
      lastSuccessfulNotificationTime: null,
    };
    this.byBase.set(baseId, [...this.of(baseId), webhook]);
    return webhook;
  }

  delete(webhook: Webhook): void {
    this.byBase.set(
      webhook.baseId,
      this.of(webhook.baseId).filter((w) => w !== webhook),
    );
  }

  /** Refresh, or a payload listing: 7 more days from now, for a webhook still active. */
  extend(webhook: Webhook): void {
    if (this.isActive(webhook)) webhook.expiresAt = this.now() + WEEK_MS;
  }

  /** Numbers every change of a base and hands each active webhook its payload (or error payload). */
  record(txn: Transaction): void {
    const number = (this.transactionNumbers.get(txn.baseId) ?? 0) + 1;
    this.transactionNumbers.set(txn.baseId, number);
    const envelope = {
      timestamp: new Date(txn.at).toISOString(),
      baseTransactionNumber: number,
      actionMetadata: txn.user ? { source: txn.source, sourceMetadata: { user: txn.user } } : { source: txn.source },
      payloadFormat: 'v0',
    };
    for (const webhook of this.of(txn.baseId)) {
      if (!this.isActive(webhook)) continue;
      if (breaksSpecification(webhook, txn)) {
        this.append(webhook, { ...envelope, error: true, code: 'INVALID_FILTERS' });
        webhook.hookEnabled = false;
        continue;
      }
      const body = payloadBody(webhook, txn);
      if (body) this.append(webhook, { ...envelope, ...body });
    }
  }

  private append(webhook: Webhook, body: Record<string, unknown>): void {
    webhook.payloads.push({ cursor: webhook.nextCursor++, at: this.now(), body });
    this.onPayload(webhook);
  }

  /** From `cursor` (default 1), at most `limit`; a cursor into deleted payloads resumes at the oldest kept. */
  page(webhook: Webhook, cursor: number, limit: number): { payloads: StoredPayload[]; cursor: number; mightHaveMore: boolean } {
    const after = webhook.payloads.filter((p) => p.cursor >= cursor);
    const payloads = after.slice(0, limit);
    const last = payloads.at(-1);
    return { payloads, cursor: last ? last.cursor + 1 : cursor, mightHaveMore: after.length > payloads.length };
  }
}
