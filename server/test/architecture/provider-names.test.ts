import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { PROVIDER_IDS } from '../../src/providers/registry.js';
import { sourceFiles } from './import-graph.js';

/**
 * A provider is one folder: nothing in server/src outside `providers/` names one, in code or in
 * comments, tests included. The one exception is generated code: it carries the schema, whose
 * `Provider` enum has one value per provider (the declared way the API names them) and whose
 * descriptions give examples.
 */
const root = fileURLToPath(new URL('../../src/', import.meta.url));
const exempt = (file: string) => file.startsWith('providers/') || file.startsWith('graphql/generated/');

describe('no provider is named outside server/src/providers/', () => {
  it('the registry is the source of the names this test looks for', () => {
    expect(PROVIDER_IDS.length).toBeGreaterThan(0);
  });

  it('no source file outside providers/ (generated code aside) mentions a provider id, in any case', () => {
    const pattern = new RegExp(PROVIDER_IDS.join('|'), 'i');
    const mentions = sourceFiles(root, { includeTests: true })
      .filter((file) => !exempt(file))
      .flatMap((file) =>
        readFileSync(`${root}${file}`, 'utf8')
          .split('\n')
          .flatMap((line, i) => (pattern.test(line) ? [`${file}:${i + 1}: ${line.trim()}`] : [])),
      );
    expect(mentions).toEqual([]);
  });
});
