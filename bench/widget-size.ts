/**
 * Prints the gzip size of the script-tag bundle (widget/dist/integration-connector.js) next to the
 * original React + Material-UI frontend (125,724 bytes gzip) and the 12,500-byte target (1/10 of it).
 * Build first (`npm run build:widget`). With `--check` it exits 1 when the bundle is over the target.
 * gzip level 6: what `gzip` and most servers use by default, and how the original was measured.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const ORIGINAL_GZIP_BYTES = 125_724;
const TARGET_GZIP_BYTES = 12_500;
const bundlePath = fileURLToPath(new URL('../widget/dist/integration-connector.js', import.meta.url));

let bundle: Buffer;
try {
  bundle = readFileSync(bundlePath);
} catch {
  console.error(`No bundle at ${bundlePath}: run \`npm run build:widget\` first.`);
  process.exit(1);
}

const gzipBytes = gzipSync(bundle, { level: 6 }).length;
const format = (n: number) => n.toLocaleString('en-US').padStart(9);
const rows: Array<[string, number, string]> = [
  ['widget (this build)', gzipBytes, `${((gzipBytes / ORIGINAL_GZIP_BYTES) * 100).toFixed(1)}% of the original`],
  ['original React + MUI', ORIGINAL_GZIP_BYTES, '100%'],
  ['target (1/10)', TARGET_GZIP_BYTES, `${((gzipBytes / TARGET_GZIP_BYTES) * 100).toFixed(1)}% of target used`],
];
console.log(`widget bundle: ${bundle.length.toLocaleString('en-US')} bytes raw`);
console.log('                          gzip bytes');
for (const [label, bytes, note] of rows) console.log(`${label.padEnd(24)} ${format(bytes)}   ${note}`);
console.log(`ratio original/widget: ${(ORIGINAL_GZIP_BYTES / gzipBytes).toFixed(2)}x (target 10.06x)`);
const verdict = gzipBytes <= TARGET_GZIP_BYTES ? 'within target' : `OVER target by ${gzipBytes - TARGET_GZIP_BYTES} bytes`;
console.log(verdict);
if (process.argv.includes('--check') && gzipBytes > TARGET_GZIP_BYTES) process.exitCode = 1;
