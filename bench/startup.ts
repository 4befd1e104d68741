/**
 * `npm run bench:startup`: how long `npm run serve` takes from the command to a listening server
 * (issue 26: it used to compile TypeScript on every start, 10-26 s before even a config error
 * showed). Three figures, each the median of several starts of a fresh process on loopback with the
 * in-memory store, until the "server listening" line: plain `node server/dist/main.js` (the Docker
 * image's command), `npm run serve` (npm, then scripts/serve.mjs checking server/dist is fresh, then
 * the same server), and, as the anchor, what the old `npm run serve` paid before the start: one
 * compile of the server (into a temporary folder, so server/dist stays as it is) plus that start.
 * Builds server/dist first when it is stale (through scripts/serve.mjs, as a person would).
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runWhenMain } from './lib/main.js';
import { repoRoot } from './lib/processes.js';
import { result, type BenchOptions, type BenchResult } from './lib/result.js';

const STARTS = 7;
const TARGET_MS = 1_000;
const ENV = { NODE_ENV: 'production', PORT: '0', HOST: '127.0.0.1', SESSION_SECRET: 'bench-startup-secret-0123456789-abcdefghij' };

/** Milliseconds from spawning `command` to its "server listening" line; the process is then stopped. */
function timeToListening(command: readonly string[]): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    // Its own process group: `npm run` puts a shell and then Node under itself, and a signal to npm
    // alone would leave the server running.
    const child = spawn(command[0]!, command.slice(1), {
      cwd: repoRoot,
      env: { PATH: process.env.PATH, ...ENV },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    let output = '';
    const onData = (chunk: Buffer) => {
      output += chunk.toString('utf8');
      if (!output.includes('server listening')) return;
      const ms = performance.now() - started;
      child.stdout.off('data', onData);
      child.once('exit', () => resolve(ms));
      process.kill(-child.pid!, 'SIGTERM');
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.once('exit', (code) => {
      if (!output.includes('server listening')) reject(new Error(`${command.join(' ')} exited ${code} before listening:\n${output}`));
    });
  });
}

const median = (values: readonly number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

async function medianStart(command: readonly string[], log: (line: string) => void): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < STARTS; i++) times.push(await timeToListening(command));
  log(`  ${command.join(' ')}: ${times.map((ms) => ms.toFixed(0)).join(', ')} ms`);
  return median(times);
}

/** One compile of the server as the old `preserve` script ran it, into a throw-away folder. */
function compileMs(): number {
  const out = mkdtempSync(join(tmpdir(), 'ic-startup-'));
  try {
    const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
    const started = performance.now();
    const build = spawnSync(process.execPath, [tsc, '-p', 'server/tsconfig.build.json', '--outDir', out], {
      cwd: repoRoot,
      encoding: 'utf8',
    });
    if (build.status !== 0) throw new Error(`compiling the server failed:\n${build.stdout}${build.stderr}`);
    return performance.now() - started;
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

export async function run(options: BenchOptions = {}): Promise<BenchResult[]> {
  const log = options.log ?? (() => {});
  // A first `serve` brings server/dist up to date if it is not (its time is not counted).
  await timeToListening([process.execPath, 'scripts/serve.mjs']);
  const node = await medianStart([process.execPath, '--max-semi-space-size=32', 'server/dist/main.js'], log);
  const serve = await medianStart(['npm', 'run', '--silent', 'serve'], log);
  const compile = compileMs();
  log(`  one compile of the server (the old npm run serve's preserve): ${compile.toFixed(0)} ms`);
  const anchor = { label: 'old npm run serve (compile, then start)', value: Math.round(compile + node), unit: 'ms' };
  const note = `median of ${STARTS} starts, Node ${process.version}, in-memory store`;
  return [
    result({
      bench: 'startup',
      name: 'node server/dist/main.js to listening',
      value: Math.round(node),
      unit: 'ms',
      anchor,
      target: { op: '<=', value: TARGET_MS },
      note,
    }),
    result({
      bench: 'startup',
      name: 'npm run serve to listening',
      value: Math.round(serve),
      unit: 'ms',
      anchor,
      target: { op: '<=', value: TARGET_MS },
      note,
    }),
  ];
}

runWhenMain(import.meta.url, 'server start-up', run);
