import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { BenchRun } from './result.js';
import { writeBenchJson } from './json.js';
import { formatResults } from './table.js';

/** True when this module is the process's entry point (`tsx bench/x.ts`), false when imported. */
export function isMain(moduleUrl: string): boolean {
  const entry = process.argv[1];
  if (!entry) return false;
  try {
    return realpathSync(entry) === realpathSync(fileURLToPath(moduleUrl));
  } catch {
    return false;
  }
}

/** `tsx bench/x.ts` alone: run it, print its table (and BENCH_JSON), exit 1 when a target is missed. */
export function runWhenMain(moduleUrl: string, title: string, run: BenchRun): void {
  if (!isMain(moduleUrl)) return;
  const duration = process.env.BENCH_DURATION ? Number(process.env.BENCH_DURATION) : undefined;
  run({ durationSeconds: duration, log: (line) => console.log(line) }).then(
    (results) => {
      console.log(`\n${title}\n${formatResults(results)}`);
      const written = writeBenchJson(results);
      if (written) console.log(`figures written to ${written} (BENCH_JSON)`);
      if (results.some((r) => r.pass === false)) process.exitCode = 1;
    },
    (error: unknown) => {
      console.error(error);
      process.exitCode = 2;
    },
  );
}
