/**
 * `npm run bench`: every benchmark of the project, each in its own process, then ONE table with
 * each figure beside its anchor and target. The contract a bench module follows is in
 * bench/lib/result.ts and bench/README.md; a module that is missing or does not follow it yet
 * gets a clear row instead of stopping the run. Exit code 1 when a target is missed.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from './lib/processes.js';
import { unavailable, type BenchResult } from './lib/result.js';
import { writeBenchJson } from './lib/json.js';
import { formatResults } from './lib/table.js';

/** Every benchmark, in the order the summary lists them. */
const BENCHES: ReadonlyArray<{ bench: string; file: string; what: string }> = [
  {
    bench: 'widget-size',
    file: 'bench/widget-size.ts',
    what: 'gzip bytes a person downloads (bundle, largest language, other chunks) vs the original 125,724 bytes',
  },
  { bench: 'widget-connect', file: 'bench/widget-connect.ts', what: 'connect overhead in Chromium vs the original 200 ms polling' },
  { bench: 'load', file: 'bench/load.ts', what: 'items/s vs the rate-limit ceiling per provider' },
  { bench: 'load-memory', file: 'bench/load-memory.ts', what: 'server RSS while loading 100,000 items page by page' },
  {
    bench: 'server',
    file: 'bench/server.ts',
    what: '{ __typename } and credentials vs bare Apollo on Koa; load latency for 50 accounts over the sandbox',
  },
  {
    bench: 'startup',
    file: 'bench/startup.ts',
    what: '`npm run serve` and `node server/dist/main.js` to a listening server vs the old compile-then-start',
  },
  {
    bench: 'proxy',
    file: 'bench/proxy.ts',
    what: 'provider proxy vs direct calls to the sandbox at 50 connections: added latency, throughput ratio',
  },
];

function runOne(file: string, bench: string, outFile: string): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'bench/lib/run-one.ts', file, outFile, bench], {
      cwd: repoRoot,
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    child.once('exit', (code) => resolve(code ?? 1));
  });
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'ic-bench-'));
  const results: BenchResult[] = [];
  try {
    for (const { bench, file, what } of BENCHES) {
      if (!existsSync(join(repoRoot, file))) {
        results.push(unavailable(bench, `${file} does not exist yet (${what})`));
        continue;
      }
      console.log(`\n== ${bench}: ${what}`);
      const outFile = join(dir, `${bench}.json`);
      const code = await runOne(file, bench, outFile);
      results.push(
        ...(existsSync(outFile)
          ? (JSON.parse(readFileSync(outFile, 'utf8')) as BenchResult[])
          : [unavailable(bench, `exited with ${code} before reporting`)]),
      );
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const missed = results.filter((r) => r.pass === false).length;
  const checked = results.filter((r) => r.pass !== null).length;
  console.log(`\nBenchmarks (${checked} figures with a target, ${missed} missed)\n${formatResults(results)}`);
  const written = writeBenchJson(results);
  if (written) console.log(`figures written to ${written} (BENCH_JSON)`);
  if (missed) process.exitCode = 1;
}

await main();
