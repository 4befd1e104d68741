// `npm run build` of a package starts from an empty dist/: a file left by an older build (a renamed
// chunk, a deleted module) must never reach a packed tarball.
import { rmSync } from 'node:fs';

rmSync('dist', { recursive: true, force: true });
