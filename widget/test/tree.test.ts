import { expect } from '@open-wc/testing';
import { indexItems, visibleRows } from '../src/internal/tree.js';
import type { Item } from '../src/internal/types.js';

const item = (id: string, parentId: string | null = null, directory = false, name = id): Item => ({
  id,
  parentId,
  directory,
  name,
  type: directory ? 'folder' : 'page',
  parentPathOrName: null,
  lastModifiedTime: null,
  url: null,
});

describe('tree building', () => {
  it('nests by parentId, folders first, then by name (numeric aware)', () => {
    const index = indexItems([item('b10', 'f'), item('b2', 'f'), item('f', null, true), item('a')]);
    const rows = visibleRows(index, new Set(['f']), '');
    expect(rows.map((r) => [r.item.id, r.level, r.position, r.siblings])).to.deep.equal([
      ['f', 1, 1, 2],
      ['b2', 2, 1, 2],
      ['b10', 2, 2, 2],
      ['a', 1, 2, 2],
    ]);
  });

  it('shows items whose parent was not loaded as roots', () => {
    const rows = visibleRows(indexItems([item('x', 'missing')]), new Set(), '');
    expect(rows.map((r) => r.item.id)).to.deep.equal(['x']);
  });

  it('survives parentId cycles without hiding or repeating items', () => {
    const index = indexItems([item('a', 'b'), item('b', 'a'), item('self', 'self')]);
    const rows = visibleRows(index, new Set(['a', 'b']), '');
    expect(rows.map((r) => r.item.id).sort()).to.deep.equal(['a', 'b', 'self']);
  });

  it('filters by name or type across collapsed folders, as a flat list', () => {
    const index = indexItems([item('f', null, true, 'Folder'), item('c', 'f', false, 'Deep match')]);
    expect(visibleRows(index, new Set(), 'MATCH').map((r) => [r.item.id, r.level])).to.deep.equal([['c', 1]]);
    expect(visibleRows(index, new Set(), 'folder').map((r) => r.item.id)).to.deep.equal(['f']);
  });
});
