import type { ReactiveController, ReactiveControllerHost } from 'lit';
import {
  ConnectAttemptDocument,
  ConnectDocument,
  CredentialsDocument,
  DisconnectDocument,
  LoadDocument,
  ProvidersDocument,
  type IdentityInput,
  type LoadQuery,
  type ProvidersQuery,
} from '../generated/graphql.js';
import { emit } from './events.js';
import { execute, RequestError, type ClientConfig } from './graphql-client.js';
import type { Translator } from './i18n.js';
import type { MessageKey } from './locales.js';
import { openBlankPopup, stateOf, waitForPopup } from './popup.js';
import { rememberRedirect } from './redirect.js';
import { toProvider, toProviderId, type AttemptOutcome, type ConnectorState, type Credentials, type Item } from './types.js';

export type ProviderInfo = ProvidersQuery['providers'][number];

/** What the flows read from the element: its public properties, nothing else. */
export interface ConnectorHost extends ReactiveControllerHost, HTMLElement {
  endpoint: string;
  sessionToken: string | undefined;
  user: string;
  org: string;
  provider: string;
  mode: 'popup' | 'redirect';
  readonly translator: Translator;
}

/** Where focus goes after a user-started flow ends: a `data-focus` key in the view. */
export type FocusTarget = 'connect' | 'retry' | 'load' | 'filter';

const PAGE_SIZE = 200;
const CHECK_DELAY_MS = 250;

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
  focusTarget: FocusTarget | null = null;
  #epoch = 0;
  #abort = new AbortController();
  #checkTimer: ReturnType<typeof setTimeout> | undefined;
  #suspendTimer: ReturnType<typeof setTimeout> | undefined;
  #resumeOnConnect: (() => void) | null = null;

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
    if (state.kind === 'loading') this.#resumeOnConnect = () => this.#loadFrom(state.credentials, state.items, state.after);
    else if ((state.kind === 'idle' && state.checking) || state.kind === 'connecting') this.#resumeOnConnect = () => void this.check();
  }

  get client(): ClientConfig {
    return { endpoint: new URL(this.#host.endpoint, location.href).href, token: this.#host.sessionToken };
  }

  get identity(): IdentityInput | undefined {
    return this.#host.sessionToken ? undefined : { userId: this.#host.user.trim(), orgId: this.#host.org.trim() };
  }

  /** True when there is enough to talk about a connection: endpoint, provider and an identity. */
  get ready(): boolean {
    const { endpoint, sessionToken, user, org, provider } = this.#host;
    return !!endpoint && !!provider && (!!sessionToken || (!!user.trim() && !!org.trim()));
  }

  get credentials(): Credentials | null {
    return 'credentials' in this.state ? this.state.credentials : null;
  }

  get #vars() {
    return { provider: toProvider(this.#host.provider), identity: this.identity };
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
  async #run(flow: (signal: AbortSignal, live: () => boolean) => Promise<void>, userStarted = true): Promise<void> {
    const epoch = this.#epoch;
    const signal = this.#abort.signal;
    try {
      await flow(signal, () => epoch === this.#epoch);
    } catch (error) {
      if (epoch === this.#epoch && !signal.aborted) this.#fail(error, userStarted);
    }
  }

  #fail(error: unknown, userStarted: boolean): void {
    const code = error instanceof RequestError ? error.code : 'INTERNAL_SERVER_ERROR';
    const message = this.#host.translator.errorMessage(code);
    const credentials = this.credentials;
    const focus = userStarted ? (credentials ? 'load' : 'connect') : null;
    if (code === 'RECONNECT_REQUIRED') this.#set({ kind: 'reconnect-required', credentials }, null, userStarted ? 'connect' : null);
    else this.#set({ kind: 'error', error: { code, message }, credentials }, null, focus);
    emit(this.#host, 'ic-error', { code, message });
  }

  /** Provider, identity or endpoint changed: forget everything about the old pair, then look again. */
  reset(resumeAttemptId?: string): void {
    this.#resumeOnConnect = null;
    this.#restart();
    clearTimeout(this.#checkTimer);
    this.#set({ kind: 'idle', checking: this.ready });
    if (resumeAttemptId) void this.#resume(resumeAttemptId);
    else if (this.ready) this.#checkTimer = setTimeout(() => void this.check(), CHECK_DELAY_MS);
  }

  /** Providers depend on the endpoint only, so identity resets do not drop this answer. */
  async loadProviders(): Promise<void> {
    const endpoint = this.#host.endpoint;
    this.providers = null;
    if (!endpoint) return;
    try {
      const { providers } = await execute(this.client, ProvidersDocument, {});
      if (endpoint === this.#host.endpoint) this.providers = providers;
      this.#host.requestUpdate();
    } catch (error) {
      if (endpoint === this.#host.endpoint) this.#fail(error, false);
    }
  }

  /** Reads `credentials` and shows what the server knows. */
  async check(notice: MessageKey | null = null, focus: FocusTarget | null = null): Promise<void> {
    if (!this.ready) return this.#set({ kind: 'idle' }, notice, focus);
    this.#set({ kind: 'idle', checking: true }, notice);
    await this.#run(async (signal, live) => {
      const { credentials } = await execute(this.client, CredentialsDocument, this.#vars, signal);
      if (!live()) return;
      if (!credentials) this.#set({ kind: 'idle' }, notice, focus);
      else if (credentials.status === 'RECONNECT_REQUIRED') this.#set({ kind: 'reconnect-required', credentials }, notice, focus);
      else this.#set({ kind: 'connected', credentials }, notice, focus);
    }, !!focus);
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
      this.#set({ kind: 'connecting', blocked: true }, null, 'retry');
      emit(this.#host, 'ic-error', { code: 'POPUP_BLOCKED', message: this.#host.translator.errorMessage('POPUP_BLOCKED') });
      return;
    }
    this.#set({ kind: 'connecting' });
    void this.#run(async (signal, live) => {
      try {
        // Redirect mode: the server sends the browser back here (with `ic_attempt`) after the consent.
        const variables = popup ? this.#vars : { ...this.#vars, returnTo: location.href };
        const { connect } = await execute(this.client, ConnectDocument, variables, signal);
        if (!live()) return;
        if (!popup) {
          const provider = toProviderId(this.#vars.provider);
          rememberRedirect({ attemptId: connect.attemptId, provider, identity: this.identity ?? null });
          // A host (an in-app webview, say) may take over the navigation by cancelling the event.
          if (emit(this.#host, 'ic-redirect', { provider, url: connect.authorizationUrl }, true)) location.assign(connect.authorizationUrl);
          return;
        }
        popup.location.href = connect.authorizationUrl;
        const outcome = await waitForPopup({
          popup,
          serverOrigin: new URL(this.client.endpoint).origin,
          state: stateOf(connect.authorizationUrl) ?? '',
          expiresAt: connect.expiresAt,
          signal,
          readAttempt: () => this.#readAttempt(connect.attemptId, signal),
        });
        if (live()) await this.#finishAttempt(outcome, signal, live);
      } catch (error) {
        popup?.close();
        throw error;
      } finally {
        if (!live()) popup?.close();
      }
    });
  }

  /** Back from a redirect-mode consent: the server appended `ic_attempt`; ask it how that went. */
  async #resume(attemptId: string): Promise<void> {
    this.#set({ kind: 'connecting' });
    await this.#run(async (signal, live) => {
      const attempt = await this.#readAttempt(attemptId, signal);
      if (!live()) return;
      const outcome: AttemptOutcome =
        !attempt || attempt.status === 'PENDING' ? { status: 'CANCELLED' } : { status: attempt.status, errorCode: attempt.errorCode };
      await this.#finishAttempt(outcome, signal, live, false);
    }, false);
  }

  async #readAttempt(id: string, signal: AbortSignal) {
    return (await execute(this.client, ConnectAttemptDocument, { id }, signal)).connectAttempt;
  }

  async #finishAttempt(outcome: AttemptOutcome, signal: AbortSignal, live: () => boolean, userStarted = true): Promise<void> {
    const focus = userStarted ? 'connect' : null;
    if (outcome.status === 'CANCELLED') return this.check('cancelled', focus);
    if (outcome.status !== 'CONNECTED') {
      const code = outcome.status === 'FAILED' ? (outcome.errorCode ?? 'INTERNAL_SERVER_ERROR') : outcome.status;
      throw new RequestError(code);
    }
    const { credentials } = await execute(this.client, CredentialsDocument, this.#vars, signal);
    if (!live()) return;
    if (!credentials) throw new RequestError('NOT_CONNECTED');
    this.#set({ kind: 'connected', credentials }, null, userStarted ? 'load' : null);
    emit(this.#host, 'ic-connect', { provider: toProviderId(credentials.provider), account: credentials.account });
  }

  /** Pages through `load` until the last page, showing the running count; `cancel()` stops it. */
  load(): void {
    const credentials = this.credentials;
    if (!credentials || this.state.kind === 'loading') return;
    this.#loadFrom(credentials, [], null);
  }

  /** Loads from `after` (null: the start), appending to `items`. */
  #loadFrom(credentials: Credentials, items: Item[], after: string | null): void {
    this.#restart();
    this.#set({ kind: 'loading', credentials, items, after });
    void this.#run(async (signal, live) => {
      let cursor = after;
      do {
        const { load }: LoadQuery = await execute(this.client, LoadDocument, { ...this.#vars, first: PAGE_SIZE, after: cursor }, signal);
        if (!live()) return;
        items = [...items, ...load.edges.map((edge) => edge.node)];
        cursor = load.pageInfo.hasNextPage ? load.pageInfo.endCursor : null;
        if (cursor) this.#set({ kind: 'loading', credentials, items, after: cursor });
      } while (cursor);
      this.#set({ kind: 'loaded', credentials, items }, null, 'filter');
      emit(this.#host, 'ic-load', { provider: toProviderId(credentials.provider), count: items.length });
    });
  }

  /** Stops a running load or consent attempt. */
  cancel(): void {
    const { state } = this;
    if (state.kind === 'loading') {
      this.#restart();
      this.#set({ kind: 'connected', credentials: state.credentials }, 'loadCancelled', 'load');
    } else if (state.kind === 'connecting') {
      this.#restart();
      void this.check('cancelled', 'connect');
    }
  }

  /** Drops loaded items, keeping the connection. */
  clear(): void {
    if (this.state.kind === 'loaded') this.#set({ kind: 'connected', credentials: this.state.credentials }, null, 'load');
  }

  async disconnect(): Promise<void> {
    const credentials = this.credentials;
    if (!credentials) return;
    this.#restart();
    await this.#run(async (signal, live) => {
      await execute(this.client, DisconnectDocument, this.#vars, signal);
      if (!live()) return;
      this.#set({ kind: 'idle' }, 'disconnected', 'connect');
      emit(this.#host, 'ic-disconnect', { provider: toProviderId(credentials.provider) });
    });
  }
}
