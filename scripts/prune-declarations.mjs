// `node prune-declarations.mjs <dir> <entry.d.ts>...`: deletes every declaration file under <dir>
// that no entry reaches through its relative imports. tsc emits one for every module of the
// program, internal ones included; a package ships the types its exports can reach, nothing else.
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const [dir, ...entries] = process.argv.slice(2);
if (!dir || entries.length === 0) throw new Error('usage: prune-declarations.mjs <dir> <entry.d.ts>...');
const IMPORT = /(?:from|import)\s*\(?\s*['"](\.{1,2}\/[^'"]+)['"]/g;

const reached = new Set();
const visit = (file) => {
  if (reached.has(file)) return;
  reached.add(file);
  for (const [, specifier] of readFileSync(file, 'utf8').matchAll(IMPORT))
    visit(resolve(dirname(file), specifier.replace(/\.js$/, '.d.ts')));
};
for (const entry of entries) visit(resolve(dir, entry));

const all = (folder) =>
  readdirSync(folder, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? all(join(folder, e.name)) : [join(folder, e.name)]));
const pruned = all(resolve(dir)).filter((file) => file.endsWith('.d.ts') && !reached.has(file));
for (const file of pruned) rmSync(file);
process.stdout.write(
  `declarations: kept ${reached.size}, pruned ${pruned.length} unreachable (${pruned.map((f) => relative(dir, f)).join(', ')})\n`,
);
