import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createSessionToken } from '../../server/src/auth/session-token.js';
import { buildServer, startServerProcess, type ServerProcess } from '../support/server-process.js';

const dist = 'server/dist';
const filesUnder = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesUnder(join(dir, entry.name)) : [join(dir, entry.name)],
  );

describe('the production build (`npm run build:server`, then `npm run serve` / the Docker image)', () => {
  const sessionSecret = randomBytes(32).toString('base64');
  let server: ServerProcess;
  beforeAll(async () => {
    buildServer();
    server = await startServerProcess(
      {
        REDIS_URL: inject('redisUrl'),
        REDIS_KEY_PREFIX: `build-${randomBytes(4).toString('hex')}:`,
        ENCRYPTION_KEY: randomBytes(32).toString('base64'),
        SESSION_SECRET: sessionSecret,
        NODE_ENV: 'production',
      },
      { built: true },
    );
  }, 90_000);
  afterAll(() => server?.kill('SIGKILL'));

  it('emits plain JavaScript with type declarations, and no tests', () => {
    const files = filesUnder(dist);
    expect(files).toContain(join(dist, 'main.js'));
    expect(files).toContain(join(dist, 'index.d.ts'));
    expect(files.filter((file) => /\.(test|contract)\.|\.ts$/.test(file.replace(/\.d\.ts$/, '')))).toEqual([]);
    const manifest = JSON.parse(readFileSync('server/package.json', 'utf8')) as { main: string; types: string };
    expect(existsSync(join('server', manifest.main))).toBe(true);
    expect(existsSync(join('server', manifest.types))).toBe(true);
  });

  it('runs on plain Node with Redis in signed mode: ready, answers GraphQL, refuses anonymous callers', async () => {
    expect((await fetch(`${server.url}/readyz`)).status).toBe(200);
    const query = (headers: Record<string, string>) =>
      fetch(`${server.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ query: '{ credentials(provider: HUBSPOT) { status } }' }),
      }).then(
        (response) =>
          response.json() as Promise<{ data?: { credentials: unknown } | null; errors?: Array<{ extensions: { code: string } }> }>,
      );
    const token = await createSessionToken({ userId: 'u-build', orgId: 'o-build' }, sessionSecret);
    expect(await query({ authorization: `Bearer ${token}` })).toEqual({ data: { credentials: null } });
    expect((await query({})).errors?.[0]?.extensions.code).toBe('UNAUTHENTICATED');
  });

  it('finishes on SIGTERM with exit code 0', async () => {
    server.kill('SIGTERM');
    expect(await server.exited).toBe(0);
    expect(server.output()).toContain('shutting down');
  });
});
