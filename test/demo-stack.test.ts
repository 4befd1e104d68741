import { describe, expect, it } from 'vitest';
import { startDemoStack } from '../scripts/demo-stack.js';
import { createLogger } from '../server/src/logging/logger.js';
import { freePort } from './support/redis-server.js';

/** What a request to the demo port gets: a status, or 'no answer' when it hangs. */
async function ask(url: string): Promise<number | 'no answer'> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(3_000) });
    await response.arrayBuffer();
    return response.status;
  } catch (error) {
    if ((error as Error).name === 'TimeoutError') return 'no answer';
    throw error;
  }
}

describe('the demo stack (npm start)', () => {
  it('answers 503 with Retry-After while it starts, never hangs, and serves the page once ready', async () => {
    // Arrange: a known demo port, so requests can go out before startDemoStack resolves.
    const [port, demoPort] = [await freePort(), await freePort()];
    const url = `http://127.0.0.1:${demoPort}/`;
    let started = false;
    const starting = startDemoStack({
      port,
      demoPort,
      host: '127.0.0.1',
      env: {},
      logger: createLogger({ level: 'silent' }),
      sandbox: {
        hubspot: { size: { contacts: 5, companies: 1, deals: 1 } },
        airtable: { size: { bases: 1 } },
        notion: { size: { items: 5 } },
      },
      hotReload: false,
      viteLogLevel: 'silent',
    }).finally(() => (started = true));
    // Act: ask as often as a health check would while it starts.
    const early: Array<number | 'no answer'> = [];
    let retryAfter: string | null = null;
    while (!started) {
      const status = await ask(url).catch(() => 'refused' as const);
      await new Promise((resolve) => setTimeout(resolve, 10));
      if (status === 'refused') continue; // not listening yet
      early.push(status);
      if (status === 503 && !retryAfter) retryAfter = (await fetch(url, { signal: AbortSignal.timeout(3_000) })).headers.get('retry-after');
    }
    const stack = await starting;
    try {
      // Assert
      expect(early).not.toContain('no answer');
      expect(early).toContain(503);
      expect(retryAfter).toBe('1');
      expect(early.every((status) => status === 503 || status === 200)).toBe(true);
      expect(await ask(url)).toBe(200);
    } finally {
      await stack.close();
    }
  }, 40_000);
});
