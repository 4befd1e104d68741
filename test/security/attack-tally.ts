import { appendFileSync, mkdirSync } from 'node:fs';
import { afterAll, it } from 'vitest';

/** Where each suite adds its counts; scripts/test-summary.mjs prints the run's total. */
export const TALLY_FILE = 'node_modules/.cache/ic-test/attacks.jsonl';

/**
 * Each attack is one named test that fails if the attack succeeds. The tally is printed at the end
 * of the file's run ("attacks tried: N, succeeded: 0").
 */
export function attackSuite(title: string) {
  let tried = 0;
  let succeeded = 0;
  afterAll(() => {
    console.log(`[${title}] attacks tried: ${tried}, succeeded: ${succeeded}`);
    mkdirSync('node_modules/.cache/ic-test', { recursive: true });
    appendFileSync(TALLY_FILE, `${JSON.stringify({ title, tried, succeeded })}\n`);
  });
  return function attack(name: string, run: () => Promise<void>, timeout?: number) {
    it(
      `attack: ${name}`,
      async () => {
        tried++;
        try {
          await run();
        } catch (error) {
          succeeded++;
          throw error;
        }
      },
      timeout,
    );
  };
}
