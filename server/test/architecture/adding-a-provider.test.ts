import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Kind, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { SIMULATOR_IDS } from '../../../sandbox/src/registry.js';
import { currentLines, providerLists } from '../../../scripts/provider-lists.js';
import { PROVIDER_IDS } from '../../src/providers/registry.js';

/**
 * docs/architecture.md, "Adding a provider", held to the tree: the files it lists are the ones
 * every provider has (its two folders, its lines in the two registries, its enum value), the
 * commands it names produce everything else that lists providers outside the code, and
 * provider-names.test.ts proves that no other file of server/src, sandbox/src, scripts/ or
 * test/support/ names one.
 */
const repo = fileURLToPath(new URL('../../../', import.meta.url));
const read = (path: string) => readFileSync(`${repo}${path}`, 'utf8');

const doc = read('docs/architecture.md');
const from = doc.indexOf('### Adding a provider');
const section = doc.slice(from, doc.indexOf('\n## ', from));
/** The numbered list: each item opens with the path it takes. */
const listed = [...section.matchAll(/^\d+\. `([^`]+)`/gm)].map((match) => match[1]);

const SERVER_REGISTRY = 'server/src/providers/registry.ts';
const SANDBOX_REGISTRY = 'sandbox/src/registry.ts';
const SCHEMA = 'schema/schema.graphql';

describe('docs/architecture.md, "Adding a provider"', () => {
  it('lists exactly one server folder, one sandbox folder, the two registries and the schema', () => {
    expect(listed).toEqual(['server/src/providers/<id>/', 'sandbox/src/<id>/', SERVER_REGISTRY, SANDBOX_REGISTRY, SCHEMA]);
  });

  it('names the two commands that write what else lists providers, and both exist', () => {
    const scripts = (JSON.parse(read('package.json')) as { scripts: Record<string, string> }).scripts;
    for (const command of ['codegen', 'sync:providers']) {
      expect(section).toContain(`\`npm run ${command}\``);
      expect(scripts[command], command).toBeDefined();
    }
  });

  it('every provider has both folders, each with its module', async () => {
    for (const id of PROVIDER_IDS) {
      const server = (await import(`${repo}server/src/providers/${id}/index.ts`)) as Record<string, { settings?: { id?: string } }>;
      const sandbox = (await import(`${repo}sandbox/src/${id}/index.ts`)) as Record<string, { id?: string }>;
      expect(
        Object.values(server).some((module) => module.settings?.id === id),
        `server/src/providers/${id}/`,
      ).toBe(true);
      expect(
        Object.values(sandbox).some((module) => module.id === id),
        `sandbox/src/${id}/`,
      ).toBe(true);
    }
  });

  it('the two registries list the same providers in the same order', () => {
    expect(SIMULATOR_IDS).toEqual(PROVIDER_IDS);
  });

  it.each([SERVER_REGISTRY, SANDBOX_REGISTRY])('%s names each provider on two lines: its import and the list', (registry) => {
    const lines = read(registry).split('\n');
    for (const id of PROVIDER_IDS) {
      const naming = lines.filter((line) => new RegExp(id, 'i').test(line));
      expect(naming, id).toEqual([`import { ${id} } from './${id}/index.js';`, expect.stringMatching(/= \[.*\] as const;$/)]);
    }
  });

  it("the schema's Provider enum is each id in upper case, and nothing else", () => {
    const definition = parse(read(SCHEMA)).definitions.find(
      (node) => node.kind === Kind.ENUM_TYPE_DEFINITION && node.name.value === 'Provider',
    );
    const values = definition?.kind === Kind.ENUM_TYPE_DEFINITION ? definition.values?.map((value) => value.name.value) : undefined;
    expect(values).toEqual(PROVIDER_IDS.map((id) => id.toUpperCase()));
  });

  it.each(providerLists().map((list) => [list.file, list]))('%s holds the provider list `npm run sync:providers` renders', (file, list) => {
    expect(currentLines(read(file), list), `run npm run sync:providers (${file})`).toEqual(list.lines);
  });
});
