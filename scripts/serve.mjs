// `npm run serve`: the built server (server/dist), started in this process. It compiles only when
// server/dist is missing or older than a source it is built from (server/src, session/src, their
// tsconfigs), saying so; otherwise it starts at once, with no TypeScript anywhere at run time.
// Plain JavaScript on purpose: a loader for TypeScript would cost the start-up this script saves.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';

const root = new URL('../', import.meta.url);
const at = (path) => new URL(path, root);
const SOURCES = ['server/src', 'session/src', 'server/tsconfig.build.json', 'session/tsconfig.build.json', 'tsconfig.json'];
const BUILT = ['server/dist/main.js', 'session/dist/index.js'];
const isSource = (name) => !/\.(test|contract)\.ts$/.test(name);

/** The newest modification time under `path` (a file or a folder), with the file that has it. */
function newest(path) {
  const stat = statSync(at(path), { throwIfNoEntry: false });
  if (!stat) return { mtimeMs: 0, path };
  if (!stat.isDirectory()) return { mtimeMs: stat.mtimeMs, path };
  return readdirSync(at(path), { withFileTypes: true })
    .filter((entry) => entry.isDirectory() || isSource(entry.name))
    .map((entry) => newest(`${path}/${entry.name}`))
    .reduce((a, b) => (b.mtimeMs > a.mtimeMs ? b : a), { mtimeMs: 0, path });
}

function staleness() {
  const built = BUILT.map((path) => ({ path, mtimeMs: statSync(at(path), { throwIfNoEntry: false })?.mtimeMs }));
  const missing = built.find((file) => file.mtimeMs === undefined);
  if (missing) return `${missing.path} is missing`;
  const source = SOURCES.map(newest).reduce((a, b) => (b.mtimeMs > a.mtimeMs ? b : a));
  const oldest = Math.min(...built.map((file) => file.mtimeMs));
  return source.mtimeMs > oldest ? `${source.path} changed after the last build` : null;
}

const reason = staleness();
if (reason) {
  process.stderr.write(`server/dist is out of date (${reason}): building it once (npm run build:server)...\n`);
  const build = spawnSync('npm', ['run', '--silent', 'build:server'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}
await import('../server/dist/main.js');
