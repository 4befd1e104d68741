import type { ReactiveController } from 'lit';
import {
  ConnectAttemptDocument,
  ConnectDocument,
  ConnectionsDocument,
  CredentialsDocument,
  DisconnectDocument,
  LoadDocument,
  ProvidersDocument,
  type ConnectionStatus,
  type IdentityInput,
  type Provider,
} from '../generated/graphql.js';
import type { ConnectorHost, FocusTarget, ProviderInfo } from './host.js';
import { emit } from './events.js';
import { execute, RequestError, type ClientConfig } from './graphql-client.js';
import { announceConfirmed, confirmConsent, onConfirmedElsewhere } from './confirm.js';
import { MAX_SILENT_WAIT_S, runLoad } from './load-run.js';
import type { MessageKey } from './locales.js';
import { openBlankPopup, waitForPopup } from './popup.js';
import { rememberRedirect, type ReturnedAttempt } from './redirect.js';
import {
  toProvider,
  toProviderId,
  type AttemptOutcome,
  type ConnectorError,
  type ConnectorState,
  type Credentials,
  type FailedAction,
  type Loaded,
  type ProviderId,
  type WidgetErrorCode,
} from './types.js';

export type { ConnectorHost, FocusTarget, ProviderInfo } from './host.js';

const PAGE_SIZE = 200;
const CHECK_DELAY_MS = 250;
const NO_DATA: Loaded = { items: [], total: null, incomplete: false };

/** The state a connection's credentials put the widget in. */
const shown = (credentials: Credentials): ConnectorState => ({
  kind: credentials.status === 'RECONNECT_REQUIRED' ? 'reconnect-required' : 'connected',
  credentials,
});

/**
 * The flows (check, connect, load, disconnect) as one state machine. Every flow runs in an "epoch":
 * a reset (new provider, identity or endpoint) aborts the epoch's requests and bumps the counter, so a
 * late answer about the old user or provider can never land in the new state.
 */
export class ConnectorController implements ReactiveController {
  state: ConnectorState = { kind: 'idle' };
  /** A transient, non-error status line ("Connection cancelled."). */
  notice: MessageKey | null = null;
  providers: ProviderInfo[] | null = null;
  /** The `providers` query failed: the endpoint is unreachable or wrong. */
  providersError: ConnectorError | null = null;
  /** What `connections` (and `credentials`, for the chosen one) said per provider: the tiles' "connected" marks. */
  marks = new Map<ProviderId, ConnectionStatus>();
  focusTarget: FocusTarget | null = null;
  #epoch = 0;
  /** The epoch whose marks were asked for: providers and the first check both want them, once is enough. */
  #markedEpoch = -1;
  #abort = new AbortController();
  #checkTimer: ReturnType<typeof setTimeout> | undefined;
  #suspendTimer: ReturnType<typeof setTimeout> | undefined;
  #resumeOnConnect: (() => void) | null = null;
  #popup: Window | null = null;

  readonly #host: ConnectorHost;

  constructor(host: ConnectorHost) {
    this.#host = host;
    host.addController(this);
  }

  /**
   * Taken out of the document. A move (toast and portal libraries, framework re-parenting) puts the
   * element back before the next task: nothing is interrupted then. Left out longer, the running
   * flow stops (no requests for a detached element) and `hostConnected` picks it up again.
   */
  hostDisconnected(): void {
    clearTimeout(this.#suspendTimer);
    this.#suspendTimer = setTimeout(() => this.#suspend());
  }

  hostConnected(): void {
    clearTimeout(this.#suspendTimer);
    const resume = this.#resumeOnConnect;
    this.#resumeOnConnect = null;
    resume?.();
  }

  #suspend(): void {
    if (this.#host.isConnected) return;
    const { state } = this;
    clearTimeout(this.#checkTimer);
    this.#restart();
    // What was cut short starts again where it stood: a check checks again, a load goes on from
    // its cursor with the items it has, a consent in a popup is asked about again.
    if (state.kind === 'loading') this.#resumeOnConnect = () => this.#loadFrom(state.credentials, state.data, state.after, state.previous);
    else if ((state.kind === 'idle' && state.checking) || state.kind === 'connecting') this.#resumeOnConnect = () => void this.check();
  }

  get client(): ClientConfig {
    return { endpoint: new URL(this.#host.endpoint, location.href).href, token: this.#host.sessionToken };
  }

  get identity(): IdentityInput | undefined {
    return this.#host.sessionToken ? undefined : { userId: this.#host.user.trim(), orgId: this.#host.org.trim() };
  }

  #hasIdentity(): boolean {
    const { endpoint, sessionToken, user, org } = this.#host;
    return !!endpoint && (!!sessionToken || (!!user.trim() && !!org.trim()));
  }

  /** True when there is enough to talk about a connection: endpoint, provider and an identity. */
  get ready(): boolean {
    return !!this.#host.provider && this.#hasIdentity();
  }

  /** The server's providers, narrowed by the `providers` property when set. */
  get offered(): ProviderInfo[] {
    const only = this.#host.providers;
    return (this.providers ?? []).filter((info) => !only || only.includes(toProviderId(info.id)));
  }

  get credentials(): Credentials | null {
    return 'credentials' in this.state ? this.state.credentials : null;
  }

  /** The connected account as people know it: its name, else its id ('' without a connection). */
  get accountName(): string {
    const account = this.credentials?.account;
    return account ? (account.name ?? account.id) : '';
  }

  /** What is on screen: a load's items so far (or the previous run's until the first page), or the last result. */
  get data(): Loaded | undefined {
    const { state } = this;
    if (state.kind === 'loading') return state.data.items.length || !state.previous ? state.data : state.previous;
    return state.kind === 'loaded' || state.kind === 'error' ? state.data : undefined;
  }

  /** The variables that name a connection: the chosen provider (or another) and the identity. */
  #vars(provider: Provider = toProvider(this.#host.provider)) {
    return { provider, identity: this.identity };
  }

  #readCredentials(signal: AbortSignal, provider?: Provider): Promise<Credentials | null> {
    return execute(this.client, CredentialsDocument, this.#vars(provider), signal).then((data) => data.credentials);
  }

  #set(state: ConnectorState, notice: MessageKey | null = null, focus: FocusTarget | null = null): void {
    this.state = state;
    this.notice = notice;
    if (focus) this.focusTarget = focus;
    this.#host.requestUpdate();
  }

  /** Aborts whatever runs and starts a new epoch, keeping the current state. */
  #restart(): void {
    this.#abort.abort();
    this.#abort = new AbortController();
    this.#epoch++;
  }

  /** Runs a flow in the current epoch; failures of a finished epoch are dropped, others become state. */
  async #run(action: FailedAction, flow: (signal: AbortSignal, live: () => boolean) => Promise<void>, userStarted = true): Promise<void> {
    const epoch = this.#epoch;
    const signal = this.#abort.signal;
    try {
      await flow(signal, () => epoch === this.#epoch);
    } catch (error) {
      if (epoch === this.#epoch && !signal.aborted) this.#fail(action, error, userStarted);
    }
  }

  #error(action: FailedAction, cause: unknown): ConnectorError {
    const code: WidgetErrorCode = cause instanceof RequestError ? cause.code : 'INTERNAL_SERVER_ERROR';
    return { action, code, message: this.#host.translator.failure(action, code) };
  }

  /** Tells the host what failed (the code is only here: people see the message). */
  #report({ code, message }: ConnectorError): void {
    emit(this.#host, 'ic-error', { code, message });
  }

  /**
   * A failed action says so in its own words and keeps everything on screen (the connection, the
   * items, marked stale); focus stays where it was, on the control the user just used.
   */
  #fail(action: FailedAction, cause: unknown, userStarted: boolean): void {
    const { credentials, data } = this;
    const error = this.#error(action, cause);
    const revoked = error.code === 'RECONNECT_REQUIRED';
    // A load or consent had moved focus to its Cancel, gone now: back to the action's own button.
    const focus = !userStarted ? null : revoked ? 'connect' : action === 'load' || action === 'connect' ? action : null;
    this.#set(
      revoked
        ? { kind: 'reconnect-required', credentials }
        : { kind: 'error', error, credentials, ...(data?.items.length ? { data } : {}) },
      null,
      focus,
    );
    this.#report(error);
  }

  /** Provider, identity or endpoint changed: forget everything about the old pair, then look again. */
  reset(returned?: ReturnedAttempt): void {
    this.#resumeOnConnect = null;
    this.#restart();
    clearTimeout(this.#checkTimer);
    this.marks = new Map();
    this.#set({ kind: 'idle', checking: this.ready });
    if (returned) void this.#resume(returned);
    else if (this.#hasIdentity()) this.#checkTimer = setTimeout(() => void this.check(), CHECK_DELAY_MS);
  }

  /** Providers depend on the endpoint only, so identity resets do not drop this answer. */
  async loadProviders(): Promise<void> {
    const endpoint = this.#host.endpoint;
    this.providers = null;
    this.providersError = null;
    if (!endpoint) return;
    try {
      const { providers } = await execute(this.client, ProvidersDocument, {});
      if (endpoint !== this.#host.endpoint) return;
      this.providers = providers;
      this.#refreshMarks(this.#epoch);
    } catch (error) {
      if (endpoint !== this.#host.endpoint) return;
      this.#report((this.providersError = this.#error('providers', error)));
    }
    this.#host.requestUpdate();
  }

  /** Reads `credentials` and shows what the server knows; the other offered providers get their marks. */
  async check(notice: MessageKey | null = null, focus: FocusTarget | null = null): Promise<void> {
    this.#refreshMarks(this.#epoch);
    if (!this.ready) return void this.#set({ kind: 'idle' }, notice, focus);
    this.#set({ kind: 'idle', checking: true }, notice);
    const provider = this.#host.provider as ProviderId;
    await this.#run(
      'check',
      async (signal, live) => {
        const credentials = await this.#readCredentials(signal);
        if (!live()) return;
        this.#mark(provider, credentials?.status);
        this.#set(credentials ? shown(credentials) : { kind: 'idle' }, notice, focus);
      },
      !!focus,
    );
  }

  #mark(provider: ProviderId, status: ConnectionStatus | undefined): void {
    if (status) this.marks.set(provider, status);
    else this.marks.delete(provider);
    this.#host.requestUpdate();
  }

  /**
   * Marks are a hint, from one `connections` request for every provider but the chosen one (`check`
   * marks that): a failure leaves them unmarked, and an answer from an old epoch is dropped.
   */
  #refreshMarks(epoch: number): void {
    if (!this.#hasIdentity() || !this.offered.length || this.#markedEpoch === epoch) return;
    this.#markedEpoch = epoch;
    const { identity } = this;
    execute(this.client, ConnectionsDocument, identity ?? {}, this.#abort.signal).then(
      ({ connections }) => {
        if (epoch !== this.#epoch) return;
        const status = new Map(connections.edges.map(({ node }) => [toProviderId(node.provider), node.status]));
        for (const { id } of this.offered)
          if (toProviderId(id) !== this.#host.provider) this.#mark(toProviderId(id), status.get(toProviderId(id)));
      },
      () => {},
    ); // No marks.
  }

  /** The consent popup is still open somewhere behind the page: bring it to the front. */
  focusPopup(): void {
    this.#popup?.focus();
  }

  /**
   * Starts a consent attempt. The popup opens first, synchronously (see `openBlankPopup`); a second
   * click while an attempt runs is ignored, so double clicks never make two popups or two attempts.
   */
  connect(viaRedirect = this.#host.mode === 'redirect'): void {
    if ((this.state.kind === 'connecting' && !this.state.blocked) || !this.ready) return;
    const popup = viaRedirect ? null : openBlankPopup();
    this.#restart();
    if (!viaRedirect && !popup) {
      const blocked = this.#error('connect', new RequestError('POPUP_BLOCKED'));
      this.#set({ kind: 'connecting', blocked }, null, 'retry');
      return void this.#report(blocked);
    }
    this.#popup = popup;
    this.#set({ kind: 'connecting' }, null, 'cancel');
    void this.#run('connect', async (signal, live) => {
      try {
        // Redirect mode: the server sends the browser back here (with `ic_attempt`) after the consent.
        // Popup mode: here is also where the popup continues if it loses its opener (COOP); the
        // server takes at most 2,048 characters, and a popup can do without.
        const { href } = location;
        const variables = {
          ...this.#vars(),
          returnTo: popup && href.length > 2048 ? undefined : href,
          display: popup ? ('POPUP' as const) : undefined,
        };
        const { connect } = await execute(this.client, ConnectDocument, variables, signal);
        const { attemptId, authorizationUrl: url, expiresAt } = connect;
        if (!live()) return;
        if (!popup) {
          const provider = toProviderId(variables.provider);
          rememberRedirect({ attemptId, provider, identity: this.identity ?? null, expiresAt: Date.parse(expiresAt) });
          // A host (an in-app webview, say) may take over the navigation by cancelling the event.
          if (emit(this.#host, 'ic-redirect', { provider, url }, true)) location.assign(url);
          return;
        }
        popup.location.href = url;
        // Without its opener the popup confirms on a page of this origin, which tells this one.
        onConfirmedElsewhere(
          attemptId,
          expiresAt,
          () => live() && void this.#run('connect', (signal) => this.#finishAttempt({ status: 'CONNECTED' }, '', signal, live), false),
        );
        const outcome = await waitForPopup(popup, new URL(this.client.endpoint).origin, connect, signal, () =>
          this.#readAttempt(attemptId, signal),
        );
        if (live()) await this.#finishAttempt(outcome, attemptId, signal, live);
      } catch (error) {
        popup?.close();
        throw error;
      } finally {
        if (!live()) popup?.close();
        if (this.#popup === popup) this.#popup = null;
      }
    });
  }

  /**
   * Back from a redirect-mode consent (or its Back button): the server appended `ic_attempt`, and `ic_confirmation` when
   * the user approved (confirm it); otherwise ask the server how it went.
   */
  async #resume({ attemptId, confirmation, inPopup }: ReturnedAttempt): Promise<void> {
    this.#set({ kind: 'connecting' });
    await this.#run(
      'connect',
      async (signal, live) => {
        const attempt = confirmation ? null : await this.#readAttempt(attemptId, signal);
        if (!live()) return;
        const outcome: AttemptOutcome = confirmation
          ? { status: 'AWAITING_CONFIRMATION', confirmation }
          : !attempt || attempt.status === 'PENDING'
            ? { status: 'CANCELLED' }
            : { status: attempt.status, errorCode: attempt.errorCode };
        await this.#finishAttempt(outcome, attemptId, signal, live, false);
        if (inPopup) announceConfirmed(attemptId);
      },
      false,
    );
  }

  async #readAttempt(id: string, signal: AbortSignal) {
    return (await execute(this.client, ConnectAttemptDocument, { id }, signal)).connectAttempt;
  }

  async #finishAttempt(
    outcome: AttemptOutcome,
    attemptId: string,
    signal: AbortSignal,
    live: () => boolean,
    userStarted = true,
  ): Promise<void> {
    if (outcome.status === 'CANCELLED') return this.check('cancelled', userStarted ? 'connect' : null);
    const { status, confirmation } = outcome;
    // CONNECTED: confirmed on another page of ours (the server or that page said so), nothing left to do.
    if (status !== 'CONNECTED' && !confirmation) {
      throw new RequestError(
        status === 'FAILED' ? (outcome.errorCode ?? 'INTERNAL_SERVER_ERROR') : status === 'AWAITING_CONFIRMATION' ? 'EXPIRED' : status,
      );
    }
    const credentials = confirmation
      ? await confirmConsent(this.client, attemptId, confirmation, this.identity, signal)
      : await this.#readCredentials(signal);
    if (!live()) return;
    if (!credentials) throw new RequestError('NOT_CONNECTED');
    const provider = toProviderId(credentials.provider);
    this.#mark(provider, credentials.status);
    this.#set({ kind: 'connected', credentials }, null, userStarted ? 'load' : null);
    emit(this.#host, 'ic-connect', { provider, account: credentials.account });
  }

  /** Pages through `load`, showing items as they arrive; `cancel()` stops it, keeping them. */
  load(): void {
    const credentials = this.credentials;
    if (credentials && this.state.kind !== 'loading') this.#loadFrom(credentials, NO_DATA, null, this.data, 'cancel');
  }

  #loadFrom(
    credentials: Credentials,
    data: Loaded,
    after: string | null,
    previous: Loaded | undefined,
    focus: FocusTarget | null = null,
  ): void {
    this.#restart();
    const provider = toProviderId(credentials.provider);
    /** The run as it stands on screen; `waitUntil`: the provider's budget is used up until then. */
    const show = (waitUntil?: number) =>
      this.#set({ kind: 'loading', credentials, data, after, ...(waitUntil ? { waitUntil } : {}), ...(previous ? { previous } : {}) });
    const tell = (waitUntil?: number) =>
      emit(this.#host, 'ic-progress', {
        provider,
        count: data.items.length,
        total: data.total,
        waitSeconds: waitUntil ? Math.ceil((waitUntil - Date.now()) / 1000) : null,
      });
    show();
    if (focus) this.focusTarget = focus;
    void this.#run('load', async (signal, live) => {
      const done = await runLoad(data, after, {
        signal,
        fetchPage: async (cursor) =>
          (
            await execute(
              this.client,
              LoadDocument,
              { ...this.#vars(), first: PAGE_SIZE, after: cursor, maxWaitSeconds: MAX_SILENT_WAIT_S },
              signal,
            )
          ).load,
        onPage: (page, cursor) => {
          if (!live()) throw signal.reason;
          data = page;
          // The last page (no cursor) is shown as loaded: a loading state never says "from the start".
          if (cursor) {
            after = cursor;
            show();
          }
          tell();
        },
        onWait: (until) => {
          show(until);
          tell(until);
        },
      });
      if (!live()) return;
      // Focus follows only if it is still where the load put it (Cancel): never out of the tree.
      const onCancel = this.#host.shadowRoot?.activeElement?.getAttribute('data-focus') === 'cancel';
      this.#set({ kind: 'loaded', credentials, data: done }, null, onCancel ? 'filter' : null);
      emit(this.#host, 'ic-load', { provider, count: done.items.length });
    });
  }

  /** Stops a running load (keeping what arrived) or consent attempt. */
  cancel(): void {
    const { state, data } = this;
    if (state.kind === 'loading') {
      this.#restart();
      const { credentials } = state;
      this.#set(data?.items.length ? { kind: 'loaded', credentials, data } : { kind: 'connected', credentials }, 'loadCancelled', 'load');
    } else if (state.kind === 'connecting') {
      this.#restart();
      void this.check('cancelled', 'connect');
    }
  }

  /** Drops loaded items, keeping the connection. */
  clear(): void {
    if (this.state.kind === 'loaded') this.#set({ kind: 'connected', credentials: this.state.credentials }, null, 'load');
  }

  /** Runs the action that failed again. */
  retry(): void {
    if (this.providersError) {
      void this.loadProviders();
      return void this.reset();
    }
    const { state } = this;
    const action = state.kind === 'error' ? state.error.action : 'check';
    if (action === 'connect') this.connect();
    else if (action === 'load') this.load();
    else if (action === 'disconnect') void this.disconnect();
    else void this.check(null, 'connect');
  }

  async disconnect(): Promise<void> {
    const credentials = this.credentials;
    if (!credentials) return;
    this.#restart();
    await this.#run('disconnect', async (signal, live) => {
      await execute(this.client, DisconnectDocument, this.#vars(), signal);
      if (!live()) return;
      const provider = toProviderId(credentials.provider);
      this.#mark(provider, undefined);
      this.#set({ kind: 'idle' }, 'disconnected', 'connect');
      emit(this.#host, 'ic-disconnect', { provider });
    });
  }
}
