import fc from 'fast-check';

export interface FuzzFailure {
  property: string;
  counterexample: string;
  problems: string;
}

/**
 * Counts every input sent and keeps each property's shrunk counterexample, so one test file can
 * run several properties and print one line: `fuzz: 10,240 inputs, 0 failures`.
 */
export class FuzzTally {
  inputs = 0;
  slowestMs = 0;
  slowest = '';
  readonly failures: FuzzFailure[] = [];
  private readonly perProperty = new Map<string, number>();

  count(property: string): void {
    this.inputs++;
    this.perProperty.set(property, (this.perProperty.get(property) ?? 0) + 1);
  }

  /**
   * Runs `property` as `workers` independent fast-check runs side by side (different seeds), each
   * `runsPerWorker` inputs; a failing run is shrunk and recorded, the others continue.
   */
  async run<T>(
    name: string,
    arbitrary: fc.Arbitrary<T>,
    check: (input: T) => Promise<string[]>,
    options: { runsPerWorker: number; workers?: number; seed?: number },
  ): Promise<FuzzFailure[]> {
    const baseSeed = options.seed ?? Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31);
    const started = performance.now();
    const workers = Array.from({ length: options.workers ?? 4 }, async (_, worker) => {
      const details = await fc.check(
        fc.asyncProperty(arbitrary, async (input) => {
          this.count(name);
          const t0 = performance.now();
          const problems = await check(input);
          const ms = performance.now() - t0;
          if (ms > this.slowestMs) [this.slowestMs, this.slowest] = [ms, `${name}: ${fc.stringify(input).slice(0, 300)}`];
          if (process.env.FUZZ_DEBUG && ms > 200) console.log(`slow ${ms.toFixed(0)} ms ${name}: ${fc.stringify(input).slice(0, 400)}`);
          if (problems.length) throw new Error(problems.join('; '));
        }),
        { numRuns: options.runsPerWorker, seed: baseSeed + worker, endOnFailure: false, maxSkipsPerRun: 0 },
      );
      if (details.failed) {
        this.failures.push({
          property: name,
          counterexample: fc.stringify(details.counterexample).slice(0, 2_000),
          problems: `${details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance)} (seed ${details.seed}, path ${details.counterexamplePath})`,
        });
      }
    });
    await Promise.all(workers);
    this.timings.set(name, (this.timings.get(name) ?? 0) + performance.now() - started);
    return this.failures.filter((failure) => failure.property === name);
  }

  /** Milliseconds spent per property, slowest first (helps keep the run under its budget). */
  readonly timings = new Map<string, number>();

  summary(label: string): string {
    const by = [...this.perProperty]
      .map(([name, count]) => `${name} ${count.toLocaleString('en-US')} in ${((this.timings.get(name) ?? 0) / 1000).toFixed(1)} s`)
      .join(', ');
    return `${label}: ${this.inputs.toLocaleString('en-US')} inputs, ${this.failures.length} failures (${by})`;
  }

  report(): string {
    return this.failures.map((f) => `[${f.property}] ${f.problems}\n  input: ${f.counterexample}`).join('\n');
  }
}
