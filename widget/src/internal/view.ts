import { html, nothing, type TemplateResult } from 'lit';
import type { ConnectorController, ConnectorHost } from './controller.js';
import type { Announcement } from './announcer.js';
import { matches, renderData } from './data-view.js';
import { BRAND, button, providerName } from './parts.js';
import type { MessageKey, Translator } from './i18n.js';
import type { TreeView } from './tree-view.js';
import { toProviderId, type ConnectorError } from './types.js';

const value = (event: Event) => (event.target as HTMLInputElement).value;

// Whitespace between elements is layout to the template minifier (it goes): a space that is text
// (between a sentence and a badge, read out as a description) is written as a binding.

/** User or Organization: the message key is the property's name. */
const textField = (key: 'user' | 'org', host: ConnectorHost, t: Translator) =>
  html`<label part="field">${t.t(key)}
    <input part="input" data-focus=${key} autocomplete="off" .value=${host[key]} @input=${(e: Event) => (host[key] = value(e))} />
  </label>`;

/** One tile per offered provider: a radio named by the provider, described by what it reads. */
function renderTiles(host: ConnectorHost, flows: ConnectorController, t: Translator): TemplateResult | typeof nothing {
  if (!flows.offered.length) return nothing;
  return html`<fieldset part="providers">
    <legend>${t.t('integration')}</legend>
    ${flows.offered.map((info) => {
      const id = toProviderId(info.id);
      const mark = flows.marks.get(id);
      const notes: MessageKey[] = [];
      if (!info.configured) notes.push('notConfigured');
      if (mark) notes.push(mark === 'CONNECTED' ? 'markConnected' : 'markRevoked');
      if (info.sandbox) notes.push('sandbox');
      // A provider the widget has no sentence for gets the general one (`t` returns a missing key as is).
      const key = `reads_${id}` as MessageKey;
      const reads = t.t(key) === key ? t.t('reads_') : t.t(key);
      return html`<label part="provider">
        <input type="radio" name="provider" .checked=${id === host.provider} ?disabled=${!info.configured} aria-labelledby="n-${id}" aria-describedby="d-${id}" @change=${() => (host.provider = id)} />
        <span class="logo" style="background:${BRAND[id] ?? '#444'}" aria-hidden="true">${info.displayName.charAt(0)}</span>
        <span class="name" id="n-${id}">${info.displayName}</span>
        <span class="about" id="d-${id}">${reads} ${t.t('neverWrites')}${notes.map((key) => html`${' '}<span part="badge">${t.t(key)}</span>`)}</span>
      </label>`;
    })}
  </fieldset>`;
}

/** The connection as the consent page showed it: account name and id, and since when. */
function renderAccount(host: ConnectorHost, flows: ConnectorController, t: Translator): TemplateResult | typeof nothing {
  const credentials = flows.credentials;
  if (!credentials) return nothing;
  const { account, connectedAt } = credentials;
  const label = t.t('account', { provider: providerName(host, flows) });
  return html`<section part="account" aria-label=${label}>
    <dl>
      <dt class="vh">${label}</dt>
      <dd class="name">${flows.accountName}</dd>
      <dt>${t.t('accountId')}</dt>
      <dd>${account.id}</dd>
      <dt>${t.t('connectedSince')}</dt>
      <dd><time datetime=${connectedAt}>${t.date(connectedAt)}</time></dd>
    </dl>
  </section>`;
}

function renderActions(host: ConnectorHost, flows: ConnectorController, t: Translator): TemplateResult | TemplateResult[] {
  const { state, credentials } = flows;
  /** A button that runs the flow of its name (its label's key, and its focus key). */
  const act = (name: 'retry' | 'connect' | 'disconnect' | 'cancel' | 'load' | 'focusPopup', primary = false, disabled = false) =>
    button(t.t(name), () => void flows[name](), name, primary, disabled);
  const retry = act('retry', true);
  if (flows.providersError) return retry;
  const connect = act('connect', true, !flows.ready || (state.kind === 'idle' && !!state.checking));
  const revoked = state.kind === 'reconnect-required';
  const reconnect = button(t.t(revoked ? 'reconnectAccount' : 'reconnect', { account: flows.accountName }), () => flows.connect(), 'connect', revoked);
  const disconnect = act('disconnect');
  const cancel = act('cancel');
  switch (state.kind) {
    case 'connecting':
      if (state.blocked) return [button(t.t('retry'), () => flows.connect(false), 'retry', true), button(t.t('redirect'), () => flows.connect(true), 'redirect')];
      return host.mode === 'redirect' ? cancel : [act('focusPopup', true), cancel];
    case 'loading':
      return cancel;
    case 'reconnect-required':
      return credentials ? [reconnect, disconnect] : connect;
    case 'error':
      if (!credentials) return state.error.action === 'check' ? [retry, connect] : connect;
    // falls through: with a connection the account's actions stay, and Load data retries a load.
    case 'connected':
    case 'loaded':
      return [act('load', true), reconnect, disconnect];
    default:
      return connect;
  }
}

/** The visible status line (the live region says it too, see `announcement`). */
export function statusText(host: ConnectorHost, flows: ConnectorController, t: Translator): string {
  const { state, credentials } = flows;
  const notice = flows.notice ? t.t(flows.notice) : '';
  const account = credentials ? t.t('connected', { account: flows.accountName }) : '';
  const provider = providerName(host, flows);
  if (flows.providersError) return '';
  switch (state.kind) {
    case 'idle':
      return state.checking ? t.t('checking') : notice;
    case 'connecting':
      return state.blocked ? '' : t.t('connecting', { provider });
    case 'loading': {
      const count = t.number(state.data.items.length);
      if (state.waitUntil) return t.t('waiting', { provider, count, seconds: Math.max(1, Math.ceil((state.waitUntil - Date.now()) / 1000)) });
      return state.data.total === null ? t.t('loading', { count }) : t.t('loadingOf', { count, total: t.number(state.data.total) });
    }
    case 'loaded':
      return [account, t.t('loaded', { count: t.number(state.data.items.length) }), notice].filter(Boolean).join('. ');
    case 'reconnect-required':
      return t.t('revoked', { account: credentials ? flows.accountName : provider });
    default:
      return [account, notice].filter(Boolean).join('. ');
  }
}

/** The error on screen: the endpoint's (nothing works without it), else the last failed action's. */
const currentError = ({ providersError, state }: ConnectorController): ConnectorError | null | undefined =>
  providersError ?? (state.kind === 'error' ? state.error : state.kind === 'connecting' ? state.blocked : null);

/** The whole shadow DOM, derived from the state only: no state is kept in the template. */
export function renderConnector(host: ConnectorHost, flows: ConnectorController, tree: TreeView): TemplateResult {
  const t = host.translator;
  return html`<div part="base">
    <slot></slot>
    ${host.sessionToken ? nothing : html`<div class="row" part="form">${textField('user', host, t)}${textField('org', host, t)}</div>`}
    ${renderTiles(host, flows, t)} ${renderAccount(host, flows, t)}
    <div class="row" part="actions">${renderActions(host, flows, t)}</div>
    <p part="status">${statusText(host, flows, t)}</p>
    <div part="live" role="status" class="vh"></div>
    <div part="error" role="alert">${currentError(flows)?.message ?? ''}</div>
    ${renderData(host, flows, tree, t)}
  </div>`;
}

/** What the live region says for the current state (see Announcer for the pacing). */
export function announcement(host: ConnectorHost, flows: ConnectorController, tree: TreeView): Announcement {
  const t = host.translator;
  const { state } = flows;
  if (state.kind === 'loading') return { key: 'loading', text: statusText(host, flows, t), pace: 'throttle' };
  if (state.kind === 'loaded' && tree.filter.trim()) return { key: 'filter', text: matches(tree, t), pace: 'debounce' };
  return { key: `${state.kind}:${flows.notice}`, text: statusText(host, flows, t) };
}
