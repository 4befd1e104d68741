import { describe, expect, inject, it } from 'vitest';
import { connectThroughSandbox, ENUM, useStack, type Stack } from '../../../test/support/stack.js';
import { freshIdentity } from '../../../test/support/identity.js';
import { loadAll } from '../../../test/support/load.js';

/**
 * Issue 26: what an operator reads in the log. A GraphQL request's access line names its operation
 * and the error codes of its answer; connects, disconnects, refreshes and finished loads are event
 * lines; an identity appears only as `who`, its keyed pseudonym, never as its ids.
 */
type Line = Record<string, unknown>;
const linesOf = (stack: Stack): Line[] => stack.server.logs.lines.map((line) => JSON.parse(line) as Line);
const accessLineOf = (stack: Stack, requestId: string) =>
  linesOf(stack).find((line) => line.msg === 'request' && line.requestId === requestId);
const eventsOf = (stack: Stack, event: string) => linesOf(stack).filter((line) => line.event === event);

async function post(stack: Stack, requestId: string, body: Record<string, unknown>) {
  await fetch(`${stack.server.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: stack.server.config.allowedOrigins[0]!, 'x-request-id': requestId },
    body: JSON.stringify(body),
  });
}

describe('GraphQL access lines (a real server over HTTP)', () => {
  const stack = useStack();

  it('name the operation that ran, without error codes when it succeeded', async () => {
    await post(stack, 'op-ok', { query: 'query ListProviders { providers { id } }' });
    expect(accessLineOf(stack, 'op-ok')).toMatchObject({ status: 200, graphql: { operation: 'ListProviders' } });
    expect(accessLineOf(stack, 'op-ok')?.graphql).not.toHaveProperty('errorCodes');
  });

  it('carry each error code of the answer once', async () => {
    const identity = freshIdentity();
    const query =
      'query FirstPage($i: IdentityInput) { a: load(provider: NOTION, identity: $i, first: 0) { totalCount } b: load(provider: HUBSPOT, identity: $i, first: 0) { totalCount } }';
    await post(stack, 'op-failed', { query, variables: { i: identity } });
    expect(accessLineOf(stack, 'op-failed')?.graphql).toEqual({ operation: 'FirstPage', errorCodes: ['BAD_USER_INPUT'] });
  });

  it('name the operation the client asked for when none ran (a parse error), if it is a GraphQL name', async () => {
    await post(stack, 'op-broken', { query: 'query Broken {', operationName: 'Broken' });
    expect(accessLineOf(stack, 'op-broken')?.graphql).toEqual({ operation: 'Broken', errorCodes: ['GRAPHQL_PARSE_FAILED'] });
    await post(stack, 'op-injected', { query: '{', operationName: '"}\n{"level":60' });
    expect(accessLineOf(stack, 'op-injected')?.graphql).toEqual({ errorCodes: ['GRAPHQL_PARSE_FAILED'] });
  });

  it('add nothing to an anonymous operation that succeeded', async () => {
    await post(stack, 'op-anonymous', { query: '{ __typename }' });
    expect(accessLineOf(stack, 'op-anonymous')).not.toHaveProperty('graphql');
  });
});

describe('connection events (sandbox providers over real HTTP, real Redis)', () => {
  // HubSpot tokens live 1 s here: every load refreshes first.
  const stack = useStack({ redisUrl: inject('redisUrl'), sandbox: { hubspot: { tokenLifetimeSeconds: 1 } }, env: { LOG_LEVEL: 'info' } });

  it('logs connect, refresh, the end of a load and disconnect, each with the provider and the pseudonym of who', async () => {
    const identity = freshIdentity();
    expect((await connectThroughSandbox(stack, 'hubspot', identity)).connected).toBe(true);
    const { items } = await loadAll(stack.server, 'hubspot', identity, { first: 20 });
    const disconnected = await stack.server.graphql('mutation($i: IdentityInput) { disconnect(provider: HUBSPOT, identity: $i) }', {
      i: identity,
    });
    expect(disconnected.body.data).toEqual({ disconnect: true });

    const [connected] = eventsOf(stack, 'connection.connected');
    expect(connected).toMatchObject({ level: 30, provider: 'hubspot', via: 'confirmation' });
    expect(connected?.who).toMatch(/^[\w-]{11}$/);
    const who = connected!.who;
    expect(eventsOf(stack, 'connection.refreshed')[0]).toMatchObject({ provider: 'hubspot', who });
    expect(eventsOf(stack, 'load.completed')).toEqual([
      expect.objectContaining({ provider: 'hubspot', who, items: items.length, incomplete: false }),
    ]);
    expect(eventsOf(stack, 'connection.disconnected')).toEqual([expect.objectContaining({ provider: 'hubspot', who })]);
    // The request's own lines carry its id, so an event is found beside its access line.
    expect(connected).toHaveProperty('requestId');
  });

  it('logs a grant the provider refused as reconnect_required, with the reason', async () => {
    const identity = freshIdentity();
    expect((await connectThroughSandbox(stack, 'hubspot', identity)).connected).toBe(true);
    stack.sandbox.revokeGrants('hubspot');
    const { body } = await stack.server.graphql('query($i: IdentityInput) { load(provider: HUBSPOT, identity: $i) { totalCount } }', {
      i: identity,
    });
    expect(body.errors?.[0]?.extensions?.code).toBe('RECONNECT_REQUIRED');
    expect(eventsOf(stack, 'connection.reconnect_required').at(-1)).toMatchObject({
      provider: 'hubspot',
      reason: 'The provider rejected the stored grant',
    });
  });

  it('never writes an org or user id: two identities get two pseudonyms, one identity always the same', async () => {
    const [first, second] = [freshIdentity(), freshIdentity()];
    for (const identity of [first, second, first]) {
      expect((await connectThroughSandbox(stack, 'notion', identity)).connected).toBe(true);
      await stack.server.graphql(`mutation($i: IdentityInput) { disconnect(provider: ${ENUM.notion}, identity: $i) }`, { i: identity });
    }
    const pseudonyms = eventsOf(stack, 'connection.connected')
      .filter((line) => line.provider === 'notion')
      .map((line) => line.who);
    expect(pseudonyms).toHaveLength(3);
    expect(pseudonyms[0]).toBe(pseudonyms[2]);
    expect(pseudonyms[0]).not.toBe(pseudonyms[1]);
    for (const { orgId, userId } of [first, second]) {
      expect(stack.server.logs.text).not.toContain(orgId);
      expect(stack.server.logs.text).not.toContain(userId);
    }
  });
});
