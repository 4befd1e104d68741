import { randomBytes, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import type { ConnectionEvent } from '../../server/src/store/index.js';
import type { WebhookTuning } from '../../server/src/webhooks/delivery.js';
import { webhookBody } from '../../server/src/webhooks/payload.js';
import { startTestServer, type TestServer } from '../support/test-server.js';
import { newWebhookSecret, startWebhookReceiver, type Arrival, type WebhookReceiver } from '../support/webhook-receiver.js';

/**
 * Durable, signed webhooks end to end: real server instances on a real redis-server, delivering to
 * a real receiver that runs the verifier of docs/webhooks.md. Events are handed to the delivery
 * sink directly, as the store's outbox relay does.
 */
const redisUrl = inject('redisUrl');
const ADMIN_KEY = `admin-${randomBytes(24).toString('hex')}`;
// Fast retries and lock take-over, so the suite runs in seconds (the production schedule: retry-schedule.test.ts).
const FAST: WebhookTuning = { backoffMs: () => 150, lockMs: 1_000, stalledCheckMs: 300 };

const until = async (check: () => boolean, timeoutMs = 15_000) => {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 25));
  }
};
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

const TYPES = ['connection.created', 'connection.deleted', 'connection.reconnect_required'] as const;
const STATUS = {
  'connection.created': 'CONNECTED',
  'connection.deleted': 'DISCONNECTED',
  'connection.reconnect_required': 'RECONNECT_REQUIRED',
} as const;
const newEvent = (type: ConnectionEvent['type'] = 'connection.created'): ConnectionEvent => ({
  id: `evt_${randomUUID()}`,
  type,
  timestamp: new Date().toISOString(),
  data: {
    provider: 'notion',
    orgId: `org-${randomUUID()}`,
    userId: 'user-1',
    account: { id: 'ws-1', name: 'Acme workspace' },
    status: STATUS[type],
  },
});

/** Per webhook-id, the receiver's outcomes in order. */
const outcomesById = (arrivals: Arrival[]) => {
  const byId = new Map<string, Array<Arrival['outcome']>>();
  for (const arrival of arrivals) byId.set(arrival.webhookId, [...(byId.get(arrival.webhookId) ?? []), arrival.outcome]);
  return byId;
};

describe('webhooks', () => {
  const secret = newWebhookSecret();
  let receiver: WebhookReceiver;
  const servers: TestServer[] = [];
  /** An instance of the server; instances started with the same `prefix` share one queue in Redis. */
  const instance = async (prefix: string, env: Record<string, string> = {}, tuning: WebhookTuning = FAST) => {
    const server = await startTestServer(
      {
        REDIS_URL: redisUrl,
        REDIS_KEY_PREFIX: prefix,
        ADMIN_API_KEY: ADMIN_KEY,
        WEBHOOK_URL: receiver.url,
        WEBHOOK_SECRET: secret,
        WEBHOOK_TIMEOUT_MS: '2000',
        WEBHOOK_MAX_ATTEMPTS: '40',
        ...env,
      },
      { webhookTuning: tuning },
    );
    servers.push(server);
    return server;
  };
  const newPrefix = () => `wh:${randomBytes(4).toString('hex')}:`;
  const sink = (server: TestServer) => server.webhooks!.sink;

  beforeAll(async () => {
    receiver = await startWebhookReceiver(secret);
  });
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((server) => server.close()));
    await receiver.start(); // a test that stopped it may leave it down
    receiver.answerWith(() => 'accept');
    receiver.release();
  });
  afterAll(() => receiver.stop());

  it('signs every delivery per Standard Webhooks; the body is exactly type, timestamp and data, with webhook-id = event id', async () => {
    const server = await instance(newPrefix());
    const events = TYPES.map(newEvent);
    for (const event of events) await sink(server).enqueue(event);
    await until(() => events.every((event) => receiver.accepted(event.id).length === 1));
    for (const event of events) {
      // The receiver's verifier (docs/examples/webhook-receiver.mjs) let it through: signature and timestamp hold.
      const [arrival] = receiver.accepted(event.id);
      expect(arrival!.event).toEqual(webhookBody(event));
      expect(Object.keys(arrival!.event)).toEqual(['type', 'timestamp', 'data']);
      expect(arrival!.event).toEqual({
        type: event.type,
        timestamp: event.timestamp,
        data: {
          provider: 'notion',
          orgId: event.data.orgId,
          userId: 'user-1',
          account: { id: 'ws-1', name: 'Acme workspace' },
          status: STATUS[event.type],
        },
      });
    }
  });

  it('the docs verifier refuses a delivery that is not signed with the secret', async () => {
    const forged = await fetch(receiver.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'webhook-id': 'evt_forged',
        'webhook-timestamp': String(Math.floor(Date.now() / 1000)),
        'webhook-signature': 'v1,bm90IGEgc2lnbmF0dXJl',
      },
      body: JSON.stringify(webhookBody(newEvent())),
    });
    expect(forged.status).toBe(400);
    expect(receiver.arrivals.some((a) => a.webhookId === 'evt_forged')).toBe(false);
  });

  it('receiver down (connection refused), then failing (503), then up: every event arrives, with its original webhook-id and body', async () => {
    const server = await instance(newPrefix());
    await receiver.stop();
    const events = Array.from({ length: 12 }, (_, i) => newEvent(TYPES[i % 3]));
    for (const event of events) await sink(server).enqueue(event);
    await sleep(1_000); // refused connections meanwhile
    receiver.answerWith(() => 'fail');
    await receiver.start();
    await until(() => events.every((event) => receiver.arrivals.some((a) => a.webhookId === event.id && a.outcome === 'failed')));
    receiver.answerWith(() => 'accept');
    await until(() => events.every((event) => receiver.accepted(event.id).length > 0), 20_000);
    await sleep(500);
    for (const event of events) {
      const accepted = receiver.accepted(event.id);
      expect(accepted, event.id).toHaveLength(1);
      expect(accepted[0]!.event).toEqual(webhookBody(event));
    }
    const logs = server.logs.lines.map((line) => JSON.parse(line) as Record<string, unknown>).filter((l) => l.component === 'webhooks');
    const refused = logs.find((l) => typeof l.error === 'string' && l.error.includes('ECONNREFUSED'));
    expect(refused).toMatchObject({ attempt: 1, status: null, final: false });
    expect(events.map((event) => event.id)).toContain(refused?.webhookId);
    expect(TYPES).toContain(refused?.type);
    const unavailable = logs.find((l) => l.status === 503);
    expect(unavailable).toMatchObject({ error: 'HTTP 503', msg: 'webhook delivery failed: will retry' });
    expect(typeof unavailable?.durationMs).toBe('number');
    expect(logs.filter((l) => l.msg === 'webhook delivered')).toHaveLength(events.length);
  });

  it('a restart loses nothing: events queued while the receiver is down are delivered by the next instance', async () => {
    const prefix = newPrefix();
    const before = await instance(prefix);
    await receiver.stop();
    const events = Array.from({ length: 5 }, () => newEvent());
    for (const event of events) await sink(before).enqueue(event);
    await sleep(300);
    await before.close(); // SIGTERM path: workers stop, the queue stays in Redis
    await receiver.start();
    const after = await instance(prefix);
    await until(() => events.every((event) => receiver.accepted(event.id).length === 1));
    for (const event of events) expect(receiver.accepted(event.id)[0]!.event).toEqual(webhookBody(event));
    expect(after.logs.text).toContain('webhook delivered');
  });

  it('an instance killed mid-delivery (the receiver holding the request open): another instance delivers the same webhook', async () => {
    const prefix = newPrefix();
    const first = await instance(prefix);
    receiver.answerWith(() => 'hold');
    const event = newEvent();
    await sink(first).enqueue(event);
    await until(() => receiver.arrivals.some((a) => a.webhookId === event.id && a.outcome === 'held'));
    await first.webhooks!.worker.crash();
    await until(() => receiver.arrivals.some((a) => a.webhookId === event.id && a.outcome === 'aborted'));
    receiver.answerWith(() => 'accept');
    const second = await instance(prefix);
    await until(() => receiver.accepted(event.id).length === 1);
    expect(receiver.accepted(event.id)[0]!.event).toEqual(webhookBody(event));
    expect(outcomesById(receiver.arrivals).get(event.id)).toEqual(['held', 'aborted', 'accepted']);
    expect(second.logs.text).toContain(event.id);
  });

  it('two instances: every event delivered, and none delivered twice in a row without a failure in between', async () => {
    const prefix = newPrefix();
    const [a, b] = [await instance(prefix), await instance(prefix)];
    // Every third event fails its first try, so retries run on both instances too.
    const tries = new Map<string, number>();
    const flaky = new Set<string>();
    receiver.answerWith((id) => {
      tries.set(id, (tries.get(id) ?? 0) + 1);
      return flaky.has(id) && tries.get(id) === 1 ? 'fail' : 'accept';
    });
    const events = Array.from({ length: 45 }, (_, i) => newEvent(TYPES[i % 3]));
    events.forEach((event, i) => i % 3 === 0 && flaky.add(event.id));
    await Promise.all(events.map((event, i) => sink(i % 2 ? a : b).enqueue(event)));
    await until(() => events.every((event) => receiver.accepted(event.id).length > 0), 20_000);
    await sleep(1_000);
    for (const [id, outcomes] of outcomesById(receiver.arrivals)) {
      if (!tries.has(id)) continue;
      for (let i = 1; i < outcomes.length; i++) expect(`${outcomes[i - 1]} then ${outcomes[i]}`, id).not.toBe('accepted then accepted');
    }
    for (const event of events) expect(receiver.accepted(event.id), event.id).toHaveLength(1);
    const delivered = (server: TestServer) => server.logs.lines.filter((line) => line.includes('"webhook delivered"')).length;
    expect(delivered(a) + delivered(b)).toBe(events.length);
  });

  describe('after the last attempt', () => {
    const FAILED = `query($first: Int, $after: String) { failedWebhookDeliveries(first: $first, after: $after) {
      edges { cursor node { id type timestamp attempts lastStatus lastError enqueuedAt failedAt data { provider orgId userId status account { id name } } } }
      pageInfo { hasNextPage endCursor } } }`;
    const REDELIVER = `mutation($id: ID!) { redeliverWebhook(id: $id) }`;
    interface FailedPage {
      failedWebhookDeliveries: {
        edges: Array<{
          cursor: string;
          node: { id: string; attempts: number; lastStatus: number | null; lastError: string } & Record<string, unknown>;
        }>;
        pageInfo: { hasNextPage: boolean; endCursor: string | null };
      };
    }
    const admin = { 'x-admin-key': ADMIN_KEY };

    it('is listed as failed through the admin query, and redelivered with the same webhook-id and body', async () => {
      const server = await instance(newPrefix(), { WEBHOOK_MAX_ATTEMPTS: '3' });
      receiver.answerWith(() => 'fail');
      const event = newEvent('connection.reconnect_required');
      await sink(server).enqueue(event);
      let page: FailedPage['failedWebhookDeliveries'] | undefined;
      await until(() => receiver.arrivals.filter((a) => a.webhookId === event.id).length === 3);
      for (let i = 0; i < 40 && !page?.edges.length; i++) {
        page = (await server.graphql<FailedPage>(FAILED, { first: 10 }, admin)).body.data?.failedWebhookDeliveries;
        if (!page?.edges.length) await sleep(50);
      }
      expect(page!.edges).toHaveLength(1);
      const { enqueuedAt, failedAt, ...node } = page!.edges[0]!.node;
      expect(Date.parse(String(failedAt))).toBeGreaterThanOrEqual(Date.parse(String(enqueuedAt)));
      expect(node).toEqual({
        id: event.id,
        type: 'connection.reconnect_required',
        timestamp: event.timestamp,
        attempts: 3,
        lastStatus: 503,
        lastError: 'HTTP 503',
        data: {
          provider: 'NOTION',
          orgId: event.data.orgId,
          userId: 'user-1',
          status: 'RECONNECT_REQUIRED',
          account: { id: 'ws-1', name: 'Acme workspace' },
        },
      });
      expect(page!.pageInfo).toEqual({ hasNextPage: false, endCursor: null });
      await sleep(500);
      expect(receiver.arrivals.filter((a) => a.webhookId === event.id)).toHaveLength(3); // no fourth try

      receiver.answerWith(() => 'accept');
      expect((await server.graphql(REDELIVER, { id: 'evt_unknown' }, admin)).body.data).toEqual({ redeliverWebhook: false });
      expect((await server.graphql(REDELIVER, { id: event.id }, admin)).body.data).toEqual({ redeliverWebhook: true });
      await until(() => receiver.accepted(event.id).length === 1);
      expect(receiver.accepted(event.id)[0]!.event).toEqual(webhookBody(event));
      await sleep(200);
      expect((await server.graphql<FailedPage>(FAILED, {}, admin)).body.data?.failedWebhookDeliveries.edges).toEqual([]);
    });

    it('pages through failed deliveries with cursors, and refuses a bad cursor or page size as BAD_USER_INPUT', async () => {
      const server = await instance(newPrefix(), { WEBHOOK_MAX_ATTEMPTS: '1' });
      receiver.answerWith(() => 'fail');
      const events = Array.from({ length: 3 }, () => newEvent());
      for (const event of events) {
        await sink(server).enqueue(event);
        await until(() => receiver.arrivals.some((a) => a.webhookId === event.id));
        await sleep(20);
      }
      await sleep(300);
      const one = (await server.graphql<FailedPage>(FAILED, { first: 2 }, admin)).body.data!.failedWebhookDeliveries;
      expect(one.pageInfo.hasNextPage).toBe(true);
      const two = (await server.graphql<FailedPage>(FAILED, { first: 2, after: one.pageInfo.endCursor }, admin)).body.data!
        .failedWebhookDeliveries;
      expect([...one.edges, ...two.edges].map((edge) => edge.node.id)).toEqual(events.map((event) => event.id).reverse());
      expect(two.pageInfo).toEqual({ hasNextPage: false, endCursor: null });
      for (const variables of [{ after: 'not-a-cursor' }, { first: 0 }, { first: 101 }]) {
        const { body } = await server.graphql(FAILED, variables, admin);
        expect(body.errors?.[0]?.extensions?.code, JSON.stringify(variables)).toBe('BAD_USER_INPUT');
      }
    });

    it('is admin only: without the admin key the list and redelivery are FORBIDDEN', async () => {
      const server = await instance(newPrefix());
      const callers: Array<Record<string, string>> = [{}, { 'x-admin-key': 'wrong-key-0123456789-abcdefghijklmnop' }];
      for (const headers of callers) {
        const list = await server.graphql(FAILED, {}, headers);
        const redeliver = await server.graphql(REDELIVER, { id: 'evt_x' }, headers);
        for (const { body } of [list, redeliver]) expect(body.errors?.[0]?.extensions?.code).toMatch(/^(FORBIDDEN|UNAUTHENTICATED)$/);
      }
      const { body } = await server.graphql(FAILED, {}, {});
      expect(body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    });

    it('never shows the signing secret: not in the logs, not in the failed list', async () => {
      const server = await instance(newPrefix(), { WEBHOOK_MAX_ATTEMPTS: '2' });
      receiver.answerWith(() => 'fail');
      const event = newEvent();
      await sink(server).enqueue(event);
      await until(() => receiver.arrivals.filter((a) => a.webhookId === event.id).length === 2);
      await sleep(300);
      const listed = JSON.stringify((await server.graphql(FAILED, {}, admin)).body);
      expect(listed).toContain(event.id);
      const key = secret.slice('whsec_'.length);
      for (const text of [listed, server.logs.text]) {
        expect(text).not.toContain(key);
        expect(text).not.toContain(key.slice(0, 16));
      }
      expect(server.logs.text).toContain(event.id);
    });
  });

  it('memory mode delivers too (the in-process queue)', async () => {
    const server = await startTestServer({ WEBHOOK_URL: receiver.url, WEBHOOK_SECRET: secret }, { webhookTuning: FAST });
    servers.push(server);
    const event = newEvent('connection.deleted');
    await sink(server).enqueue(event);
    await until(() => receiver.accepted(event.id).length === 1);
    expect(receiver.accepted(event.id)[0]!.event).toEqual(webhookBody(event));
  });

  it('docs/webhooks.md shows the verifier this suite runs, verbatim', () => {
    const docs = readFileSync('docs/webhooks.md', 'utf8');
    expect(docs).toContain(readFileSync('docs/examples/webhook-receiver.mjs', 'utf8'));
  });
});
