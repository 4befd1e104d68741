import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { RedisStore, type ConnectionEvent } from '../../server/src/store/index.js';
import type { DeliveryQueue } from '../../server/src/webhooks/delivery-queue.js';
import { createDeliveryQueue } from '../../server/src/webhooks/delivery-queues.js';
import { webhookBody } from '../../server/src/webhooks/payload.js';
import { startServerProcess } from '../support/server-process.js';
import { startTestServer, TEST_ENCRYPTION_KEY, type TestServer } from '../support/test-server.js';
import { newWebhookSecret, startWebhookReceiver, type WebhookReceiver } from '../support/webhook-receiver.js';

/**
 * The real thing: a server process, with the production lock timing, is SIGKILLed while the receiver
 * holds its delivery open; another instance delivers the same webhook once the dead one's lock lapses
 * (about 30 s: that wait is the production behaviour this test measures).
 */
const redisUrl = inject('redisUrl');

describe('webhooks: an instance SIGKILLed mid-delivery', () => {
  const secret = newWebhookSecret();
  const prefix = `whk:${randomBytes(4).toString('hex')}:`;
  let receiver: WebhookReceiver;
  let kv: RedisStore;
  let producer: DeliveryQueue;
  let survivor: TestServer | undefined;

  beforeAll(async () => {
    receiver = await startWebhookReceiver(secret);
    kv = await RedisStore.connect(redisUrl, prefix);
    // Only enqueues (no worker): the events reach the queue as the outbox relay hands them.
    producer = await createDeliveryQueue(kv.redis, {
      attempts: 20,
      backoffMs: () => 100,
      failedRetentionMs: 3_600_000,
      deliveredRetentionMs: 3_600_000,
      lockMs: 30_000,
      stalledCheckMs: 15_000,
    });
  });
  afterAll(async () => {
    await survivor?.close();
    await producer.close();
    await kv.close();
    await receiver.stop();
  });

  it('is delivered by another instance, same webhook-id and body, the held try aborted in between', { timeout: 90_000 }, async () => {
    const env = {
      REDIS_URL: redisUrl,
      REDIS_KEY_PREFIX: prefix,
      ENCRYPTION_KEY: TEST_ENCRYPTION_KEY,
      AUTH_MODE: 'open',
      WEBHOOK_URL: receiver.url,
      WEBHOOK_SECRET: secret,
      WEBHOOK_TIMEOUT_MS: '20000',
    };
    const doomed = await startServerProcess(env);
    receiver.answerWith(() => 'hold');
    const event: ConnectionEvent = {
      id: `evt_${randomUUID()}`,
      type: 'connection.created',
      timestamp: new Date().toISOString(),
      data: {
        provider: 'hubspot',
        orgId: `org-${randomUUID()}`,
        userId: 'user-1',
        account: { id: '8412345', name: null },
        status: 'CONNECTED',
      },
    };
    await producer.enqueue(event);
    const deadline = Date.now() + 20_000;
    while (!receiver.arrivals.some((a) => a.webhookId === event.id && a.outcome === 'held')) {
      if (Date.now() > deadline) throw new Error(`the process never delivered:\n${doomed.output()}`);
      await new Promise((r) => setTimeout(r, 50));
    }
    doomed.kill('SIGKILL');
    expect(await doomed.exited).toBeNull();
    receiver.answerWith(() => 'accept');
    const killedAt = Date.now();
    survivor = await startTestServer(
      { REDIS_URL: redisUrl, REDIS_KEY_PREFIX: prefix, WEBHOOK_URL: receiver.url, WEBHOOK_SECRET: secret },
      {
        webhookTuning: { stalledCheckMs: 500 },
      },
    );
    while (receiver.accepted(event.id).length === 0) {
      if (Date.now() - killedAt > 60_000) throw new Error('no other instance delivered');
      await new Promise((r) => setTimeout(r, 100));
    }
    const takeoverMs = Date.now() - killedAt;
    expect(receiver.accepted(event.id)[0]!.event).toEqual(webhookBody(event));
    expect(receiver.arrivals.filter((a) => a.webhookId === event.id).map((a) => a.outcome)).toEqual(['held', 'aborted', 'accepted']);
    // The dead process's 30 s lock must lapse first; then the survivor's stalled check takes the job over.
    expect(takeoverMs).toBeLessThan(45_000);
    console.log(`webhook taken over ${(takeoverMs / 1000).toFixed(1)} s after SIGKILL`);
  });
});
