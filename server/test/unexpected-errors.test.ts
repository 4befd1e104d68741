import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config/env.js';
import { createLogger } from '../src/logging/logger.js';
import { startServer } from '../src/server.js';
import { MemoryStore, SealedBox, storesOver } from '../src/store/index.js';
import { LogCapture, TEST_ORIGIN } from '../../test/support/test-server.js';

/** A store that breaks in a way nobody planned for (not a StoreUnavailableError). */
class BrokenStore extends MemoryStore {
  override async get(): Promise<string | null> {
    throw new TypeError('boom: secret-internal-detail');
  }
}

describe('an unexpected error', () => {
  it('reaches the client masked as INTERNAL_SERVER_ERROR and the log in full, with the request id', async () => {
    const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', AUTH_MODE: 'open', ALLOWED_ORIGINS: TEST_ORIGIN });
    const logs = new LogCapture();
    const server = await startServer({
      config,
      logger: createLogger({ level: 'info', destination: logs }),
      stores: storesOver(new BrokenStore(), new SealedBox(randomBytes(32))),
    });
    const response = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: TEST_ORIGIN, 'x-request-id': 'trace-unexpected' },
      body: JSON.stringify({ query: '{ credentials(provider: NOTION, identity: { userId: "u", orgId: "o" }) { status } }' }),
    });
    const body = (await response.json()) as { errors: Array<{ message: string; extensions: { code: string } }> };
    expect(body.errors[0]).toMatchObject({ message: 'Internal server error.', extensions: { code: 'INTERNAL_SERVER_ERROR' } });
    expect(JSON.stringify(body)).not.toContain('secret-internal-detail');
    const line = logs.lines.map((l) => JSON.parse(l) as Record<string, unknown>).find((l) => l.msg === 'unexpected GraphQL error');
    expect(line).toMatchObject({ requestId: 'trace-unexpected', level: 50 });
    expect(JSON.stringify(line)).toContain('secret-internal-detail');
    await server.close();
  });
});
