import { html, nothing, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import type { Translator } from './i18n.js';
import { ROW_HEIGHT } from './styles.js';
import { indexItems, visibleRows, type ItemIndex, type Row } from './tree.js';
import type { Item } from './types.js';

/** Rows rendered above and below the viewport, so fast scrolling does not flash blank space. */
const OVERSCAN = 6;
/** Typed characters within this long form one typeahead prefix. */
const TYPEAHEAD_MS = 1000;

/**
 * A windowed ARIA tree: only the rows in view (plus a few) are in the DOM, so 10,000 items scroll as
 * smoothly as 10. Hand-written instead of @lit-labs/virtualizer because every row has the same height,
 * which makes windowing a division, and the virtualizer alone would cost about half the size budget.
 * Keyboard: the WAI-ARIA tree pattern (arrows, Home/End, PageUp/PageDown, Enter and Space open or
 * close a folder, Enter opens any other item in the provider, `*` opens a folder's siblings,
 * typing jumps to the next item whose name starts with what was typed). A click on a row toggles
 * its folder; "open in the provider" is a link of its own.
 */
export class TreeView implements ReactiveController {
  #items: readonly Item[] = [];
  #index: ItemIndex = indexItems([]);
  #expanded = new Set<string>();
  #filterText = '';
  #rowsCache: Row[] | null = null;
  #scrollTop = 0;
  #viewport = 320;
  #activeId: string | null = null;
  #focusPending = false;
  #typed = '';
  #typedAt = 0;

  readonly #host: ReactiveControllerHost & HTMLElement;

  constructor(host: ReactiveControllerHost & HTMLElement) {
    this.#host = host;
    host.addController(this);
  }

  get filter(): string {
    return this.#filterText;
  }

  set filter(value: string) {
    this.#filterText = value;
    this.#rowsCache = null;
    this.#scrollTop = 0;
    this.#host.requestUpdate();
  }

  get rows(): Row[] {
    return (this.#rowsCache ??= visibleRows(this.#index, this.#expanded, this.#filterText));
  }

  get total(): number {
    return this.#items.length;
  }

  /** Items of the same connection (a load growing page by page, a reload): open folders, filter and scroll stay. */
  setItems(items: readonly Item[]): void {
    if (items === this.#items) return;
    this.#items = items;
    this.#index = indexItems(items);
    this.#rowsCache = null;
  }

  /** Another connection: start collapsed, unfiltered, at the top. */
  reset(): void {
    this.setItems([]);
    this.#expanded.clear();
    this.#filterText = '';
    this.#scrollTop = 0;
    this.#activeId = null;
  }

  hostUpdated(): void {
    const tree = this.#host.shadowRoot?.querySelector<HTMLElement>('[role=tree]');
    if (!tree) return;
    if (Math.abs(tree.scrollTop - this.#scrollTop) > 1) tree.scrollTop = this.#scrollTop;
    if (this.#focusPending) {
      this.#focusPending = false;
      tree.querySelector<HTMLElement>('[tabindex="0"]')?.focus();
    }
  }

  #toggle(...rows: Row[]): void {
    for (const row of rows) {
      if (row.expanded) this.#expanded.delete(row.item.id);
      else this.#expanded.add(row.item.id);
    }
    this.#rowsCache = null;
    this.#host.requestUpdate();
  }

  #moveTo(target: number): void {
    const rows = this.rows;
    const index = Math.max(0, Math.min(rows.length - 1, target));
    this.#activeId = rows[index]?.item.id ?? null;
    const top = index * ROW_HEIGHT;
    if (top < this.#scrollTop) this.#scrollTop = top;
    else if (top + ROW_HEIGHT > this.#scrollTop + this.#viewport) this.#scrollTop = top + ROW_HEIGHT - this.#viewport;
    this.#focusPending = true;
    this.#host.requestUpdate();
  }

  #onScroll = (event: Event): void => {
    const tree = event.currentTarget as HTMLElement;
    this.#scrollTop = tree.scrollTop;
    this.#viewport = tree.clientHeight || this.#viewport;
    this.#host.requestUpdate();
  };

  /** The row an event happened on: keys act on the focused row, wherever focus came from (a click, a screen reader). */
  #rowIndex(event: Event): number {
    return Number((event.target as HTMLElement).closest<HTMLElement>('[data-i]')?.dataset.i ?? -1);
  }

  /** The next row after `at` (wrapping) whose name starts with `prefix`, or `at`. */
  #find(prefix: string, at: number): number {
    const rows = this.rows;
    for (let step = 1; step <= rows.length; step++) {
      const i = (at + step) % rows.length;
      if (rows[i]!.item.name.toLowerCase().startsWith(prefix)) return i;
    }
    return at;
  }

  #onKeyDown = (event: KeyboardEvent): void => {
    const rows = this.rows;
    const at = this.#rowIndex(event);
    const row = rows[at];
    if (!row || event.altKey || event.ctrlKey || event.metaKey) return;
    const page = Math.max(1, Math.floor(this.#viewport / ROW_HEIGHT) - 1);
    const { key } = event;
    const moves: Record<string, number> = {
      ArrowDown: at + 1,
      ArrowUp: at - 1,
      PageDown: at + page,
      PageUp: at - page,
      Home: 0,
      End: rows.length,
    };
    let next = moves[key] ?? at;
    // A space right after typed letters belongs to the name being typed ("folder 2"), not a toggle.
    const typing = key.length === 1 && (key !== ' ' || event.timeStamp - this.#typedAt < TYPEAHEAD_MS);
    if (key === 'ArrowRight') {
      if (row.expanded) next++;
      else if (row.expandable) this.#toggle(row);
    } else if (key === 'ArrowLeft') {
      // Collapse, or go to the parent: the nearest row above with a smaller level.
      if (row.expanded) this.#toggle(row);
      else if (row.level > 1) while (rows[--next]!.level >= row.level);
    } else if (key === 'Enter' || (key === ' ' && !typing)) {
      if (row.expandable) this.#toggle(row);
      else if (key === 'Enter' && row.item.url) window.open(row.item.url, '_blank', 'noopener');
    } else if (key === '*') {
      // Every closed folder at this row's level under the same parent.
      const siblings = rows.filter(
        (other) => other.level === row.level && other.parentId === row.parentId && other.expandable && !other.expanded,
      );
      this.#toggle(...siblings);
    } else if (typing) {
      const now = event.timeStamp;
      this.#typed = now - this.#typedAt < TYPEAHEAD_MS ? this.#typed + key.toLowerCase() : key.toLowerCase();
      this.#typedAt = now;
      // A repeated first letter cycles; a longer prefix refines from the current row.
      next = this.#find(this.#typed, this.#typed.length > 1 ? at - 1 : at);
    } else if (!(key in moves)) return;
    event.preventDefault();
    this.#moveTo(next);
  };

  #onClick = (event: MouseEvent): void => {
    const row = this.rows[this.#rowIndex(event)];
    if (!row) return;
    this.#activeId = row.item.id;
    if (row.expandable && !(event.target as HTMLElement).closest('a')) this.#toggle(row);
    this.#host.requestUpdate();
  };

  render(t: Translator, provider: string): TemplateResult {
    const rows = this.rows;
    if (!rows.length) return html`<p part="empty">${t.t(this.#filterText.trim() ? 'noMatch' : 'empty')}</p>`;
    const first = Math.max(0, Math.floor(this.#scrollTop / ROW_HEIGHT) - OVERSCAN);
    const last = Math.min(rows.length, Math.ceil((this.#scrollTop + this.#viewport) / ROW_HEIGHT) + OVERSCAN);
    const activeShown = rows.slice(first, last).some((row) => row.item.id === this.#activeId);
    const tabbable = activeShown ? this.#activeId : rows[first]?.item.id;
    const rendered: TemplateResult[] = [];
    for (let i = first; i < last; i++) {
      const row = rows[i];
      if (row) rendered.push(this.#renderRow(row, i, row.item.id === tabbable, t, provider));
    }
    return html`<div
      part="tree"
      role="tree"
      aria-label=${t.t('items')}
      @scroll=${this.#onScroll}
      @keydown=${this.#onKeyDown}
      @click=${this.#onClick}
    >
      <div style="height:${rows.length * ROW_HEIGHT}px">${rendered}</div>
    </div>`;
  }

  /** The item's name with the filter's match marked. */
  #title(name: string): TemplateResult | string {
    const needle = this.#filterText.trim().toLowerCase();
    const at = needle ? name.toLowerCase().indexOf(needle) : -1;
    return at < 0
      ? name
      : html`${name.slice(0, at)}<mark part="match">${name.slice(at, at + needle.length)}</mark>${name.slice(at + needle.length)}`;
  }

  #renderRow(row: Row, i: number, tabbable: boolean, t: Translator, provider: string): TemplateResult {
    const { item } = row;
    const modified = item.lastModifiedTime ? t.date(item.lastModifiedTime) : '';
    const filtered = !!this.#filterText.trim();
    return html`<div
      part="item"
      role="treeitem"
      data-i=${i}
      tabindex=${tabbable ? 0 : -1}
      aria-level=${row.level}
      aria-posinset=${row.position}
      aria-setsize=${row.siblings}
      aria-expanded=${row.expandable ? String(row.expanded) : nothing}
      style="top:${i * ROW_HEIGHT}px;padding-left:${(row.level - 1) * 1.25}rem"
    >
      <span class="twisty" aria-hidden="true">${row.expandable ? (row.expanded ? '▾' : '▸') : ''}</span>
      <span part="item__title">${this.#title(item.name)}</span>
      ${filtered && item.parentPathOrName ? html`<span class="meta" part="item__path">${item.parentPathOrName}</span>` : nothing}
      <span class="meta" part="item__type">${t.typeName(item.type)}</span>
      ${modified ? html`<time class="meta" part="item__date" datetime=${item.lastModifiedTime ?? ''}>${t.t('modified', { date: modified })}</time>` : nothing}
      ${
        item.url
          ? html`<a
              part="item__open"
              href=${item.url}
              target="_blank"
              rel="noreferrer"
              tabindex="-1"
              aria-label=${t.t('openIn', { name: item.name, provider })}
              >↗</a
            >`
          : nothing
      }
    </div>`;
  }
}
