// Whether a built server is older than what it is built from: `npm run serve` (scripts/serve.mjs)
// compiles only when this says so. Plain JavaScript: it runs before anything is compiled.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** What server/dist is built from (tests and contract suites are not part of the build). */
export const SOURCES = ['server/src', 'session/src', 'server/tsconfig.build.json', 'session/tsconfig.build.json', 'tsconfig.json'];
/** What the build writes, last: when these are newer than every source, the build is fresh. */
export const BUILT = ['server/dist/main.js', 'session/dist/index.js'];
const isSource = (name) => !/\.(test|contract)\.ts$/.test(name);

/** The newest modification time under `path` (a file or a folder) in `root`, and the file that has it. */
function newest(root, path) {
  const stat = statSync(join(root, path), { throwIfNoEntry: false });
  if (!stat) return { mtimeMs: 0, path };
  if (!stat.isDirectory()) return { mtimeMs: stat.mtimeMs, path };
  return readdirSync(join(root, path), { withFileTypes: true })
    .filter((entry) => entry.isDirectory() || isSource(entry.name))
    .map((entry) => newest(root, `${path}/${entry.name}`))
    .reduce((a, b) => (b.mtimeMs > a.mtimeMs ? b : a), { mtimeMs: 0, path });
}

/** Why the build in `root` is out of date (a sentence), or null when it is fresh. */
export function staleness(root) {
  const built = BUILT.map((path) => ({ path, mtimeMs: statSync(join(root, path), { throwIfNoEntry: false })?.mtimeMs }));
  const missing = built.find((file) => file.mtimeMs === undefined);
  if (missing) return `${missing.path} is missing`;
  const source = SOURCES.map((path) => newest(root, path)).reduce((a, b) => (b.mtimeMs > a.mtimeMs ? b : a));
  const oldest = Math.min(...built.map((file) => file.mtimeMs));
  return source.mtimeMs > oldest ? `${source.path} changed after the last build` : null;
}
