/**
 * The contract every benchmark of the project follows, so `npm run bench` can print one table.
 *
 * A bench module (bench/<name>.ts):
 * - exports `async function run(options?: BenchOptions): Promise<BenchResult[]>` (structured, no printing needed);
 * - ends with `runWhenMain(import.meta.url, 'title', run)`, so `tsx bench/<name>.ts` alone prints its own table
 *   and importing it does nothing;
 * - starts only loopback servers, stops everything it started (by pid or handle), and is bounded in time.
 *
 * bench/all.ts runs each module in its own process (a clean heap and event loop per figure) through
 * bench/lib/run-one.ts, which calls `run()` and hands the results back as JSON.
 */

/** How a figure compares to its target. `<=`: smaller is better (sizes, latencies); `>=`: larger is better. */
export type Comparison = '<=' | '>=' | '==' | '<' | '>';

export interface BenchResult {
  /** The benchmark this figure belongs to, e.g. `server`, `widget-size`, `load`. */
  bench: string;
  /** What is measured, e.g. `credentials p99`, `hubspot items/s ratio`. */
  name: string;
  /** The measurement; null when it could not be taken (then `note` says why). */
  value: number | null;
  /** `bytes`, `ms`, `req/s`, `items/s`, `ratio`, `count`... */
  unit: string;
  /** What the figure is compared with: the original app's number, a physical baseline, a ceiling. */
  anchor?: { label: string; value: number | null; unit?: string } | null;
  /** The goal from the issue. */
  target?: { op: Comparison; value: number } | null;
  /** value against target; null when there is no target or no value. */
  pass: boolean | null;
  /** Caveats: "load not implemented yet", "sandbox limits off", "measured with BENCH_DURATION=5"... */
  note?: string;
}

export interface BenchOptions {
  /** Seconds per timed run (BENCH_DURATION overrides the module's default). */
  durationSeconds?: number;
  /** Stream progress lines (the table is printed by the caller). */
  log?: (line: string) => void;
}

export type BenchRun = (options?: BenchOptions) => Promise<BenchResult[]>;

export function meets(value: number | null, target: BenchResult['target']): boolean | null {
  if (value === null || !target) return null;
  switch (target.op) {
    case '<=':
      return value <= target.value;
    case '>=':
      return value >= target.value;
    case '<':
      return value < target.value;
    case '>':
      return value > target.value;
    case '==':
      return value === target.value;
  }
}

/** A result with `pass` computed from value and target. */
export function result(fields: Omit<BenchResult, 'pass'> & { pass?: boolean | null }): BenchResult {
  return { ...fields, pass: fields.pass ?? meets(fields.value, fields.target ?? null) };
}

/** The row bench/all.ts shows when a module is absent or does not follow the contract yet. */
export function unavailable(bench: string, note: string): BenchResult {
  return { bench, name: '(not available yet)', value: null, unit: '', anchor: null, target: null, pass: null, note };
}
