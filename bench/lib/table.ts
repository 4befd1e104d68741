import type { BenchResult } from './result.js';

const number = (value: number | null, unit = '') => {
  if (value === null) return '-';
  const digits = Math.abs(value) >= 100 || Number.isInteger(value) ? 0 : Math.abs(value) >= 10 ? 1 : 2;
  return `${value.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits })}${unit ? ` ${unit}` : ''}`;
};

/** One Markdown-style table: figure, anchor, target, verdict. */
export function formatResults(results: readonly BenchResult[]): string {
  const header = ['bench', 'figure', 'value', 'anchor', 'target', 'pass', 'note'];
  const rows = results.map((r) => [
    r.bench,
    r.name,
    number(r.value, r.unit),
    r.anchor ? `${r.anchor.label}: ${number(r.anchor.value, r.anchor.unit ?? r.unit)}` : '',
    r.target ? `${r.target.op} ${number(r.target.value, r.unit)}` : '',
    r.pass === null ? '-' : r.pass ? 'yes' : 'NO',
    r.note ?? '',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  return [line(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)].join('\n');
}
