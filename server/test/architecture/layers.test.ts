import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { diagram, documentedDiagram } from './diagram.js';
import { folderCycles, folderGraph, folderOf, readImportGraph } from './import-graph.js';
import { LAYERS, PACKAGE_OWNERS, SIBLING_EDGES } from './layers.js';

const root = fileURLToPath(new URL('../../src/', import.meta.url));
const layerOf = (folder: string) => LAYERS.findIndex((layer) => layer.includes(folder));

describe('server/src dependencies point one way', () => {
  const edges = readImportGraph(root);
  const graph = folderGraph(edges);

  it('every folder has its place in a layer', () => {
    const folders = new Set(
      edges.flatMap((edge) => (edge.kind === 'file' ? [folderOf(edge.from), folderOf(edge.to)] : [folderOf(edge.from)])),
    );
    expect([...folders].filter((folder) => layerOf(folder) === -1)).toEqual([]);
  });

  it('imports point down the layers, or along a named sibling edge', () => {
    const against: string[] = [];
    for (const [from, targets] of graph) {
      for (const [to, imports] of targets) {
        const down = layerOf(from) < layerOf(to);
        const sibling = SIBLING_EDGES.some(([a, b]) => a === from && b === to);
        if (!down && !sibling)
          against.push(...imports.map((edge) => `${edge.from}:${edge.line} -> ${edge.to}${edge.typeOnly ? ' (type)' : ''}`));
      }
    }
    expect(against).toEqual([]);
  });

  it('no import cycle between folders', () => {
    expect(folderCycles(graph)).toEqual([]);
  });

  it('each Redis library is imported only by the folder that owns it (PACKAGE_OWNERS)', () => {
    const strays = edges
      .filter((edge) => edge.kind === 'package' && PACKAGE_OWNERS[edge.to] !== undefined && folderOf(edge.from) !== PACKAGE_OWNERS[edge.to])
      .map((edge) => `${edge.from}:${edge.line} imports ${edge.to}`);
    expect(strays).toEqual([]);
  });

  it('docs/architecture.md draws this graph as it is (npx tsx server/test/architecture/diagram.ts redraws it)', () => {
    expect(documentedDiagram()).toBe(diagram());
  });
});
