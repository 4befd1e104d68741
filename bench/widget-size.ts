/**
 * What a person downloads, in gzip bytes, against the 16,000-byte budget (issue 14: stock Lit and
 * everything a user meets; peers load their UI at run time: Pipedream's browser SDK 31.9 kB gzip,
 * Paragon 55.6 kB, Merge Link + React 70.8 kB) and the original React + Material-UI frontend
 * (125,724 bytes gzip).
 *
 * The budget counts a person who connects and browses: the script-tag bundle
 * (widget/dist/integration-connector.js), the largest language catalogue (each person fetches one,
 * `integration-connector.<lang>.js`, one per `widget/src/internal/locales/<lang>.ts`), and every other
 * chunk the bundle imports (any chunk that is not a language is counted as fetched: splitting code
 * that such a person needs anyway only adds a request). Chunks are found by following the bundle's
 * imports, so a stale file left in dist/ by an older build is not counted. The bundle alone is
 * printed too.
 * Build first (`npm run build:widget`); `run()` (used by `npm run bench`) builds its own fresh copy.
 * - `--check`: exit 1 when what a person downloads is over the ceiling (`npm test` runs it). The
 *   budget of 16,000 bytes is not met with stock Lit and everything issue 14 asks for (17,741 bytes,
 *   see docs/widget.md); until that is decided (a higher budget, or features dropped), the ceiling
 *   keeps the figure from growing, and `npm run bench` reports the budget as missed.
 * - `--explain`: also rebuild with a source map and print each source file's share of the bundle.
 * gzip level 6: what `gzip` and most servers use by default, and how the original was measured.
 * Follows the bench contract (bench/lib/result.ts): `run()` returns the figure for `npm run bench`.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { isMain } from './lib/main.js';
import { result, type BenchResult } from './lib/result.js';
import { buildBundle } from '../widget/build/bundle.js';
import { sourceShares } from './widget-size-sources.js';

const ORIGINAL_GZIP_BYTES = 125_724;
const TARGET_GZIP_BYTES = 16_000;
/** The regression guard `--check` enforces while the budget decision is open (about 250 bytes of room). */
const CEILING_GZIP_BYTES = 18_000;
const dist = fileURLToPath(new URL('../widget/dist/', import.meta.url));
const BUNDLE = 'integration-connector.js';
const CHUNK = /^integration-connector\.(\w+)\.js$/;
const gzip = (code: Buffer) => gzipSync(code, { level: 6 }).length;

/** The languages the widget speaks: one catalogue chunk each. */
const LANGUAGES = new Set(
  readdirSync(fileURLToPath(new URL('../widget/src/internal/locales/', import.meta.url)))
    .filter((file) => file.endsWith('.ts'))
    .map((file) => file.slice(0, -3)),
);

interface Part {
  file: string;
  gzip: number;
}

export interface Download {
  /** The script-tag bundle alone. */
  bundle: Part & { raw: number };
  /** Every language catalogue (a person fetches one of them). */
  languages: Part[];
  /** Every other chunk: counted as fetched by a person who connects and browses. */
  others: Part[];
  /** The bundle, the largest language and every other chunk. */
  person: number;
}

/** The chunks `code` imports (`./integration-connector.<name>.js`, static or dynamic), and theirs. */
function imported(code: Buffer, chunks: Record<string, Buffer>, seen = new Set<string>()): Set<string> {
  for (const [, file] of code.toString('utf8').matchAll(/["'`]\.\/(integration-connector\.\w+\.js)["'`]/g)) {
    if (seen.has(file!)) continue;
    if (!chunks[file!]) throw new Error(`the bundle imports ${file}, which the build did not write`);
    seen.add(file!);
    imported(chunks[file!]!, chunks, seen);
  }
  return seen;
}

/** Sorts what the bundle loads into the bundle, the language catalogues and the other chunks, and adds them up. */
export function download(bundle: Buffer, chunks: Record<string, Buffer>): Download {
  const languages: Part[] = [];
  const others: Part[] = [];
  for (const file of [...imported(bundle, chunks)].sort()) {
    const code = chunks[file]!;
    const name = CHUNK.exec(file)?.[1] ?? file;
    (LANGUAGES.has(name) ? languages : others).push({ file, gzip: gzip(code) });
  }
  const bundlePart = { file: BUNDLE, raw: bundle.length, gzip: gzip(bundle) };
  const largest = Math.max(0, ...languages.map((part) => part.gzip));
  const person = bundlePart.gzip + largest + others.reduce((sum, part) => sum + part.gzip, 0);
  return { bundle: bundlePart, languages, others, person };
}

function measure(): Download | null {
  try {
    const chunks = Object.fromEntries(
      readdirSync(dist)
        .filter((file) => CHUNK.test(file))
        .map((file) => [file, readFileSync(`${dist}${file}`)]),
    );
    return download(readFileSync(`${dist}${BUNDLE}`), chunks);
  } catch {
    return null;
  }
}

/** For `npm run bench`: a fresh build (in a temporary folder), so the figure is never a stale dist/. */
export async function run(): Promise<BenchResult[]> {
  const { code, chunks } = await buildBundle();
  const size = download(code, chunks);
  return [
    result({
      bench: 'widget-size',
      name: 'what a person downloads, gzip -6',
      value: size.person,
      unit: 'bytes',
      anchor: { label: 'original React + MUI', value: ORIGINAL_GZIP_BYTES, unit: 'bytes' },
      target: { op: '<=', value: TARGET_GZIP_BYTES },
      note: `budget not met (decision open, issue 14); npm test holds it under ${CEILING_GZIP_BYTES.toLocaleString('en-US')}; fresh build; bundle ${size.bundle.gzip.toLocaleString('en-US')} bytes gzip (${size.bundle.raw.toLocaleString('en-US')} minified) + the largest language + ${size.others.length} other chunk(s), ${(ORIGINAL_GZIP_BYTES / size.person).toFixed(2)}x less than the original`,
    }),
  ];
}

async function main(): Promise<void> {
  const size = measure();
  if (!size) {
    console.error(`No bundle at ${dist}${BUNDLE}: run \`npm run build:widget\` first.`);
    process.exitCode = 1;
    return;
  }
  const largest = Math.max(0, ...size.languages.map((part) => part.gzip));
  const format = (n: number) => n.toLocaleString('en-US').padStart(9);
  const row = (label: string, bytes: number, note = '') => console.log(`${label.padEnd(36)} ${format(bytes)}   ${note}`.trimEnd());
  console.log(`widget bundle: ${size.bundle.raw.toLocaleString('en-US')} bytes minified`);
  console.log(`${''.padEnd(36)} gzip bytes`);
  row(`bundle ${size.bundle.file}`, size.bundle.gzip, 'everyone');
  for (const part of size.languages)
    row(`language ${part.file}`, part.gzip, part.gzip === largest ? 'one per person: the largest is counted' : 'one per person');
  for (const part of size.others) row(`chunk ${part.file}`, part.gzip, 'counted: fetched by a person who connects and browses');
  row('a person who connects and browses', size.person, `${((size.person / ORIGINAL_GZIP_BYTES) * 100).toFixed(1)}% of the original`);
  row('original React + MUI', ORIGINAL_GZIP_BYTES, `${(ORIGINAL_GZIP_BYTES / size.person).toFixed(2)}x a person's download`);
  row('budget', TARGET_GZIP_BYTES, `${((size.person / TARGET_GZIP_BYTES) * 100).toFixed(1)}% used`);
  row('ceiling (npm test, while the budget is open)', CEILING_GZIP_BYTES);
  console.log(size.person <= TARGET_GZIP_BYTES ? 'within budget' : `OVER budget by ${size.person - TARGET_GZIP_BYTES} bytes`);
  console.log(size.person <= CEILING_GZIP_BYTES ? 'within the ceiling' : `OVER the ceiling by ${size.person - CEILING_GZIP_BYTES} bytes`);
  if (process.argv.includes('--explain')) {
    const { total, shares } = await sourceShares();
    console.log(`\nwhere the bundle's bytes go (fresh build with a source map: ${total.toLocaleString('en-US')} bytes gzip)`);
    console.log(' gzip share  minified  source');
    for (const s of shares) console.log(`${String(s.gzipShare).padStart(11)} ${String(s.minifiedBytes).padStart(9)}  ${s.source}`);
  }
  if (process.argv.includes('--check') && size.person > CEILING_GZIP_BYTES) process.exitCode = 1;
}

if (isMain(import.meta.url)) await main();
