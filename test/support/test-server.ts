import { Writable } from 'node:stream';
import { loadConfig, type Config } from '../../server/src/config/env.js';
import { createLogger } from '../../server/src/logging/logger.js';
import { startServer, type RunningServer, type StartOptions } from '../../server/src/server.js';
import type { ConnectionEvent, ConnectionEventSink } from '../../server/src/store/index.js';

export const TEST_ORIGIN = 'http://localhost:3000';
export const TEST_ENCRYPTION_KEY = Buffer.alloc(32, 7).toString('base64');

/** Captures every log line the server writes, so tests can assert what was (not) logged. */
export class LogCapture extends Writable {
  readonly lines: string[] = [];
  override _write(chunk: Buffer, _encoding: string, callback: () => void) {
    this.lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
    callback();
  }
  get text() {
    return this.lines.join('\n');
  }
}

export interface TestServer extends RunningServer {
  config: Config;
  logs: LogCapture;
  graphql<T = unknown>(query: string, variables?: Record<string, unknown>, headers?: Record<string, string>): Promise<GraphQLResponse<T>>;
}

export interface GraphQLResponse<T> {
  status: number;
  body: { data?: T | null; errors?: Array<{ message: string; extensions?: { code?: string } }> };
}

/** A sink that keeps every connection event it is handed, in order (a stand-in for the webhook queue). */
export class RecordedEvents implements ConnectionEventSink {
  readonly events: ConnectionEvent[] = [];
  async enqueue(event: ConnectionEvent) {
    this.events.push(event);
  }
  /** The events about one identity. */
  of(who: { orgId: string; userId: string }) {
    return this.events.filter((event) => event.data.orgId === who.orgId && event.data.userId === who.userId);
  }
}

/** A real server on an ephemeral loopback port, configured through the same env parsing as production. */
export async function startTestServer(
  env: Record<string, string | undefined> = {},
  options: Pick<StartOptions, 'webhookTuning' | 'connectionEvents'> = {},
): Promise<TestServer> {
  const config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    ALLOWED_ORIGINS: TEST_ORIGIN,
    ENCRYPTION_KEY: TEST_ENCRYPTION_KEY,
    LOG_LEVEL: 'debug',
    NODE_ENV: 'test',
    AUTH_MODE: 'open',
    ...env,
  });
  const logs = new LogCapture();
  const running = await startServer({ config, logger: createLogger({ level: config.logLevel, destination: logs }), ...options });
  const graphql = async <T>(query: string, variables?: Record<string, unknown>, headers: Record<string, string> = {}) => {
    const response = await fetch(`${running.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: TEST_ORIGIN, ...headers },
      body: JSON.stringify({ query, variables }),
    });
    return { status: response.status, body: (await response.json()) as GraphQLResponse<T>['body'] };
  };
  return { ...running, config, logs, graphql };
}
