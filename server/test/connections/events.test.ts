import { describe, expect, inject, it } from 'vitest';
import type { ConnectionEvent, ConnectionEventSink } from '../../src/store/index.js';
import { freshIdentity } from '../../../test/support/identity.js';
import { loadPage } from '../../../test/support/load.js';
import { connectThroughSandbox, DISCONNECT, ENUM, useStack } from '../../../test/support/stack.js';
import { RecordedEvents, startTestServer } from '../../../test/support/test-server.js';

/** Polls until `check` passes (the relay hands events over asynchronously, never inside the request). */
async function eventually<T>(read: () => T, check: (value: T) => boolean, timeoutMs = 8_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = read();
    if (check(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** A sink that never takes anything: the instance "dies" before any event leaves its store. */
const unreachable: ConnectionEventSink = {
  enqueue: () => Promise.reject(new Error('the webhook queue is unreachable')),
};

describe('connection events from the flow (sandbox over real HTTP, real Redis, two instances)', () => {
  // One sink for both instances, in arrival order, as the shared webhook queue would be.
  const sink = new RecordedEvents();
  const stack = useStack({ redisUrl: inject('redisUrl'), instances: 2, connectionEvents: () => sink });
  const about = (who: { orgId: string; userId: string }) => () => sink.of(who);

  it('connect, reconnect required and disconnect each reach the sink once, in order, without a token', async () => {
    const who = freshIdentity();
    const result = await connectThroughSandbox(stack, 'airtable', who, { callbackServer: stack.servers[1] });
    expect(result.connected).toBe(true);
    const connection = (await stack.server.stores.connections.get({ ...who, provider: 'airtable' }))!;
    expect((await eventually(about(who), (events) => events.length === 1)).map((e) => e.type)).toEqual(['connection.created']);

    stack.sandbox.revokeGrants('airtable');
    stack.sandbox.expireAccessTokens('airtable');
    expect((await loadPage(stack.servers[1]!, 'airtable', who, 5)).code).toBe('RECONNECT_REQUIRED');
    await stack.server.graphql(DISCONNECT, { p: ENUM.airtable, i: who });

    const events = await eventually(about(who), (list) => list.length >= 3);
    expect(events.map((e) => [e.type, e.data.status])).toEqual([
      ['connection.created', 'CONNECTED'],
      ['connection.reconnect_required', 'RECONNECT_REQUIRED'],
      ['connection.deleted', 'DISCONNECTED'],
    ]);
    expect(events[0]!.data).toEqual({ provider: 'airtable', ...who, account: connection.account, status: 'CONNECTED' });
    expect(new Set(events.map((e) => e.id)).size).toBe(3);
    const text = JSON.stringify(events);
    expect(text).not.toContain(connection.accessToken);
    expect(text).not.toContain(connection.refreshToken!);
    // Nothing is handed over a second time later.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(about(who)()).toHaveLength(3);
  });
});

describe('connection events survive the instance that wrote them (real Redis)', () => {
  const stack = useStack({ redisUrl: inject('redisUrl'), connectionEvents: () => unreachable });

  it('an instance that stops before handing its events over: the next one hands them over, with the same ids', async () => {
    const who = freshIdentity();
    expect((await connectThroughSandbox(stack, 'notion', who)).connected).toBe(true);
    await stack.server.graphql(DISCONNECT, { p: ENUM.notion, i: who });
    const written = await stack.server.stores.outbox.pendingEvents({ ...who, provider: 'notion' });
    expect(written.map((event) => event.type)).toEqual(['connection.created', 'connection.deleted']);
    await stack.server.close();

    const sink = new RecordedEvents();
    const next = await startTestServer({ ...stack.env, PORT: '0' }, { connectionEvents: sink });
    try {
      const events: ConnectionEvent[] = await eventually(
        () => sink.of(who),
        (list) => list.length >= 2,
      );
      expect(events).toEqual(written);
      expect(await next.stores.outbox.pendingEvents({ ...who, provider: 'notion' })).toEqual([]);
    } finally {
      await next.close();
    }
  });
});
