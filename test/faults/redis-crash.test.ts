import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestRedis, type TestRedis } from '../support/redis-server.js';
import { connectThroughSandbox, CREDENTIALS, ENUM, PROVIDERS, startStack, type Stack } from '../support/stack.js';
import { freshIdentity } from '../support/identity.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('Redis killed (SIGKILL) mid-traffic and restarted from its AOF', () => {
  let redis: TestRedis;
  let stack: Stack;
  beforeAll(async () => {
    redis = await startTestRedis({ appendOnly: true });
    stack = await startStack({ redisUrl: redis.url });
  });
  afterAll(async () => {
    await stack?.close();
    await redis?.stop();
  });

  it('keeps serving (STORE_UNAVAILABLE, /readyz false), recovers within 5 s of Redis returning, and loses no connection', async () => {
    const people = PROVIDERS.map((provider) => ({ provider, who: freshIdentity() }));
    for (const { provider, who } of people) {
      expect((await connectThroughSandbox(stack, provider, who)).connected).toBe(true);
    }

    // Traffic keeps flowing through the whole outage.
    const codes: string[] = [];
    let traffic = true;
    const loop = (async () => {
      while (traffic) {
        const { provider, who } = people[codes.length % people.length]!;
        const { status, body } = await stack.server.graphql<{ credentials: { status: string } }>(CREDENTIALS, {
          p: ENUM[provider],
          i: who,
        });
        expect(status).toBeLessThan(500);
        codes.push(body.errors?.[0]?.extensions?.code ?? body.data?.credentials.status ?? 'null');
        await sleep(5);
      }
    })();

    await sleep(100);
    await redis.kill();
    await sleep(300);
    expect((await fetch(`${stack.server.url}/readyz`)).status).toBe(503);
    expect((await fetch(`${stack.server.url}/healthz`)).status).toBe(200);

    await redis.restart();
    const back = Date.now();
    await expect.poll(async () => (await fetch(`${stack.server.url}/readyz`)).status, { timeout: 5_000, interval: 50 }).toBe(200);
    const recoveredInMs = Date.now() - back;
    await expect
      .poll(
        async () => {
          const { body } = await stack.server.graphql<{ credentials: { status: string } }>(CREDENTIALS, {
            p: ENUM.notion,
            i: people[2]!.who,
          });
          return body.data?.credentials?.status;
        },
        { timeout: 5_000 - recoveredInMs, interval: 50 },
      )
      .toBe('CONNECTED');
    traffic = false;
    await loop;

    expect(codes).toContain('STORE_UNAVAILABLE');
    expect(new Set(codes)).toEqual(new Set(['CONNECTED', 'STORE_UNAVAILABLE']));
    for (const { provider, who } of people) {
      const { body } = await stack.server.graphql<{ credentials: { status: string } }>(CREDENTIALS, { p: ENUM[provider], i: who });
      expect(body.data?.credentials.status).toBe('CONNECTED');
    }
  });
});
