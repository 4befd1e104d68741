import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { PROVIDER_IDS } from '../../src/providers/registry.js';
import { sourceFiles } from './import-graph.js';

/**
 * A provider is one folder, in the server and in the sandbox: nothing else names one, in code or
 * in comments, tests included, in these trees:
 * - server/src outside `providers/`, but for generated code: it carries the schema, whose
 *   `Provider` enum has one value per provider and whose descriptions give examples;
 * - sandbox/src outside the provider's own folder (`sandbox/src/<id>/` names only `<id>`), but for
 *   its registry (`sandbox/src/registry.ts`);
 * - scripts/ and test/support/, every file: the demo, the test stack and the benchmarks' stack
 *   walk the registries.
 * Specs elsewhere name providers freely: they test them.
 */
const repo = fileURLToPath(new URL('../../../', import.meta.url));

interface Tree {
  root: string;
  files: () => string[];
  /** Whether `file` (relative to the root) may name provider `id`. */
  mayName: (file: string, id: string) => boolean;
}

/** Every file under a folder, whatever its kind (scripts and support code are .ts, .mjs, .sh...). */
const everyFile = (root: string) => (): string[] => {
  const walk = (dir: string): string[] =>
    readdirSync(dir).flatMap((entry) => (statSync(join(dir, entry)).isDirectory() ? walk(join(dir, entry)) : [join(dir, entry)]));
  return walk(`${repo}${root}`).map((path) => relative(`${repo}${root}`, path).split(sep).join('/'));
};

const TREES: Tree[] = [
  {
    root: 'server/src/',
    files: () => sourceFiles(`${repo}server/src/`, { includeTests: true }),
    mayName: (file) => file.startsWith('providers/') || file.startsWith('graphql/generated/'),
  },
  {
    root: 'sandbox/src/',
    files: () => sourceFiles(`${repo}sandbox/src/`, { includeTests: true }),
    mayName: (file, id) => file.startsWith(`${id}/`) || file === 'registry.ts',
  },
  { root: 'scripts/', files: everyFile('scripts/'), mayName: () => false },
  { root: 'test/support/', files: everyFile('test/support/'), mayName: () => false },
];

/** `path:line: text` of every line of the tree naming a provider it may not name. */
function mentions(tree: Tree): string[] {
  const named = PROVIDER_IDS.map((id) => ({ id, pattern: new RegExp(id, 'i') }));
  return tree.files().flatMap((file) =>
    readFileSync(`${repo}${tree.root}${file}`, 'utf8')
      .split('\n')
      .flatMap((line, i) =>
        named.some(({ id, pattern }) => pattern.test(line) && !tree.mayName(file, id))
          ? [`${tree.root}${file}:${i + 1}: ${line.trim()}`]
          : [],
      ),
  );
}

describe('no provider is named outside its own folders and the registries', () => {
  it('the registry is the source of the names this test looks for', () => {
    expect(PROVIDER_IDS.length).toBeGreaterThan(0);
  });

  it.each(TREES.map((tree) => [tree.root, tree]))('%s names no provider outside the places that may (in any case)', (_root, tree) => {
    expect(tree.files().length).toBeGreaterThan(0);
    expect(mentions(tree)).toEqual([]);
  });
});
