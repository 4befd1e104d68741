import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { freePort } from './redis-server.js';

export interface ServerProcess {
  url: string;
  child: ChildProcess;
  output(): string;
  /** Resolves with the exit code (null when killed by a signal). */
  exited: Promise<number | null>;
  kill(signal?: NodeJS.Signals): void;
}

/**
 * The server as its own OS process, on a free loopback port: from its sources (through tsx), or
 * any other `command` (an installed package's bin, `npm run serve`'s script) started in `cwd`.
 */
export async function startServerProcess(
  env: Record<string, string>,
  options: { command?: readonly string[]; cwd?: string } = {},
): Promise<ServerProcess> {
  const port = env.PORT ? Number(env.PORT) : await freePort();
  const [file, ...args] = options.command ?? [process.execPath, '--import', 'tsx', 'server/src/main.ts'];
  const child = spawn(file!, args, {
    cwd: options.cwd,
    env: { PATH: process.env.PATH, HOST: '127.0.0.1', LOG_LEVEL: 'info', ...env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const deadline = Date.now() + 20_000;
  while (!output.includes('server listening')) {
    if (child.exitCode !== null) throw new Error(`server process exited early:\n${output}`);
    if (Date.now() > deadline) throw new Error(`server process did not start:\n${output}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return { url: `http://127.0.0.1:${port}`, child, output: () => output, exited, kill: (signal = 'SIGTERM') => child.kill(signal) };
}

/** `npm run build:server` (the session package, then the server, each into a clean dist/); throws with the compiler's output. */
export function buildServer(): void {
  const build = spawnSync('npm', ['run', '--silent', 'build:server'], { encoding: 'utf8', timeout: 180_000 });
  if (build.status !== 0) throw new Error(`server build failed:\n${build.stdout}${build.stderr}`);
}
