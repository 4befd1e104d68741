import { html, nothing, type TemplateResult } from 'lit';
import type { ConnectorController, ConnectorHost, ProviderInfo } from './controller.js';
import type { Translator } from './i18n.js';
import type { TreeView } from './tree-view.js';
import { toProviderId } from './types.js';

/** What the template reads: the element's public properties (which the form also writes) and its parts. */
export interface ViewHost extends ConnectorHost {
  providers: readonly string[] | undefined;
}

const value = (event: Event) => (event.target as HTMLInputElement | HTMLSelectElement).value;

const button = (label: string, onClick: () => void, focusKey: string, primary = false, disabled = false) =>
  html`<button part="button" class=${primary ? 'primary' : ''} data-focus=${focusKey} ?disabled=${disabled} @click=${onClick}>${label}</button>`;

const textField = (label: string, key: 'user' | 'org', host: ViewHost) =>
  html`<label part="field">${label}
    <input part="input" data-focus=${key} autocomplete="off" .value=${host[key]} @input=${(e: Event) => (host[key] = value(e))} />
  </label>`;

function providerLabel(info: ProviderInfo, t: Translator): string {
  const marks = [info.sandbox ? t.t('sandbox') : '', info.configured ? '' : t.t('notConfigured')].filter(Boolean);
  return marks.length ? `${info.displayName} (${marks.join(', ')})` : info.displayName;
}

function renderForm(host: ViewHost, flows: ConnectorController, t: Translator): TemplateResult {
  const offered = (flows.providers ?? []).filter((info) => !host.providers || host.providers.includes(toProviderId(info.id)));
  return html`<div class="row" part="form">
    ${host.sessionToken ? nothing : [textField(t.t('user'), 'user', host), textField(t.t('org'), 'org', host)]}
    <label part="field">${t.t('integration')}
      <select part="select" @change=${(e: Event) => (host.provider = value(e))}>
        <option value="" ?selected=${!host.provider}>${t.t('choose')}</option>
        ${offered.map((info) => {
          const id = toProviderId(info.id);
          return html`<option value=${id} ?selected=${id === host.provider} ?disabled=${!info.configured}>${providerLabel(info, t)}</option>`;
        })}
      </select>
    </label>
  </div>`;
}

function renderActions(flows: ConnectorController, { t }: Translator): TemplateResult | TemplateResult[] {
  const { state } = flows;
  const connect = button(t('connect'), () => flows.connect(), 'connect', true, !flows.ready || (state.kind === 'idle' && !!state.checking));
  const disconnect = button(t('disconnect'), () => void flows.disconnect(), 'disconnect');
  const connection = [button(t('load'), () => flows.load(), 'load', true), disconnect];
  const cancel = button(t('cancel'), () => flows.cancel(), 'cancel');
  switch (state.kind) {
    case 'connecting':
      return state.blocked
        ? [button(t('retry'), () => flows.connect(false), 'retry', true), button(t('redirect'), () => flows.connect(true), 'redirect')]
        : cancel;
    case 'connected':
    case 'loaded':
      return connection;
    case 'loading':
      return cancel;
    case 'reconnect-required':
      return state.credentials ? [connect, disconnect] : connect;
    case 'error':
      return state.credentials ? connection : connect;
    default:
      return connect;
  }
}

function statusText(host: ViewHost, flows: ConnectorController, t: Translator): string {
  const { state, credentials } = flows;
  const notice = flows.notice ? t.t(flows.notice) : '';
  const account = credentials ? t.t('connected', { account: credentials.account.name ?? credentials.account.id }) : '';
  switch (state.kind) {
    case 'idle':
      return state.checking ? t.t('checking') : notice;
    case 'connecting': {
      const info = flows.providers?.find((p) => toProviderId(p.id) === host.provider);
      return state.blocked ? '' : t.t('connecting', { provider: info?.displayName ?? host.provider });
    }
    case 'loading':
      return t.t('loading', { count: t.number(state.items.length) });
    case 'loaded':
      return `${account}. ${t.t('loaded', { count: t.number(state.items.length) })}`;
    case 'reconnect-required':
      return t.t('reconnect');
    default:
      return [account, notice].filter(Boolean).join('. ');
  }
}

function errorText({ state }: ConnectorController, t: Translator): TemplateResult | typeof nothing {
  const error =
    state.kind === 'error' ? state.error : state.kind === 'connecting' && state.blocked ? { code: 'POPUP_BLOCKED' as const, message: t.errorMessage('POPUP_BLOCKED') } : null;
  return error ? html`${error.message} <code>${error.code}</code>` : nothing;
}

function renderData(flows: ConnectorController, tree: TreeView, t: Translator): TemplateResult | typeof nothing {
  const { state } = flows;
  if (state.kind === 'loading') return html`<progress part="progress" aria-label=${t.t('load')}></progress>`;
  if (state.kind !== 'loaded') return nothing;
  tree.setItems(state.items);
  return html`<div class="row" part="toolbar">
      <label part="field">${t.t('filter')}
        <input part="input filter" type="search" data-focus="filter" .value=${tree.filter} @input=${(e: Event) => (tree.filter = value(e))} />
      </label>
      ${button(t.t('clear'), () => flows.clear(), 'clear')}
    </div>
    ${tree.render(t)}`;
}

/** The whole shadow DOM, derived from the state only: no state is kept in the template. */
export function renderConnector(host: ViewHost, flows: ConnectorController, tree: TreeView): TemplateResult {
  const t = host.translator;
  return html`<div part="base">
    <slot></slot>
    ${renderForm(host, flows, t)}
    <div class="row" part="actions">${renderActions(flows, t)}</div>
    <div part="status" role="status" aria-live="polite">${statusText(host, flows, t)}</div>
    <div part="error" role="alert">${errorText(flows, t)}</div>
    ${renderData(flows, tree, t)}
  </div>`;
}
