import { createHmac } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { airtableNotificationPing, airtableWebhookCreated, airtableWebhookList, airtableWebhookPayloads } from './contracts/airtable.js';
import { type AirtableRig, airtableRig } from './airtable-support.js';
import { sleep } from './helpers.js';

/** A receiver on real HTTP: it records every ping and answers what the current spec tells it to. */
interface Received {
  at: number;
  body: string;
  headers: IncomingMessage['headers'];
}
const received: Received[] = [];
let answer: (n: number) => { status: number; delayMs?: number } = () => ({ status: 200 });
let receiver: Server;
let receiverUrl: string;

let rig: AirtableRig;
beforeAll(async () => {
  receiver = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    req.on('end', () => {
      received.push({ at: Date.now(), body, headers: req.headers });
      const { status, delayMs = 0 } = answer(received.length);
      setTimeout(() => res.writeHead(status).end(), delayMs);
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/integrations/airtable/webhook`;
  rig = await airtableRig({ notifications: { delayMs: 50, retryBaseMs: 60, maxRetries: 2, timeoutMs: 300 } });
});
afterAll(async () => {
  await rig.sb.close();
  receiver.closeAllConnections();
  await new Promise((resolve) => receiver.close(resolve));
});
beforeEach(async () => {
  await rig.sb.airtable.notifications.settled();
  received.length = 0;
  answer = () => ({ status: 200 });
  rig.sb.airtable.notifications.deliverTo(null);
  const { webhooks } = airtableWebhookList.parse(await (await rig.get(`/v0/bases/${rig.base.id}/webhooks`)).json());
  for (const w of webhooks) await rig.send('DELETE', `/v0/bases/${rig.base.id}/webhooks/${w.id}`);
});

const hook = async (notificationUrl: string | null = receiverUrl) =>
  airtableWebhookCreated.parse(
    await (
      await rig.send('POST', `/v0/bases/${rig.base.id}/webhooks`, {
        ...(notificationUrl ? { notificationUrl } : {}),
        specification: { options: { filters: { dataTypes: ['tableData'] } } },
      })
    ).json(),
  );
const listed = async (id: string) =>
  airtableWebhookList.parse(await (await rig.get(`/v0/bases/${rig.base.id}/webhooks`)).json()).webhooks.find((w) => w.id === id)!;
const change = () => rig.sb.airtable.mutate.createRecord({ table: rig.table.id });

/** The receiver's side of the documented check (webhooks overview, "Webhook notification delivery"). */
const expectedMac = (secret: string, body: string) =>
  `hmac-sha256=${createHmac('sha256', Buffer.from(secret, 'base64')).update(body, 'ascii').digest('hex')}`;

describe('Airtable notification pings over real HTTP', () => {
  it('POSTs {base, webhook, timestamp} signed with X-Airtable-Content-MAC that the documented computation verifies', async () => {
    const created = await hook();
    change();
    await rig.sb.airtable.notifications.settled();
    expect(received).toHaveLength(1);
    const ping = airtableNotificationPing.parse(JSON.parse(received[0]!.body));
    expect(ping).toMatchObject({ base: { id: rig.base.id }, webhook: { id: created.id } });
    expect(received[0]!.headers['content-type']).toBe('application/json');
    expect(received[0]!.headers['x-airtable-content-mac']).toBe(expectedMac(created.macSecretBase64, received[0]!.body));
    expect(received[0]!.headers['x-airtable-content-mac']).not.toBe(
      expectedMac(Buffer.from('another secret').toString('base64'), received[0]!.body),
    );
    const state = await listed(created.id);
    expect(state.lastNotificationResult).toMatchObject({ success: true, retryNumber: 0 });
    expect(state.lastSuccessfulNotificationTime).toBe(state.lastNotificationResult!.completionTimestamp);
  });

  it('coalesces changes in rapid succession into one ping; the payloads are all there', async () => {
    const created = await hook();
    for (let i = 0; i < 5; i++) change();
    await rig.sb.airtable.notifications.settled();
    expect(received).toHaveLength(1);
    const page = airtableWebhookPayloads.parse(await (await rig.get(`/v0/bases/${rig.base.id}/webhooks/${created.id}/payloads`)).json());
    expect(page.payloads).toHaveLength(5);
  });

  it('pings again for a change made while a ping was in flight (at least once per change)', async () => {
    await hook();
    answer = (n) => ({ status: 204, delayMs: n === 1 ? 300 : 0 });
    change();
    // The first ping has reached the receiver, which holds its answer: it is in flight.
    while (received.length === 0) await sleep(5);
    change();
    await rig.sb.airtable.notifications.settled();
    expect(received).toHaveLength(2);
  });

  it('retries a failed ping with exponential backoff and records each result', async () => {
    const created = await hook();
    answer = (n) => ({ status: n <= 2 ? 503 : 200 });
    change();
    await sleep(20);
    await rig.sb.airtable.notifications.settled();
    const attempts = rig.sb.airtable.notifications.attempts().filter((a) => a.webhookId === created.id);
    expect(attempts.map((a) => [a.retryNumber, a.status, a.success])).toEqual([
      [0, 503, false],
      [1, 503, false],
      [2, 200, true],
    ]);
    expect(attempts[0]!.error).toBe('The HTTP request returned a 503 status code instead of 200 or 204');
    expect(received[1]!.at - received[0]!.at).toBeGreaterThanOrEqual(55);
    expect(received[2]!.at - received[1]!.at).toBeGreaterThanOrEqual(110);
    expect((await listed(created.id)).lastNotificationResult).toMatchObject({ success: true, retryNumber: 2 });
  });

  it('drops the ping after the last retry and turns notifications off; payloads continue; enableNotifications turns them on', async () => {
    const created = await hook();
    answer = () => ({ status: 500 });
    change();
    await sleep(20);
    await rig.sb.airtable.notifications.settled();
    expect(received).toHaveLength(3);
    const off = await listed(created.id);
    expect(off).toMatchObject({
      areNotificationsEnabled: false,
      lastNotificationResult: { success: false, willBeRetried: false, retryNumber: 2 },
    });
    change();
    await sleep(150);
    expect(received).toHaveLength(3);
    answer = () => ({ status: 200 });
    const enabled = await rig.send('POST', `/v0/bases/${rig.base.id}/webhooks/${created.id}/enableNotifications`, { enable: true });
    expect(enabled.status).toBe(200);
    change();
    await sleep(20);
    await rig.sb.airtable.notifications.settled();
    expect(received).toHaveLength(4);
    const page = airtableWebhookPayloads.parse(await (await rig.get(`/v0/bases/${rig.base.id}/webhooks/${created.id}/payloads`)).json());
    expect(page.payloads).toHaveLength(3);
  });

  it('counts a receiver slower than the timeout as a failure', async () => {
    const created = await hook();
    answer = (n) => ({ status: 200, delayMs: n === 1 ? 1000 : 0 });
    change();
    await sleep(20);
    await rig.sb.airtable.notifications.settled();
    const attempts = rig.sb.airtable.notifications.attempts().filter((a) => a.webhookId === created.id);
    expect(attempts[0]).toMatchObject({ success: false, status: null, error: 'The HTTP request timed out' });
    expect(attempts.at(-1)).toMatchObject({ success: true });
  });

  it('sends nothing for a webhook without a notificationUrl (its payloads are pulled)', async () => {
    await hook(null);
    change();
    await sleep(150);
    expect(received).toHaveLength(0);
  });

  it('delivers to a test receiver instead of the public URL the webhook was registered with', async () => {
    const created = await hook('https://connector.example.com/integrations/airtable/webhook');
    rig.sb.airtable.notifications.deliverTo(receiverUrl);
    change();
    await rig.sb.airtable.notifications.settled();
    expect(received).toHaveLength(1);
    expect(JSON.parse(received[0]!.body)).toMatchObject({ webhook: { id: created.id } });
  });
});
