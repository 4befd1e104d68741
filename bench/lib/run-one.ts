/**
 * Child process of bench/all.ts: imports one bench module, calls its `run()`, writes the results as
 * JSON to the file named by argv[3]. A module without `run` (an older script that prints on import)
 * still runs, and is reported as "no structured results".
 */
import { writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { unavailable, type BenchResult, type BenchRun } from './result.js';

const [, , modulePath, outFile, bench] = process.argv;
if (!modulePath || !outFile || !bench) throw new Error('usage: run-one.ts <module> <out.json> <bench-name>');

const duration = process.env.BENCH_DURATION ? Number(process.env.BENCH_DURATION) : undefined;
let results: BenchResult[];
try {
  const module = (await import(pathToFileURL(modulePath).href)) as { run?: BenchRun };
  results =
    typeof module.run === 'function'
      ? await module.run({ durationSeconds: duration, log: (line) => console.log(`  [${bench}] ${line}`) })
      : [unavailable(bench, 'ran, but exports no run(): see its own output above (bench/README.md has the contract)')];
} catch (error) {
  results = [unavailable(bench, `failed: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`)];
  process.exitCode = 1;
}
writeFileSync(outFile, JSON.stringify(results));
// Modules that leave handles open (a server they forgot) must not hold the whole run.
setTimeout(() => process.exit(), 500).unref();
