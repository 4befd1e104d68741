import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), 'ic-bench-json-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('BENCH_JSON', () => {
  it('makes a bench run as a script write every figure, with every field, as a JSON array', async () => {
    const file = join(dir, 'nested', 'figures.json');
    const { stdout } = await run(process.execPath, ['--import', 'tsx', 'test/bench/fixtures/two-figures.ts'], {
      env: { ...process.env, BENCH_JSON: file },
    });

    expect(stdout).toContain(`figures written to ${file}`);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual([
      {
        bench: 'fixture',
        name: 'size',
        value: 900,
        unit: 'bytes',
        anchor: { label: 'original', value: 1_000 },
        target: { op: '<=', value: 950 },
        pass: true,
        note: null,
      },
      {
        bench: 'fixture',
        name: 'not taken',
        value: null,
        unit: 'ms',
        anchor: null,
        target: null,
        pass: null,
        note: 'could not be measured',
      },
    ]);
  });

  it('writes nothing without the variable', async () => {
    const env = { ...process.env };
    delete env.BENCH_JSON;
    const { stdout } = await run(process.execPath, ['--import', 'tsx', 'test/bench/fixtures/two-figures.ts'], { env });
    expect(stdout).not.toContain('figures written');
  });
});
