import { randomUUID } from 'node:crypto';
import { DEFAULT_CLIENTS } from '../../../sandbox/src/index.js';
import { connectThroughSandbox, startStack, type Stack } from '../../support/stack.js';
import { TEST_ENCRYPTION_KEY, TEST_ORIGIN } from '../../support/test-server.js';
import { KeepAliveClient } from './http.js';

export const SESSION_SECRET = 'fuzz-session-secret-0123456789abcdef-xyz';
export const ADMIN_API_KEY = 'fuzz-admin-key-0123456789abcdef-0123456789';

export interface FuzzTarget {
  stack: Stack;
  client: KeepAliveClient;
  /** A connected identity, so resolvers past the "not connected" branch are reached too. */
  identity: { userId: string; orgId: string };
  /** Never in any response, whoever asks. */
  secrets: string[];
  /** The live access token: only an admin may read it. */
  accessToken: string;
  allowedOrigins: readonly string[];
  healthy(): Promise<boolean>;
  close(): Promise<void>;
}

/**
 * Sandbox providers + one server on the harness's Redis, one identity connected through the
 * sandbox. Connect limits are lifted so fuzzed connects reach the OAuth code instead of RATE_LIMITED.
 */
export async function startFuzzTarget(redisUrl: string, mode: 'open' | 'signed'): Promise<FuzzTarget> {
  const env: Record<string, string> = {
    LOG_LEVEL: 'warn',
    CONNECT_RATE_LIMIT: '100000000',
    CONNECT_RATE_LIMIT_PER_IP: '100000000',
    ...(mode === 'signed' ? { AUTH_MODE: 'signed', SESSION_SECRET, ADMIN_API_KEY } : { AUTH_MODE: 'open' }),
  };
  const stack = await startStack({ redisUrl, env });
  const identity = { userId: `fuzz-user-${randomUUID()}`, orgId: `fuzz-org-${randomUUID()}` };
  const headers = mode === 'signed' ? { 'x-admin-key': ADMIN_API_KEY } : undefined;
  const connected = await connectThroughSandbox(stack, 'hubspot', identity, headers ? { headers } : {});
  if (connected.callbackStatus !== 200) throw new Error(`fuzz setup: connect failed (${connected.callbackStatus})`);
  const connection = await stack.server.stores.connections.get({ ...identity, provider: 'hubspot' });
  if (!connection) throw new Error('fuzz setup: no stored connection');
  const client = new KeepAliveClient(stack.server.url);
  const secrets = [
    TEST_ENCRYPTION_KEY,
    SESSION_SECRET,
    ADMIN_API_KEY,
    ...Object.values(DEFAULT_CLIENTS).flatMap((client) => (client.clientSecret ? [client.clientSecret] : [])),
    ...(connection.refreshToken ? [connection.refreshToken] : []),
  ];
  return {
    stack,
    client,
    identity,
    secrets,
    accessToken: connection.accessToken,
    allowedOrigins: [TEST_ORIGIN],
    async healthy() {
      const response = await client.send('GET', '/healthz');
      return response.status === 200;
    },
    async close() {
      client.close();
      await stack.close();
    },
  };
}
