/**
 * Where the widget bundle's gzip bytes go, per source file: builds the bundle with a source map (in a
 * temporary folder, never over widget/dist), gives every output byte to the source its mapping names,
 * and reports for each source its minified bytes and its gzip share, measured as how much smaller
 * the gzipped bundle gets without that source's bytes (shares overlap a little: gzip reuses text
 * across sources). `npx tsx bench/widget-size.ts --explain` prints it.
 */
import { gzipSync } from 'node:zlib';
import { buildBundle } from '../widget/build/bundle.js';
const gzip = (text: string) => gzipSync(text, { level: 6 }).length;

export interface SourceShare {
  source: string;
  minifiedBytes: number;
  gzipShare: number;
}

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Decodes source-map `mappings` into [generatedColumn, sourceIndex] segments per generated line. */
function decodeMappings(mappings: string): Array<Array<[number, number]>> {
  const lines: Array<Array<[number, number]>> = [];
  let source = 0;
  for (const line of mappings.split(';')) {
    const segments: Array<[number, number]> = [];
    let column = 0;
    for (const segment of line.split(',')) {
      if (!segment) continue;
      const fields: number[] = [];
      let value = 0;
      let shift = 0;
      for (const char of segment) {
        const digit = BASE64.indexOf(char);
        value += (digit & 31) << shift;
        if (digit & 32) shift += 5;
        else {
          fields.push(value & 1 ? -(value >>> 1) : value >>> 1);
          value = 0;
          shift = 0;
        }
      }
      column += fields[0]!;
      if (fields.length > 1) source += fields[1]!;
      segments.push([column, fields.length > 1 ? source : -1]);
    }
    lines.push(segments);
  }
  return lines;
}

export async function sourceShares(): Promise<{ total: number; shares: SourceShare[] }> {
  const built = await buildBundle({ sourcemap: true });
  const code = built.code.toString('utf8');
  const map = JSON.parse(built.map!) as { sources: string[]; mappings: string };
  const owner = new Int32Array(code.length).fill(-1);
  const lines = code.split('\n');
  let offset = 0;
  decodeMappings(map.mappings).forEach((segments, i) => {
    const length = lines[i]?.length ?? 0;
    segments.forEach(([column, source], j) => owner.fill(source, offset + column, offset + (segments[j + 1]?.[0] ?? length)));
    offset += length + 1;
  });
  const total = gzip(code);
  const shares = [-1, ...map.sources.keys()].map((index) => {
    let kept = '';
    let minifiedBytes = 0;
    for (let i = 0; i < code.length; i++) {
      if (owner[i] === index) minifiedBytes++;
      else kept += code.charAt(i);
    }
    const source = index < 0 ? '(unmapped: text without a mapping, e.g. the GraphQL documents)' : shortName(map.sources[index]!);
    return { source, minifiedBytes, gzipShare: total - gzip(kept) };
  });
  return { total, shares: shares.filter((s) => s.minifiedBytes > 0).sort((a, b) => b.gzipShare - a.gzipShare) };
}

/** `../../work/main/widget/src/x.ts` → `widget/src/x.ts`; `.../node_modules/lit-html/x.js` → `lit-html/x.js`. */
const shortName = (source: string): string => source.replace(/^.*node_modules\//, '').replace(/^(\.\.\/)*(.*?)(widget\/)/, '$3');
