import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

export interface ChildServer {
  readonly pid: number;
  stop(): Promise<void>;
}

export interface ProcessOptions {
  /** Flags for Node or V8 (e.g. `--trace-gc`), before the entry point. */
  nodeArgs?: string[];
  /** Receives the process's stdout (ignored otherwise). */
  onStdout?: (text: string) => void;
  timeoutMs?: number;
}

/**
 * An entry point in its own Node process, stopped by its pid: TypeScript through tsx, compiled
 * JavaScript (`.js`) on plain Node. Its stderr is kept for errors.
 */
export async function startNodeProcess(
  entry: string,
  args: string[],
  env: Record<string, string>,
  readyUrl: string,
  options: ProcessOptions = {},
): Promise<ChildServer> {
  const timeoutMs = options.timeoutMs ?? 20_000;
  // BENCH_CPU_PROF=<dir>: every process a bench starts writes a V8 CPU profile there on exit.
  const profile = process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : [];
  const loader = entry.endsWith('.js') ? [] : ['--import', 'tsx'];
  const child: ChildProcess = spawn(process.execPath, [...profile, ...(options.nodeArgs ?? []), ...loader, entry, ...args], {
    cwd: repoRoot,
    env: { ...process.env, ...env },
    stdio: ['ignore', options.onStdout ? 'pipe' : 'ignore', 'pipe'],
  });
  if (options.onStdout) child.stdout!.on('data', (chunk: Buffer) => options.onStdout!(chunk.toString('utf8')));
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString('utf8')).slice(-4_000);
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    const killer = setTimeout(() => child.kill('SIGKILL'), 5_000);
    await exited;
    clearTimeout(killer);
  };

  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${entry} exited with ${child.exitCode}: ${stderr}`);
    try {
      if ((await fetch(readyUrl)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`${entry} did not answer ${readyUrl} within ${timeoutMs} ms: ${stderr}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return { pid: child.pid!, stop };
}
