import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { staleness } from '../scripts/build-staleness.mjs';

/** `npm run serve` compiles only when this says the build is out of date (issue 26, item 5). */
describe('the build staleness check of `npm run serve`', () => {
  let root: string;
  const file = (path: string, secondsAgo: number) => {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), '');
    const at = Date.now() / 1000 - secondsAgo;
    utimesSync(join(root, path), at, at);
  };
  const aBuiltTree = () => {
    root = mkdtempSync(join(tmpdir(), 'ic-staleness-'));
    file('server/src/main.ts', 60);
    file('server/src/graphql/schema.ts', 50);
    file('session/src/index.ts', 50);
    file('tsconfig.json', 100);
    file('session/dist/index.js', 10);
    file('server/dist/main.js', 5);
  };
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('is fresh when the last build is newer than every source', () => {
    aBuiltTree();
    expect(staleness(root)).toBeNull();
  });

  it('names the source that changed after the last build, in any folder it is built from', () => {
    aBuiltTree();
    file('server/src/graphql/schema.ts', 1);
    expect(staleness(root)).toBe('server/src/graphql/schema.ts changed after the last build');
    aBuiltTree();
    file('session/src/index.ts', 1);
    expect(staleness(root)).toBe('session/src/index.ts changed after the last build');
  });

  it('ignores tests and contract suites, which the build leaves out', () => {
    aBuiltTree();
    file('server/src/auth/caller.test.ts', 1);
    file('server/src/store/stores.contract.ts', 1);
    expect(staleness(root)).toBeNull();
  });

  it('says what is missing when nothing was built yet', () => {
    aBuiltTree();
    rmSync(join(root, 'server/dist'), { recursive: true });
    expect(staleness(root)).toBe('server/dist/main.js is missing');
  });
});
