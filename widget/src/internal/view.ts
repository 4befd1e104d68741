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
  html`<label part="field"
    >${t.t(key)}
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
        <input
          type="radio"
          name="provider"
          .checked=${id === host.provider}
          ?disabled=${!info.configured}
          aria-labelledby="n-${id}"
          aria-describedby="d-${id}"
          @change=${() => (host.provider = id)}
        />
        <span class="logo" style="background:${BRAND[id] ?? '#444'}" aria-hidden="true">${info.displayName.charAt(0)}</span>
        <span class="name" id="n-${id}">${info.displayName}</span>
        <span class="about" id="d-${id}"
          >${reads} ${t.t('neverWrites')}${notes.map((key) => html`${' '}<span part="badge">${t.t(key)}</span>`)}</span
        >
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

type Actions = TemplateResult | TemplateResult[];

/**
 * What the state says (the visible status line; the live region says it too, see `announcement`)
 * and which actions it offers.
 */
export function stateView(host: ConnectorHost, flows: ConnectorController, t: Translator): [status: string, actions: Actions] {
  const { state, credentials } = flows;
  /** A button that runs the flow of its name (its label's key, and its focus key). */
  const act = (name: 'retry' | 'connect' | 'disconnect' | 'cancel' | 'load' | 'focusPopup', primary = false, disabled = false) =>
    button(t.t(name), () => void flows[name](), name, primary, disabled);
  const retry = act('retry', true);
  if (flows.providersError) return ['', retry];
  const notice = flows.notice ? t.t(flows.notice) : '';
  const provider = providerName(host, flows);
  const account = flows.accountName;
  /** "Connected to <account>", what else there is to say, and the notice. */
  const summary = (...more: string[]) => [credentials && t.t('connected', { account }), ...more, notice].filter(Boolean).join('. ');
  const connect = act('connect', true, !flows.ready || (state.kind === 'idle' && !!state.checking));
  const revoked = state.kind === 'reconnect-required';
  const reconnect = button(t.t(revoked ? 'reconnectAccount' : 'reconnect', { account }), () => flows.connect(), 'connect', revoked);
  const disconnect = act('disconnect');
  const cancel = act('cancel');
  // With a connection the account's actions stay, and Load data retries a failed load.
  const accountActions = [act('load', true), reconnect, disconnect];
  switch (state.kind) {
    case 'idle':
      return [state.checking ? t.t('checking') : notice, connect];
    case 'connecting':
      if (state.blocked)
        return [
          '',
          [button(t.t('retry'), () => flows.connect(false), 'retry', true), button(t.t('redirect'), () => flows.connect(true), 'redirect')],
        ];
      return [t.t('connecting', { provider }), host.mode === 'redirect' ? cancel : [act('focusPopup', true), cancel]];
    case 'loading': {
      const count = t.number(state.data.items.length);
      const { waitUntil } = state;
      return [
        waitUntil
          ? t.t('waiting', { provider, count, seconds: Math.max(1, Math.ceil((waitUntil - Date.now()) / 1000)) })
          : state.data.total === null
            ? t.t('loading', { count })
            : t.t('loadingOf', { count, total: t.number(state.data.total) }),
        cancel,
      ];
    }
    case 'loaded':
      return [summary(t.t('loaded', { count: t.number(state.data.items.length) })), accountActions];
    case 'reconnect-required':
      return [t.t('revoked', { account: credentials ? account : provider }), credentials ? [reconnect, disconnect] : connect];
    case 'error':
      return [summary(), credentials ? accountActions : state.error.action === 'check' ? [retry, connect] : connect];
    default:
      return [summary(), accountActions];
  }
}

/** The error on screen: the endpoint's (nothing works without it), else the last failed action's. */
const currentError = ({ providersError, state }: ConnectorController): ConnectorError | null | undefined =>
  providersError ?? (state.kind === 'error' ? state.error : state.kind === 'connecting' ? state.blocked : null);

/** The whole shadow DOM, derived from the state only: no state is kept in the template. */
export function renderConnector(host: ConnectorHost, flows: ConnectorController, tree: TreeView): TemplateResult {
  const t = host.translator;
  const [status, actions] = stateView(host, flows, t);
  return html`<div part="base">
    <slot></slot>
    ${host.sessionToken ? nothing : html`<div class="row" part="form">${textField('user', host, t)}${textField('org', host, t)}</div>`}
    ${renderTiles(host, flows, t)} ${renderAccount(host, flows, t)}
    <div class="row" part="actions">${actions}</div>
    <p part="status">${status}</p>
    <div part="live" role="status" class="vh"></div>
    <div part="error" role="alert">${currentError(flows)?.message ?? ''}</div>
    ${renderData(host, flows, tree, t)}
  </div>`;
}

/** What the live region says for the current state (see Announcer for the pacing). */
export function announcement(host: ConnectorHost, flows: ConnectorController, tree: TreeView): Announcement {
  const t = host.translator;
  const { state } = flows;
  const [status] = stateView(host, flows, t);
  if (state.kind === 'loading') return { key: 'loading', text: status, pace: 'throttle' };
  if (state.kind === 'loaded' && tree.filter.trim()) return { key: 'filter', text: matches(tree, t), pace: 'debounce' };
  return { key: `${state.kind}:${flows.notice}`, text: status };
}
