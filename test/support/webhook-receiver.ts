import { randomBytes } from 'node:crypto';
import type { Server } from 'node:http';
import { webhookReceiver, type ReceivedWebhook } from '../../docs/examples/webhook-receiver.mjs';
import { freePort } from './redis-server.js';

export type Answer = 'accept' | 'fail' | 'hold';

export interface Arrival {
  webhookId: string;
  event: ReceivedWebhook;
  /** accepted: answered 204. failed: answered 503. held: kept open (see `release`); aborted: the sender gave up on a held request. */
  outcome: 'accepted' | 'failed' | 'held' | 'aborted';
}

/** A Standard Webhooks secret as an operator makes one: `whsec_$(openssl rand -base64 32)`. */
export const newWebhookSecret = () => `whsec_${randomBytes(32).toString('base64')}`;

/**
 * The host's receiver: the verifier of docs/webhooks.md (docs/examples/webhook-receiver.mjs), run
 * for real on a loopback port. Only signed, fresh deliveries get past it; `answer` decides what each
 * verified delivery gets. `stop()` closes the port (senders see connection refused) until `start()`.
 */
export async function startWebhookReceiver(secret: string) {
  const port = await freePort();
  const arrivals: Arrival[] = [];
  const held = new Set<() => void>();
  let answer: (webhookId: string, event: ReceivedWebhook) => Answer = () => 'accept';
  let server: Server | undefined;

  const start = async () => {
    if (server) return;
    const next = webhookReceiver(secret, async (event, webhookId) => {
      const outcome = answer(webhookId, event);
      if (outcome === 'hold') {
        const arrival: Arrival = { webhookId, event, outcome: 'held' };
        arrivals.push(arrival);
        await new Promise<void>((resolve) => held.add(resolve));
        return;
      }
      arrivals.push({ webhookId, event, outcome: outcome === 'accept' ? 'accepted' : 'failed' });
      if (outcome === 'fail') throw new Error('receiver says 503');
    });
    // Beside the docs handler: notice a held request the sender abandoned.
    next.on('request', (req, res) => {
      res.on('close', () => {
        if (res.writableFinished) return;
        const webhookId = String(req.headers['webhook-id']);
        const heldArrival = arrivals.find((a) => a.webhookId === webhookId && a.outcome === 'held');
        if (heldArrival) arrivals.push({ webhookId, event: heldArrival.event, outcome: 'aborted' });
      });
    });
    await new Promise<void>((resolve, reject) => {
      next.once('error', reject);
      next.listen(port, '127.0.0.1', resolve);
    });
    server = next;
  };
  const stop = async () => {
    const current = server;
    server = undefined;
    if (!current) return;
    release();
    current.closeAllConnections();
    await new Promise<void>((resolve) => current.close(() => resolve()));
  };
  const release = () => {
    for (const resolve of held) resolve();
    held.clear();
  };
  await start();
  return {
    url: `http://127.0.0.1:${port}/hooks`,
    arrivals,
    /** Decide what each verified delivery gets from now on. */
    answerWith(next: (webhookId: string, event: ReceivedWebhook) => Answer) {
      answer = next;
    },
    /** Let every held request answer 204. */
    release,
    start,
    stop,
    accepted: (webhookId?: string) => arrivals.filter((a) => a.outcome === 'accepted' && (!webhookId || a.webhookId === webhookId)),
  };
}

export type WebhookReceiver = Awaited<ReturnType<typeof startWebhookReceiver>>;
