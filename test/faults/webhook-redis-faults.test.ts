import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StoreUnavailableError, type ConnectionEvent } from '../../server/src/store/index.js';
import { webhookBody } from '../../server/src/webhooks/payload.js';
import { startTestRedis, type TestRedis } from '../support/redis-server.js';
import { startTestServer, type TestServer } from '../support/test-server.js';
import { newWebhookSecret, startWebhookReceiver, type WebhookReceiver } from '../support/webhook-receiver.js';

const until = async (check: () => boolean, timeoutMs = 20_000) => {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 50));
  }
};
const newEvent = (): ConnectionEvent => ({
  id: `evt_${randomUUID()}`,
  type: 'connection.deleted',
  timestamp: new Date().toISOString(),
  data: {
    provider: 'airtable',
    orgId: `org-${randomUUID()}`,
    userId: 'user-1',
    account: { id: 'usr1', name: 'Ada' },
    status: 'DISCONNECTED',
  },
});

/** Redis itself crashes (SIGKILL, append-only file on) while webhooks wait for a receiver that is down. */
describe('webhooks when Redis crashes', () => {
  const secret = newWebhookSecret();
  let redis: TestRedis;
  let receiver: WebhookReceiver;
  let server: TestServer;

  beforeAll(async () => {
    redis = await startTestRedis({ appendOnly: true });
    receiver = await startWebhookReceiver(secret);
    server = await startTestServer(
      { REDIS_URL: redis.url, WEBHOOK_URL: receiver.url, WEBHOOK_SECRET: secret, WEBHOOK_MAX_ATTEMPTS: '100', WEBHOOK_TIMEOUT_MS: '1000' },
      { webhookTuning: { backoffMs: () => 200, lockMs: 1_000, stalledCheckMs: 300 } },
    );
  });
  afterAll(async () => {
    await server?.close();
    await receiver?.stop();
    await redis?.stop();
  });

  it(
    'refuses an enqueue at once while Redis is down (the relay retries it), and delivers every queued event after Redis comes back',
    { timeout: 60_000 },
    async () => {
      await receiver.stop();
      const queued = Array.from({ length: 5 }, newEvent);
      for (const event of queued) await server.webhooks!.sink.enqueue(event);
      await new Promise((r) => setTimeout(r, 300));

      await redis.kill();
      const late = newEvent();
      const started = Date.now();
      await expect(server.webhooks!.sink.enqueue(late)).rejects.toBeInstanceOf(StoreUnavailableError);
      expect(Date.now() - started).toBeLessThan(3_000);

      await redis.restart();
      await receiver.start();
      // The relay's retry: the queue's connection is back within a reconnect step (fail fast until then).
      for (let tries = 0; ; tries++) {
        try {
          await server.webhooks!.sink.enqueue(late);
          break;
        } catch (error) {
          if (!(error instanceof StoreUnavailableError) || tries > 50) throw error;
          await new Promise((r) => setTimeout(r, 100));
        }
      }
      for (const event of [...queued, late]) {
        await until(() => receiver.accepted(event.id).length > 0);
        expect(receiver.accepted(event.id)).toHaveLength(1);
        expect(receiver.accepted(event.id)[0]!.event).toEqual(webhookBody(event));
      }
    },
  );

  it('still shuts down promptly while Redis is down (SIGTERM does not hang on the webhook worker)', { timeout: 30_000 }, async () => {
    await redis.kill();
    const started = Date.now();
    await server.close();
    // At most the try timeout (1 s) + 5 s of grace for the worker, then it is cut off as in a crash (<= 3 s).
    expect(Date.now() - started).toBeLessThan(15_000);
    await redis.restart();
  });
});
