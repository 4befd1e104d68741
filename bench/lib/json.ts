import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { BenchResult } from './result.js';

/**
 * `BENCH_JSON=<file>`: every figure of the run, as a JSON array of BenchResult objects (`bench`,
 * `name`, `value`, `unit`, `anchor`, `target`, `pass`, `note`), so runs can be compared without
 * parsing tables. Every field is always present (`null` when a figure has none).
 */
export function writeBenchJson(results: readonly BenchResult[], file = process.env.BENCH_JSON): string | null {
  if (!file) return null;
  const path = resolve(file);
  const rows = results.map((r) => ({
    bench: r.bench,
    name: r.name,
    value: r.value,
    unit: r.unit,
    anchor: r.anchor ?? null,
    target: r.target ?? null,
    pass: r.pass,
    note: r.note ?? null,
  }));
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${JSON.stringify(rows, null, 2)}\n`);
  return path;
}
