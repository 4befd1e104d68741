// `npm run serve`: the built server (server/dist), started in this process. It compiles only when
// server/dist is missing or older than a source it is built from (scripts/build-staleness.mjs),
// saying so; otherwise it starts at once, with no TypeScript anywhere at run time.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { staleness } from './build-staleness.mjs';

const root = fileURLToPath(new URL('../', import.meta.url));
const reason = staleness(root);
if (reason) {
  process.stderr.write(`server/dist is out of date (${reason}): building it once (npm run build:server)...\n`);
  const build = spawnSync('npm', ['run', '--silent', 'build:server'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}
await import('../server/dist/main.js');
