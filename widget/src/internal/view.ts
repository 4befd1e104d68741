import { html, nothing, type TemplateResult } from 'lit';
import type { ConnectorController, ProviderInfo } from './controller.js';
import type { Translator } from './i18n.js';
import type { TreeView } from './tree-view.js';
import { toProviderId } from './types.js';

/** What the template needs from the element. */
export interface ViewModel {
  user: string;
  org: string;
  provider: string;
  providers: readonly string[] | undefined;
  sessionToken: string | undefined;
  t: Translator;
  flows: ConnectorController;
  tree: TreeView;
  onUser(value: string): void;
  onOrg(value: string): void;
  onProvider(value: string): void;
}

const value = (event: Event) => (event.target as HTMLInputElement | HTMLSelectElement).value;

const button = (label: string, onClick: () => void, focusKey: string, primary = false, disabled = false) =>
  html`<button part="button" class=${primary ? 'primary' : ''} data-focus=${focusKey} ?disabled=${disabled} @click=${onClick}>${label}</button>`;

function providerLabel(info: ProviderInfo, t: Translator): string {
  const marks = [info.sandbox ? t.t('sandbox') : '', info.configured ? '' : t.t('notConfigured')].filter(Boolean);
  return marks.length ? `${info.displayName} (${marks.join(', ')})` : info.displayName;
}

function renderForm(vm: ViewModel): TemplateResult {
  const { t } = vm;
  const offered = (vm.flows.providers ?? []).filter((info) => !vm.providers || vm.providers.includes(toProviderId(info.id)));
  return html`<div class="row" part="form">
    ${vm.sessionToken
      ? nothing
      : html`<label part="field">${t.t('user')}
            <input part="input" data-focus="user" autocomplete="off" .value=${vm.user} @input=${(e: Event) => vm.onUser(value(e))} />
          </label>
          <label part="field">${t.t('org')}
            <input part="input" data-focus="org" autocomplete="off" .value=${vm.org} @input=${(e: Event) => vm.onOrg(value(e))} />
          </label>`}
    <label part="field">${t.t('integration')}
      <select part="select" @change=${(e: Event) => vm.onProvider(value(e))}>
        <option value="" ?selected=${!vm.provider}>${t.t('choose')}</option>
        ${offered.map((info) => {
          const id = toProviderId(info.id);
          return html`<option value=${id} ?selected=${id === vm.provider} ?disabled=${!info.configured}>${providerLabel(info, t)}</option>`;
        })}
      </select>
    </label>
  </div>`;
}

function renderActions(vm: ViewModel): TemplateResult {
  const { flows } = vm;
  const { t } = vm.t;
  const { state } = flows;
  const connect = button(t('connect'), () => flows.connect(), 'connect', true, !flows.ready || (state.kind === 'idle' && !!state.checking));
  const connection = [
    button(t('load'), () => flows.load(), 'load', true),
    button(t('disconnect'), () => void flows.disconnect(), 'disconnect'),
  ];
  switch (state.kind) {
    case 'connecting':
      return state.blocked
        ? html`${button(t('retry'), () => flows.connect(false), 'retry', true)}${button(t('redirect'), () => flows.connect(true), 'redirect')}`
        : button(t('cancel'), () => flows.cancel(), 'cancel');
    case 'connected':
    case 'loaded':
      return html`${connection}`;
    case 'loading':
      return button(t('cancel'), () => flows.cancel(), 'cancel');
    case 'reconnect-required':
      return html`${connect}${state.credentials ? connection[1] : nothing}`;
    case 'error':
      return state.credentials ? html`${connection}` : connect;
    default:
      return connect;
  }
}

function statusText(vm: ViewModel): string {
  const { flows, t } = vm;
  const { state } = flows;
  const notice = flows.notice ? t.t(flows.notice) : '';
  const account = flows.credentials ? t.t('connected', { account: flows.credentials.account.name ?? flows.credentials.account.id }) : '';
  switch (state.kind) {
    case 'idle':
      return state.checking ? t.t('checking') : notice;
    case 'connecting': {
      const info = flows.providers?.find((p) => toProviderId(p.id) === vm.provider);
      return state.blocked ? '' : t.t('connecting', { provider: info?.displayName ?? vm.provider });
    }
    case 'loading':
      return t.t('loading', { count: t.number(state.count) });
    case 'loaded':
      return `${account}. ${t.t('loaded', { count: t.number(state.items.length) })}`;
    case 'reconnect-required':
      return t.t('reconnect');
    default:
      return [account, notice].filter(Boolean).join('. ');
  }
}

function errorText(vm: ViewModel): TemplateResult | typeof nothing {
  const { state } = vm.flows;
  if (state.kind === 'connecting' && state.blocked) return html`${vm.t.errorMessage('POPUP_BLOCKED')} <code>POPUP_BLOCKED</code>`;
  if (state.kind !== 'error') return nothing;
  return html`${state.error.message} <code>${state.error.code}</code>`;
}

function renderData(vm: ViewModel): TemplateResult | typeof nothing {
  const { state } = vm.flows;
  const { t } = vm;
  if (state.kind === 'loading') return html`<progress part="progress" aria-label=${t.t('load')}></progress>`;
  if (state.kind !== 'loaded') return nothing;
  vm.tree.setItems(state.items);
  return html`<div class="row" part="toolbar">
      <label part="field">${t.t('filter')}
        <input part="input filter" type="search" data-focus="filter" .value=${vm.tree.filter} @input=${(e: Event) => (vm.tree.filter = value(e))} />
      </label>
      ${button(t.t('clear'), () => vm.flows.clear(), 'clear')}
    </div>
    ${vm.tree.render(t)}`;
}

/** The whole shadow DOM, derived from the state only: no state is kept in the template. */
export function renderConnector(vm: ViewModel): TemplateResult {
  return html`<div part="base">
    <slot></slot>
    ${renderForm(vm)}
    <div class="row" part="actions">${renderActions(vm)}</div>
    <div part="status" role="status" aria-live="polite">${statusText(vm)}</div>
    <div part="error" role="alert">${errorText(vm)}</div>
    ${renderData(vm)}
  </div>`;
}
