/**
 * Prints the gzip size of the script-tag bundle (widget/dist/integration-connector.js) next to the
 * original React + Material-UI frontend (125,724 bytes gzip) and the 16,000-byte budget: stock Lit
 * and everything a user meets, against peers that load their UI at run time (Pipedream's browser
 * SDK 31.9 kB gzip, Paragon 55.6 kB, Merge Link + React 70.8 kB; issue 14).
 * Build first (`npm run build:widget`); `run()` (used by `npm run bench`) builds its own fresh copy.
 * - `--check`: exit 1 when the bundle is over the budget (`npm test` runs it).
 * - `--explain`: also rebuild with a source map and print each source file's share of the bytes.
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
const dist = fileURLToPath(new URL('../widget/dist/', import.meta.url));
const bundlePath = `${dist}integration-connector.js`;
const gzip = (code: Buffer) => gzipSync(code, { level: 6 }).length;

/**
 * The chunks' gzip sizes (`integration-connector.<name>.js`): one per language (a person downloads the
 * bundle and their language's), and `tree` (fetched once a connection is shown, for browsing items).
 */
const languages = (chunks: Record<string, Buffer>) =>
  Object.entries(chunks).map(([file, code]) => ({ lang: /\.(\w+)\.js$/.exec(file)![1]!, gzip: gzip(code) }));

/** Everything a person who connects and browses downloads: bundle, the largest language, the tree. */
const personTotal = (bundle: number, chunks: Array<{ lang: string; gzip: number }>) =>
  bundle + Math.max(...chunks.filter((c) => c.lang !== 'tree').map((c) => c.gzip)) + (chunks.find((c) => c.lang === 'tree')?.gzip ?? 0);

function measure(): { raw: number; gzip: number; languages: Array<{ lang: string; gzip: number }> } | null {
  try {
    const bundle = readFileSync(bundlePath);
    const chunks = Object.fromEntries(
      readdirSync(dist).filter((file) => /^integration-connector\.\w+\.js$/.test(file)).map((file) => [file, readFileSync(`${dist}${file}`)]),
    );
    return { raw: bundle.length, gzip: gzip(bundle), languages: languages(chunks) };
  } catch {
    return null;
  }
}

/** For `npm run bench`: a fresh build (in a temporary folder), so the figure is never a stale dist/. */
export async function run(): Promise<BenchResult[]> {
  const { code, chunks } = await buildBundle();
  const size = { raw: code.length, gzip: gzip(code) };
  const person = personTotal(size.gzip, languages(chunks));
  return [
    result({
      bench: 'widget-size',
      name: 'script-tag bundle, gzip -6',
      value: size.gzip,
      unit: 'bytes',
      anchor: { label: 'original React + MUI', value: ORIGINAL_GZIP_BYTES, unit: 'bytes' },
      target: { op: '<=', value: TARGET_GZIP_BYTES },
      note: `fresh build, ${size.raw.toLocaleString('en-US')} bytes minified; with a language and the tree chunk a person who browses downloads ${person.toLocaleString('en-US')} bytes gzip, ${(ORIGINAL_GZIP_BYTES / person).toFixed(2)}x less than the original`,
    }),
  ];
}

async function main(): Promise<void> {
  const size = measure();
  if (!size) {
    console.error(`No bundle at ${bundlePath}: run \`npm run build:widget\` first.`);
    process.exitCode = 1;
    return;
  }
  const format = (n: number) => n.toLocaleString('en-US').padStart(9);
  const rows: Array<[string, number, string]> = [
    ['widget (this build)', size.gzip, `${((size.gzip / ORIGINAL_GZIP_BYTES) * 100).toFixed(1)}% of the original`],
    ['original React + MUI', ORIGINAL_GZIP_BYTES, '100%'],
    ['budget', TARGET_GZIP_BYTES, `${((size.gzip / TARGET_GZIP_BYTES) * 100).toFixed(1)}% of budget used`],
  ];
  console.log(`widget bundle: ${size.raw.toLocaleString('en-US')} bytes raw`);
  console.log('                          gzip bytes');
  for (const [label, bytes, note] of rows) console.log(`${label.padEnd(24)} ${format(bytes)}   ${note}`);
  for (const { lang, gzip: bytes } of size.languages) console.log(`${`+ ${lang === 'tree' ? 'tree (browsing)' : `language ${lang}`}`.padEnd(24)} ${format(bytes)}   chunk, fetched when needed`);
  console.log(`a person who browses      ${format(personTotal(size.gzip, size.languages))}   bundle + largest language + tree`);
  console.log(`ratio original/widget: ${(ORIGINAL_GZIP_BYTES / size.gzip).toFixed(2)}x`);
  console.log(size.gzip <= TARGET_GZIP_BYTES ? 'within budget' : `OVER budget by ${size.gzip - TARGET_GZIP_BYTES} bytes`);
  if (process.argv.includes('--explain')) {
    const { total, shares } = await sourceShares();
    console.log(`\nwhere the bytes go (fresh build with a source map: ${total.toLocaleString('en-US')} bytes gzip)`);
    console.log(' gzip share  minified  source');
    for (const s of shares) console.log(`${String(s.gzipShare).padStart(11)} ${String(s.minifiedBytes).padStart(9)}  ${s.source}`);
  }
  if (process.argv.includes('--check') && size.gzip > TARGET_GZIP_BYTES) process.exitCode = 1;
}

if (isMain(import.meta.url)) await main();
