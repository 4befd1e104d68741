import { LitElement, type PropertyDeclarations, type PropertyValues } from 'lit';
import { ConnectorController } from './internal/controller.js';
import { effectiveLang, loadLanguage, translator, type Strings, type Translator } from './internal/i18n.js';
import { takeReturnedAttempt, type ReturnedAttempt } from './internal/redirect.js';
import { styles } from './internal/styles.js';
import { TreeView } from './internal/tree-view.js';
import type { ProviderId, StateKind } from './internal/types.js';
import { Announcer } from './internal/announcer.js';
import { announcement, renderConnector } from './internal/view.js';

/** `"hubspot, notion"` → `['hubspot', 'notion']`: only narrows what the server offers. */
const providerList = (value: string | null): ProviderId[] | undefined =>
  value === null
    ? undefined
    : (value
        .toLowerCase()
        .split(/[\s,]+/)
        .filter(Boolean) as ProviderId[]);

/** Properties whose change means "another connection": everything about the old one is dropped. */
const IDENTITY_KEYS = ['endpoint', 'sessionToken', 'user', 'org', 'provider'] as const;

/**
 * Lets a user connect HubSpot, Airtable or Notion by OAuth2 (in a popup, or a full-page redirect) and
 * browse the connected data as a tree. Talks to an integration-connector GraphQL server at `endpoint`;
 * the providers it offers come from the server's `providers` query.
 *
 * @summary Connect a HubSpot, Airtable or Notion account and browse its data.
 *
 * @attr {string} lang - Language of the messages (en, de, fr, es; others fall back to en). Default: the nearest `lang` up the tree, then the browser's.
 *
 * @slot - Content shown above the form, e.g. a heading or help text.
 *
 * @event {CustomEvent<IcConnectDetail>} ic-connect - A connection was made: `{ provider, account: { id, name } }`.
 * @event {CustomEvent<IcDisconnectDetail>} ic-disconnect - The user disconnected: `{ provider }`.
 * @event {CustomEvent<IcProgressDetail>} ic-progress - A load advanced or waits for the provider's rate limit: `{ provider, count, total, waitSeconds }`.
 * @event {CustomEvent<IcLoadDetail>} ic-load - Loading finished: `{ provider, count }`.
 * @event {CustomEvent<IcRedirectDetail>} ic-redirect - Redirect mode is about to leave the page for the consent: `{ provider, url }`. Cancelable: `preventDefault()` and navigate yourself (e.g. in a webview).
 * @event {CustomEvent<IcErrorDetail>} ic-error - Something failed: `{ code, message }`; `code` is the server's `ErrorCode` or NETWORK_ERROR, POPUP_BLOCKED, DENIED, EXPIRED (the code is only here: people see `message`).
 *
 * @csspart base - The widget's frame.
 * @csspart form - The row with the User and Organization fields (not in signed mode).
 * @csspart field - A label with its control.
 * @csspart input - A text field (User, Organization, Filter).
 * @csspart filter - The filter text field.
 * @csspart providers - The group of provider tiles ("Integration").
 * @csspart provider - One provider tile.
 * @csspart badge - A mark on a tile: connected, needs reconnecting, sandbox, not set up.
 * @csspart account - The connected account: name, id, connected since.
 * @csspart actions - The row of action buttons.
 * @csspart button - Any button.
 * @csspart status - The visible status line.
 * @csspart live - The polite live region (visually hidden) that announces the status.
 * @csspart error - The alert with what failed and what to do.
 * @csspart progress - The progress bar while loading.
 * @csspart toolbar - The filter box, Clear filter and the match count above the tree.
 * @csspart count - "124 of 13,003 match".
 * @csspart note - A note about the items (the provider cut them short; they are stale).
 * @csspart tree - The scrollable item tree.
 * @csspart item - One row of the tree.
 * @csspart item__title - An item's name.
 * @csspart match - The part of a name that matches the filter.
 * @csspart item__path - A filtered item's parent path.
 * @csspart item__type - An item's type, translated.
 * @csspart item__date - When an item was last modified (a `<time>`).
 * @csspart item__open - The link that opens the item in the provider.
 * @csspart empty - The "no items" message.
 *
 * @cssprop [--ic-font=400 0.9375rem/1.4 system-ui, sans-serif] - Font shorthand.
 * @cssprop --ic-bg - Background colour.
 * @cssprop --ic-fg - Text colour.
 * @cssprop --ic-muted - Secondary text colour.
 * @cssprop --ic-border - Border colour of the frame, fields, tiles and tree.
 * @cssprop --ic-accent - Primary buttons, links, the chosen tile and the progress bar.
 * @cssprop --ic-on-accent - Text on accent-coloured buttons.
 * @cssprop --ic-danger - Error text and marker.
 * @cssprop [--ic-focus=var(--ic-accent)] - Focus ring colour.
 * @cssprop [--ic-radius=6px] - Corner radius.
 * @cssprop [--ic-gap=0.75rem] - Spacing between parts.
 * @cssprop [--ic-list-height=20rem] - Height of the item tree.
 */
export class IntegrationConnector extends LitElement {
  static override styles = styles;

  // Static declarations instead of decorators: they work the same under every compiler setting
  // (no decorator transform, no class-field semantics to get wrong).
  static override properties: PropertyDeclarations = {
    endpoint: {},
    user: {},
    org: {},
    provider: {},
    providers: { converter: { fromAttribute: providerList } },
    sessionToken: { attribute: 'session-token' },
    mode: {},
    theme: { reflect: true },
    strings: { attribute: false },
  };

  /** URL of the GraphQL endpoint; relative URLs resolve against the page. */
  declare endpoint: string;

  /** The host application's user id (ignored when `session-token` is set). */
  declare user: string;

  /** The host application's organization id (ignored when `session-token` is set). */
  declare org: string;

  /** The chosen provider: `hubspot`, `airtable` or `notion` (empty: none chosen yet). */
  declare provider: ProviderId | '';

  /** Narrows the providers the server offers, e.g. `"hubspot notion"`; all of them when unset. */
  declare providers: ProviderId[] | undefined;

  /** A signed session token. When set it is sent as `Authorization: Bearer` and the User and Organization fields are hidden. */
  declare sessionToken: string | undefined;

  /** `popup` (default) or `redirect`: a full-page redirect for mobile browsers and in-app webviews. */
  declare mode: 'popup' | 'redirect';

  /** `light`, `dark`, or `auto` (default: follows `prefers-color-scheme`). */
  declare theme: 'auto' | 'light' | 'dark';

  /** Overrides for any message, by key (see the docs); missing keys come from the `lang` catalogue. */
  declare strings: Partial<Strings>;

  constructor() {
    super();
    // Defaults assigned here, through Lit's accessors (a class field could shadow them).
    this.endpoint = '';
    this.user = '';
    this.org = '';
    this.provider = '';
    this.mode = 'popup';
    this.theme = 'auto';
    this.strings = {};
  }

  static override get observedAttributes(): string[] {
    return [...super.observedAttributes, 'lang'];
  }

  readonly #flows = new ConnectorController(this);
  readonly #tree = new TreeView(this);
  // A reactive controller: the element holds it through addController, this field only names it.
  // eslint-disable-next-line no-unused-private-class-members -- see above
  readonly #announcer = new Announcer(this, () => announcement(this, this.#flows, this.#tree));
  #countdown: ReturnType<typeof setTimeout> | undefined;
  #returned: ReturnedAttempt | undefined;

  /** The current state: idle, connecting, connected, loading, loaded, reconnect-required or error. */
  get state(): StateKind {
    return this.#flows.state.kind;
  }

  /**
   * The translator for the effective language (own `lang`, an ancestor's, the page's) and `strings`.
   * @internal
   */
  get translator(): Translator {
    return translator(effectiveLang(this), this.strings);
  }

  /** Renders only once the language's catalogue is here: nobody sees another language first. */
  protected override async scheduleUpdate(): Promise<void> {
    await loadLanguage(effectiveLang(this));
    void super.scheduleUpdate();
  }

  /** Starts connecting; call it from a click handler, or the popup will be blocked. */
  connect(): void {
    this.#flows.connect();
  }

  /** Loads all items, page by page. */
  load(): void {
    this.#flows.load();
  }

  /** Stops a running load or connection attempt. */
  cancel(): void {
    this.#flows.cancel();
  }

  /** Discards the loaded items, keeping the connection (the Clear filter button only clears the filter). */
  clear(): void {
    this.#flows.clear();
  }

  /** Disconnects the current provider. */
  disconnect(): Promise<void> {
    return this.#flows.disconnect();
  }

  override attributeChangedCallback(name: string, old: string | null, value: string | null): void {
    super.attributeChangedCallback(name, old, value);
    if (name === 'lang') this.requestUpdate();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.#takeReturnedAttempt();
    window.addEventListener('pageshow', this.#onPageShow);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('pageshow', this.#onPageShow);
    clearTimeout(this.#countdown);
  }

  /** Back from the consent page by the Back button, out of the back/forward cache: ask again. */
  #onPageShow = (event: PageTransitionEvent): void => {
    if (event.persisted && this.#takeReturnedAttempt()) this.#flows.reset(this.#returned);
  };

  /**
   * Back from a redirect-mode consent: restore who was connecting what. The attempt belongs to that
   * provider and identity, so they win over the page's static attributes (the user may have typed
   * another identity than the page's default before leaving).
   */
  #takeReturnedAttempt(): boolean {
    const returned = takeReturnedAttempt();
    if (!returned) return false;
    this.#returned = returned;
    const remembered = returned.remembered;
    if (remembered) this.provider = remembered.provider;
    if (remembered?.identity) {
      this.user = remembered.identity.userId;
      this.org = remembered.identity.orgId;
    }
    return true;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('endpoint')) void this.#flows.loadProviders();
    if (IDENTITY_KEYS.some((key) => changed.has(key))) {
      this.#tree.reset();
      this.#flows.reset(this.#returned);
      this.#returned = undefined;
    }
  }

  protected override updated(): void {
    const focus = this.#flows.focusTarget;
    if (focus) {
      this.#flows.focusTarget = null;
      this.shadowRoot!.querySelector<HTMLElement>(`[data-focus=${focus}]`)?.focus();
    }
    // Waiting for a provider's rate limit: the "about N s" countdown ticks.
    clearTimeout(this.#countdown);
    const { state } = this.#flows;
    if (state.kind === 'loading' && state.waitUntil) this.#countdown = setTimeout(() => this.requestUpdate(), 1000);
  }

  protected override render() {
    return renderConnector(this, this.#flows, this.#tree);
  }
}

if (!customElements.get('integration-connector')) customElements.define('integration-connector', IntegrationConnector);
