import type { Item } from './types.js';

/** One visible line of the tree. */
export interface Row {
  item: Item;
  /** 1-based, as aria-level wants it. */
  level: number;
  /** The id of the row this one is nested under; null at the top level (and in filtered lists). */
  parentId: string | null;
  expandable: boolean;
  expanded: boolean;
  /** Position among its siblings (1-based) and the sibling count, for aria-posinset/aria-setsize. */
  position: number;
  siblings: number;
}

export interface ItemIndex {
  roots: Item[];
  children: Map<string, Item[]>;
}

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });
const byKindThenName = (a: Item, b: Item) => Number(b.directory) - Number(a.directory) || collator.compare(a.name, b.name);

/**
 * Groups items under their `parentId`. An item whose parent was not loaded (or points at itself) is a
 * root, so nothing the server sent is ever hidden. Built once per load; expanding is then a lookup.
 */
export function indexItems(items: readonly Item[]): ItemIndex {
  const ids = new Set(items.map((item) => item.id));
  const roots: Item[] = [];
  const children = new Map<string, Item[]>();
  for (const item of items) {
    const parent = item.parentId;
    if (parent && parent !== item.id && ids.has(parent)) {
      const siblings = children.get(parent);
      if (siblings) siblings.push(item);
      else children.set(parent, [item]);
    } else {
      roots.push(item);
    }
  }
  // Items on a parentId cycle are reachable from no root: cut the cycle and promote one of them.
  const reached = new Set<string>();
  const reach = (list: readonly Item[]): void => {
    for (const item of list) {
      if (reached.has(item.id)) continue;
      reached.add(item.id);
      reach(children.get(item.id) ?? []);
    }
  };
  reach(roots);
  for (const item of items) {
    if (reached.has(item.id)) continue;
    const siblings = children.get(item.parentId ?? '') ?? [];
    siblings.splice(siblings.indexOf(item), 1);
    roots.push(item);
    reach([item]);
  }
  roots.sort(byKindThenName);
  for (const siblings of children.values()) siblings.sort(byKindThenName);
  return { roots, children };
}

/**
 * The rows to show: the expanded part of the tree, or (with a filter) every matching item as a flat
 * list, since a match deep in a collapsed folder must still be found.
 */
export function visibleRows(index: ItemIndex, expanded: ReadonlySet<string>, filter: string): Row[] {
  const rows: Row[] = [];
  const needle = filter.trim().toLowerCase();
  // With a filter every folder counts as open, and only the matches are kept.
  const walk = (items: readonly Item[], level: number, parentId: string | null) => {
    items.forEach((item, i) => {
      const kids = index.children.get(item.id);
      const expandable = !!kids?.length;
      const open = expandable && (!!needle || expanded.has(item.id));
      if (!needle || `${item.name} ${item.type}`.toLowerCase().includes(needle)) {
        rows.push({ item, level, parentId, expandable, expanded: open, position: i + 1, siblings: items.length });
      }
      if (open) walk(kids, level + 1, item.id);
    });
  };
  walk(index.roots, 1, null);
  return needle
    ? rows.map((row, i) => ({
        item: row.item,
        level: 1,
        parentId: null,
        expandable: false,
        expanded: false,
        position: i + 1,
        siblings: rows.length,
      }))
    : rows;
}
