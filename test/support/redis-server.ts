import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';

/** A throw-away redis-server owned by the test run: its own port, its own dir, stopped by pid. */
export interface TestRedis {
  readonly url: string;
  readonly port: number;
  readonly pid: number;
  /** SIGKILL, as a crash would. */
  kill(): Promise<void>;
  /** Start again on the same port and dir (AOF, when enabled, is replayed). */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

export interface TestRedisOptions {
  /** Keep an append-only file so a restart recovers the data (crash tests). */
  appendOnly?: boolean;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

async function waitUntilAnswering(port: number, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const client = new Redis({ port, host: '127.0.0.1', lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
    client.on('error', () => {});
    try {
      await client.connect();
      await client.ping();
      return;
    } catch (error) {
      if (Date.now() > deadline) throw new Error(`redis-server on port ${port} did not start`, { cause: error });
      await new Promise((r) => setTimeout(r, 50));
    } finally {
      client.disconnect();
    }
  }
}

export async function startTestRedis(options: TestRedisOptions = {}): Promise<TestRedis> {
  const port = await freePort();
  const dir = await mkdtemp(join(tmpdir(), 'ic-redis-'));
  let child: ChildProcess;

  const launch = async () => {
    child = spawn(
      'redis-server',
      [
        '--port',
        String(port),
        '--bind',
        '127.0.0.1',
        '--dir',
        dir,
        '--save',
        '',
        '--appendonly',
        options.appendOnly ? 'yes' : 'no',
        '--appendfsync',
        'always',
      ],
      { stdio: 'ignore' },
    );
    await waitUntilAnswering(port);
  };
  const waitExit = (signal: NodeJS.Signals) =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return void resolve();
      child.once('exit', () => resolve());
      child.kill(signal);
    });

  await launch();
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    get pid() {
      return child.pid ?? -1;
    },
    kill: () => waitExit('SIGKILL'),
    restart: launch,
    async stop() {
      await waitExit('SIGTERM');
      await rm(dir, { recursive: true, force: true });
    },
  };
}
