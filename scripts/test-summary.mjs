// Prints one plain closing line for the whole run ("N passed, N failed"), from vitest's JSON report.
import { readFileSync } from 'node:fs';

const report = JSON.parse(readFileSync('node_modules/.cache/ic-test/vitest.json', 'utf8'));
const passed = report.numPassedTests ?? 0;
const failed = report.numFailedTests ?? 0;
const skipped = (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
console.log(`\nnode tests: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
if (failed > 0 || passed === 0) process.exit(1);
