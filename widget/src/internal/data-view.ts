import { html, nothing, type TemplateResult } from 'lit';
import type { ConnectorController, ConnectorHost } from './controller.js';
import type { Translator } from './i18n.js';
import type { TreeView } from './tree-view.js';
import { button, providerName } from './parts.js';

/**
 * The items: shown as they arrive while loading (browse while loading), kept after a failed reload
 * (marked stale), with a filter that says how many match.
 */
export function renderData(
  host: ConnectorHost,
  flows: ConnectorController,
  tree: TreeView,
  t: Translator,
): TemplateResult | typeof nothing {
  const { state } = flows;
  const data = flows.data;
  const loading = state.kind === 'loading';
  const progress = loading
    ? html`<progress
        part="progress"
        aria-label=${t.t('load')}
        max=${state.data.total ?? nothing}
        value=${state.data.total === null ? nothing : state.data.items.length}
      ></progress>`
    : nothing;
  if (!data || (!data.items.length && loading)) return progress;
  tree.setItems(data.items);
  const filtering = !!tree.filter.trim();
  const provider = providerName(host, flows);
  return html`${progress}
    <div class="row" part="toolbar">
      <label part="field"
        >${t.t('filter')}
        <input
          part="input filter"
          type="search"
          data-focus="filter"
          .value=${tree.filter}
          @input=${(e: Event) => (tree.filter = (e.target as HTMLInputElement).value)}
        />
      </label>
      ${filtering ? button(t.t('clearFilter'), () => ((tree.filter = ''), (flows.focusTarget = 'filter')), 'clear-filter') : nothing}
      ${filtering ? html`<span part="count">${matches(tree, t)}</span>` : nothing}
    </div>
    ${data.incomplete ? html`<p part="note">${t.t('incomplete', { provider })}</p>` : nothing}
    ${state.kind === 'error' ? html`<p part="note">${t.t('stale')}</p>` : nothing} ${tree.render(t, provider)}`;
}

/** "124 of 13,003 match". */
export const matches = (tree: TreeView, t: Translator) =>
  t.t('matches', { count: t.number(tree.rows.length), total: t.number(tree.total) });
