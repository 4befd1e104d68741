// The closing lines of `npm test`: the security tally and one plain "N passed, N failed" line,
// from vitest's JSON report and the attack suites' tally file.
import { existsSync, readFileSync } from 'node:fs';

const CACHE = 'node_modules/.cache/ic-test';
const report = JSON.parse(readFileSync(`${CACHE}/vitest.json`, 'utf8'));
const passed = report.numPassedTests ?? 0;
const failed = report.numFailedTests ?? 0;
const skipped = (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);

let tried = 0;
let succeeded = 0;
if (existsSync(`${CACHE}/attacks.jsonl`)) {
  for (const line of readFileSync(`${CACHE}/attacks.jsonl`, 'utf8').split('\n').filter(Boolean)) {
    const entry = JSON.parse(line);
    tried += entry.tried;
    succeeded += entry.succeeded;
  }
}

console.log(`\nsecurity: attacks tried: ${tried}, succeeded: ${succeeded}`);
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
if (failed > 0 || passed === 0 || succeeded > 0) process.exit(1);
