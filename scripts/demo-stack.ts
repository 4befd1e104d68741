/**
 * The whole product in one process, as `npm start` runs it: the provider sandbox for every provider
 * without real credentials, the GraphQL server (AUTH_MODE=open, in-memory store unless REDIS_URL is
 * set, ephemeral key unless ENCRYPTION_KEY is set) and Vite in middleware mode serving widget/demo
 * with VITE_GRAPHQL_ENDPOINT pointing at the server. The widget e2e test and the connect bench use
 * it too, on free ports.
 */
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createServer as createViteServer, type ViteDevServer } from 'vite';
import { serverEnv, startSandbox, type RunningSandbox, type SandboxOptions } from '../sandbox/src/index.js';
import { loadConfig, type Config } from '../server/src/config/env.js';
import type { Logger } from '../server/src/logging/logger.js';
import { PROVIDER_IDS as PROVIDERS, providerModule, type ProviderId } from '../server/src/providers/registry.js';
import { startServer, type RunningServer } from '../server/src/server.js';

export interface DemoStackOptions {
  /** The server's port. A real one, not 0: the OAuth redirect URIs are built from it up front. */
  port: number;
  /** The demo page's port (0: any free one). */
  demoPort: number;
  host: 'localhost' | '127.0.0.1';
  /** Server configuration, as from process.env; missing credentials mean a simulated provider. */
  env: Record<string, string | undefined>;
  logger: Logger;
  sandbox?: SandboxOptions;
  /** Live reload for people editing the widget; tests turn it off. */
  hotReload: boolean;
  viteLogLevel?: 'info' | 'warn' | 'error' | 'silent';
}

export interface DemoStack {
  config: Config;
  server: RunningServer;
  sandbox: RunningSandbox | null;
  simulated: readonly ProviderId[];
  demoOrigin: string;
  close(): Promise<void>;
}

/** A port was taken; `variable` is the setting that moves it. */
export class PortInUseError extends Error {
  override readonly name = 'PortInUseError';
  constructor(
    readonly variable: 'PORT' | 'DEMO_PORT',
    readonly port: number,
  ) {
    super(`Port ${port} is already in use: set ${variable} to a free port.`);
  }
}

const portInUse =
  (variable: 'PORT' | 'DEMO_PORT', port: number) =>
  (error: unknown): never => {
    throw (error as NodeJS.ErrnoException).code === 'EADDRINUSE' ? new PortInUseError(variable, port) : error;
  };

export async function startDemoStack(options: DemoStackOptions): Promise<DemoStack> {
  const { env, host } = options;
  const hasCredentials = (p: ProviderId) => {
    const { envPrefix } = providerModule(p).settings;
    return Boolean(env[`${envPrefix}_CLIENT_ID`] && env[`${envPrefix}_CLIENT_SECRET`]);
  };
  const simulated = PROVIDERS.filter((p) => !hasCredentials(p));
  const sandbox = simulated.length > 0 ? await startSandbox({ host: '127.0.0.1', ...options.sandbox }) : null;
  const stops: Array<() => Promise<unknown>> = [async () => sandbox?.close()];
  try {
    // The demo listens first, so the server can allow its origin even when its port was 0. Until
    // Vite is attached it answers 503 with Retry-After: a request in that window (a person opening
    // the page early, a health check) gets an answer instead of hanging.
    let ready: ((request: IncomingMessage, response: ServerResponse) => void) | null = null;
    const demoServer: Server = createHttpServer((request, response) => {
      if (ready) return void ready(request, response);
      response.writeHead(503, { 'content-type': 'text/plain; charset=utf-8', 'retry-after': '1', connection: 'close' });
      response.end('The integration-connector demo is starting; try again in a moment.\n');
    });
    await new Promise<void>((resolve, reject) => {
      demoServer.once('error', reject);
      demoServer.listen(options.demoPort, host, resolve);
    }).catch(portInUse('DEMO_PORT', options.demoPort));
    stops.unshift(() => {
      demoServer.closeAllConnections();
      return new Promise((resolve) => demoServer.close(resolve));
    });
    const demoPort = (demoServer.address() as AddressInfo).port;
    const demoOrigin = `http://${host}:${demoPort}`;

    const config = loadConfig(
      {
        ...env,
        PORT: String(options.port),
        HOST: env.HOST ?? host,
        PUBLIC_URL: env.PUBLIC_URL ?? `http://${host}:${options.port}`,
        ALLOWED_ORIGINS: env.ALLOWED_ORIGINS ?? (host === 'localhost' ? `${demoOrigin},http://127.0.0.1:${demoPort}` : demoOrigin),
        ...(sandbox ? serverEnv(sandbox, simulated) : {}),
      },
      { sandboxProviders: simulated, defaultAuthMode: 'open' },
    );
    const server = await startServer({ config, logger: options.logger, allowEphemeralKey: true }).catch(portInUse('PORT', options.port));
    stops.unshift(() => server.close());
    for (const p of simulated) sandbox?.registerRedirectUri(`${config.publicUrl}/integrations/${p}/oauth2callback`);

    // Vite in middleware mode behind our own HTTP server: a standalone Vite server installs SIGTERM
    // and stdin-end handlers that exit the process (143), bypassing the caller's graceful stop.
    // Vite reads VITE_* from process.env when it starts; set it only for that moment.
    const previous = process.env.VITE_GRAPHQL_ENDPOINT;
    process.env.VITE_GRAPHQL_ENDPOINT = `${config.publicUrl}/graphql`;
    const vite: ViteDevServer = await createViteServer({
      configFile: new URL('../widget/vite.config.ts', import.meta.url).pathname,
      server: { middlewareMode: true, ...(options.hotReload ? { ws: { server: demoServer } } : { hmr: false, ws: false }) },
      appType: 'mpa',
      logLevel: options.viteLogLevel ?? 'warn',
      clearScreen: false,
    }).finally(() => {
      if (previous === undefined) delete process.env.VITE_GRAPHQL_ENDPOINT;
      else process.env.VITE_GRAPHQL_ENDPOINT = previous;
    });
    stops.unshift(() => vite.close());
    ready = vite.middlewares;

    return {
      config,
      server,
      sandbox,
      simulated,
      demoOrigin,
      close: async () => {
        for (const stop of stops) await stop().catch(() => {});
      },
    };
  } catch (error) {
    for (const stop of stops) await stop().catch(() => {});
    throw error;
  }
}
