import { z } from 'zod';
import type { Scratch } from '../item-source.js';

/**
 * Readable parent paths ("Workspace / Projects / Q3") for Notion items, from the loaded set,
 * without holding the loaded set in memory.
 *
 * Search returns items in edit order, so a child often comes before its parent. Every item
 * loaded is recorded in the run's scratch space as `id -> {title, parent, search page}`. An item
 * whose ancestors are all recorded is emitted at once; the others are deferred (also to the
 * scratch space) and emitted after the last search page, when everything that will ever be
 * loaded is known. The alternative, fetching unknown ancestors one call each, costs up to one
 * call per container at 3 calls/s; deferral costs no provider call at all, one small key per
 * item in the store for the run's lifetime, and only changes the order items arrive in.
 *
 * Determinism: while searching, only ancestors recorded by this or earlier search pages count,
 * so re-reading a page from an older cursor makes the same emit/defer split (and rewrites the
 * same deferred chunk) even if later pages were read in between.
 *
 * Ancestors that never appear (trashed, not shared with the integration, or a block: Notion
 * reports a block id, and finding its page would cost a call per block) end the chain: an item
 * whose parent is not in the loaded set sits at the workspace root (parentId null).
 */
export const indexEntry = z.object({
  /** Title. */
  t: z.string(),
  /** Parent item id, or null for the workspace root (and for blocks, see above). */
  p: z.string().nullable(),
  /** Search page that recorded it. */
  g: z.number().int(),
});
export type IndexEntry = z.infer<typeof indexEntry>;

export const indexName = (id: string) => `n:${id}`;
const MAX_DEPTH = 32;

export interface Placement {
  parentId: string | null;
  /** Titles from the top ancestor down to the direct parent. */
  ancestors: string[];
}

/**
 * For each `[id, parentId]`, its placement, or 'pending' when an ancestor is not recorded yet
 * (only while searching: `upToPage` set). Reads the scratch space level by level: at most
 * depth rounds of concurrent reads.
 */
export async function place(
  nodes: ReadonlyArray<{ id: string; parent: string | null }>,
  scratch: Scratch,
  upToPage: number | null,
): Promise<Map<string, Placement | 'pending'>> {
  const known = new Map<string, IndexEntry | null>();
  const visible = (id: string) => {
    const entry = known.get(id);
    return entry && (upToPage === null || entry.g <= upToPage) ? entry : null;
  };
  const result = new Map<string, Placement | 'pending'>();
  for (let round = 0; round <= MAX_DEPTH; round++) {
    const wanted = new Set<string>();
    for (const node of nodes) {
      if (result.has(node.id)) continue;
      const walk = climb(node.parent, visible, known);
      if (walk.kind === 'need') wanted.add(walk.id);
      else result.set(node.id, walk.kind === 'pending' && upToPage !== null ? 'pending' : walk.placement);
    }
    if (wanted.size === 0) break;
    const found = await scratch.getMany([...wanted].map(indexName), indexEntry);
    for (const id of wanted) known.set(id, found.get(indexName(id)) ?? null);
  }
  for (const node of nodes) if (!result.has(node.id)) result.set(node.id, { parentId: null, ancestors: [] }); // a cycle
  return result;
}

type Walk = { kind: 'need'; id: string } | { kind: 'done' | 'pending'; placement: Placement };

/** Follows parents through what is known: done at the root, or names the next id to read. */
function climb(parent: string | null, visible: (id: string) => IndexEntry | null, known: Map<string, IndexEntry | null>): Walk {
  const titles: string[] = [];
  let directParent: string | null = null;
  let current = parent;
  for (let depth = 0; current !== null && depth < MAX_DEPTH; depth++) {
    if (!known.has(current)) return { kind: 'need', id: current };
    const entry = visible(current);
    if (!entry) {
      // Not (yet) loaded: the chain ends here; while searching, wait for it to maybe appear.
      return { kind: 'pending', placement: { parentId: directParent, ancestors: titles.reverse() } };
    }
    if (depth === 0) directParent = current;
    titles.push(entry.t);
    current = entry.p;
  }
  return { kind: 'done', placement: { parentId: directParent, ancestors: titles.reverse() } };
}
