import { randomBytes } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';
import { afterEach, describe, expect, it } from 'vitest';
import { PROVIDER_IDS } from '../providers/registry.js';
import type { ConnectionEvent } from '../store/index.js';
import { DeliveryFailure } from './delivery-queue.js';
import { webhookSender } from './sender.js';

const secret = `whsec_${randomBytes(32).toString('base64')}`;
const event: ConnectionEvent = {
  id: 'evt_0123456789',
  type: 'connection.created',
  timestamp: '2026-12-01T12:00:00.000Z',
  data: {
    provider: PROVIDER_IDS[0]!,
    orgId: 'org-1',
    userId: 'user-1',
    account: { id: 'acc-1', name: 'Ünïcode “name”' },
    status: 'CONNECTED',
  },
};

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
  method: string;
  path: string;
}

describe('one webhook delivery try', () => {
  const servers: Server[] = [];
  afterEach(() => Promise.all(servers.splice(0).map((s) => new Promise((r) => (s.closeAllConnections(), s.close(r))))));

  /** A receiver answering `status` (or never, for `hang`), recording what it got. */
  const receiver = async (answer: number | 'hang', extra: Record<string, string> = {}) => {
    const received: Received[] = [];
    const server = createServer((req, res) => {
      let body = '';
      req.setEncoding('utf8');
      req.on('data', (chunk: string) => (body += chunk));
      req.on('end', () => {
        received.push({ headers: req.headers, body, method: req.method ?? '', path: req.url ?? '' });
        if (answer !== 'hang') res.writeHead(answer, extra).end('receiver body, never logged');
      });
    });
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`, received };
  };

  it('POSTs exactly the JSON body, signed so that any Standard Webhooks library verifies it', async () => {
    const { url, received } = await receiver(200);
    expect(await webhookSender({ url, secret, timeoutMs: 2_000 })(event)).toEqual({ status: 200 });
    const [request] = received;
    expect(request).toMatchObject({ method: 'POST', path: '/hooks' });
    expect(request!.body).toBe(JSON.stringify({ type: event.type, timestamp: event.timestamp, data: event.data }));
    expect(request!.headers['content-type']).toBe('application/json');
    expect(request!.headers['webhook-id']).toBe(event.id);
    expect(Number(request!.headers['webhook-timestamp'])).toBeCloseTo(Date.now() / 1000, -1);
    expect(request!.headers['webhook-signature']).toMatch(/^v1,[A-Za-z0-9+/]+=*$/);
    const headers = Object.fromEntries(Object.entries(request!.headers).map(([k, v]) => [k, String(v)]));
    expect(new Webhook(secret).verify(request!.body, headers)).toEqual(JSON.parse(request!.body));
    expect(() => new Webhook(`whsec_${randomBytes(32).toString('base64')}`).verify(request!.body, headers)).toThrow();
  });

  it('keeps the webhook-id on every try, and signs each try with its own timestamp', async () => {
    const { url, received } = await receiver(204);
    const send = webhookSender({ url, secret, timeoutMs: 2_000 });
    await send(event);
    await send(event);
    expect(received.map((r) => r.headers['webhook-id'])).toEqual([event.id, event.id]);
  });

  it('takes any 2xx as delivered and anything else as a failure with its status', async () => {
    for (const status of [200, 201, 202, 204, 299]) {
      const { url } = await receiver(status);
      await expect(webhookSender({ url, secret, timeoutMs: 2_000 })(event)).resolves.toEqual({ status });
    }
    for (const status of [400, 404, 410, 429, 500, 503]) {
      const { url } = await receiver(status);
      const failure = await webhookSender({ url, secret, timeoutMs: 2_000 })(event).catch((e: unknown) => e);
      expect(failure).toBeInstanceOf(DeliveryFailure);
      expect(failure).toMatchObject({ status, message: `HTTP ${status}` });
    }
  });

  it('never follows a redirect: a 3xx is a failure, and the redirect target receives nothing', async () => {
    const target = await receiver(200);
    const { url } = await receiver(307, { location: target.url });
    await expect(webhookSender({ url, secret, timeoutMs: 2_000 })(event)).rejects.toMatchObject({
      status: 307,
      message: 'HTTP 307 (redirects are not followed)',
    });
    expect(target.received).toEqual([]);
  });

  it('gives up on a receiver that does not answer within the timeout, and reports a refused connection', async () => {
    const { url } = await receiver('hang');
    const started = Date.now();
    await expect(webhookSender({ url, secret, timeoutMs: 300 })(event)).rejects.toMatchObject({
      status: null,
      message: 'no answer within 300 ms',
    });
    expect(Date.now() - started).toBeLessThan(2_000);
    const closed = await receiver(200);
    await new Promise((r) => servers.pop()!.close(r));
    await expect(webhookSender({ url: closed.url, secret, timeoutMs: 2_000 })(event)).rejects.toMatchObject({
      status: null,
      message: 'network error: ECONNREFUSED',
    });
  });

  it('stops at once when the instance gives the job up (shutdown, crash)', async () => {
    const { url } = await receiver('hang');
    const abort = new AbortController();
    const sending = webhookSender({ url, secret, timeoutMs: 10_000 })(event, abort.signal);
    setTimeout(() => abort.abort(), 100);
    await expect(sending).rejects.toMatchObject({ message: 'delivery given up by this instance' });
  });
});
