import { fixture, html, waitUntil } from '@open-wc/testing';
import type { IntegrationConnector, StateKind } from '../../src/index.js';
import '../../src/index.js';

// The bundle run (web-test-runner.bundle.config.mjs) maps the import above to the built file; make
// sure it did, so a broken mapping can never pass the source off as the bundle.
declare global {
  interface Window {
    IC_WIDGET_UNDER_TEST?: 'bundle';
  }
}
if (window.IC_WIDGET_UNDER_TEST === 'bundle') {
  const loaded = performance.getEntriesByType('resource').map((entry) => new URL(entry.name).pathname);
  if (
    !loaded.includes('/widget/dist/integration-connector.js') ||
    loaded.some((path) => path.startsWith('/widget/src/integration-connector'))
  ) {
    throw new Error(
      `The bundle run did not load widget/dist/integration-connector.js alone: ${loaded.filter((p) => p.includes('widget/')).join(', ')}`,
    );
  }
}

/** The JSON script the scripted endpoint (test/support/scripted-graphql.mjs) plays for one test. */
export interface Script {
  providers?: Array<{ id: string; displayName: string; configured: boolean; sandbox: boolean }>;
  credentials?: 'CONNECTED' | 'RECONNECT_REQUIRED' | null;
  /** What `connections` lists: [provider, status] pairs (default: every configured provider with `credentials`' status). */
  connections?: Array<[string, 'CONNECTED' | 'RECONNECT_REQUIRED']>;
  account?: { id: string; name: string | null };
  items?: number | object[];
  pageSize?: number;
  pageDelayMs?: number;
  delayMs?: Partial<
    Record<'providers' | 'credentials' | 'connections' | 'connectAttempt' | 'connect' | 'confirmConnect' | 'disconnect' | 'load', number>
  >;
  errors?: Partial<
    Record<'providers' | 'credentials' | 'connections' | 'connectAttempt' | 'connect' | 'confirmConnect' | 'disconnect' | 'load', string>
  >;
  /** Like `errors`, for the first call of each field only. */
  errorsOnce?: Partial<
    Record<'providers' | 'credentials' | 'connections' | 'connectAttempt' | 'connect' | 'confirmConnect' | 'disconnect' | 'load', string>
  >;
  popup?: 'approve' | 'deny' | 'fail' | 'close' | 'silent-approve' | 'continue' | 'wrong-state' | 'stay';
  /** Another page (the popup, continued without its opener) confirms the attempt this long after the consent page loads. */
  confirmedElsewhereMs?: number;
  /** `approve`: post this confirmation instead of the right one. */
  confirmation?: string;
  /** The provider's budget runs out once, when a page would start at `afterItems`. */
  rateLimit?: { afterItems: number; retryAfterSeconds: number };
  /** Load run number `failRun` (2: the first reload) fails on its first page, with `failLoadCode` (default PROVIDER_ERROR). */
  failRun?: number;
  failLoadCode?: string;
  /** Pages ending at or after this many items say `incomplete: true`. */
  incompleteFrom?: number;
  /** Pages report `totalCount`. */
  reportTotal?: boolean;
  /** Every load page says the provider cut its list short (IntegrationItemConnection.incomplete). */
  incomplete?: boolean;
  consentDelayMs?: number;
  attemptTtlMs?: number;
  token?: string;
}

export interface Call {
  field: string;
  args: Record<string, unknown>;
  authorization: string | null;
}

export interface Scenario {
  endpoint: string;
  calls(field?: string): Promise<Call[]>;
}

/** Registers a script with the dev server and returns an endpoint that plays it. */
export async function scenario(script: Script = {}): Promise<Scenario> {
  const sid = crypto.randomUUID();
  await fetch('/ic-test/scenario', { method: 'POST', body: JSON.stringify({ sid, script }) });
  return {
    endpoint: `${location.origin}/graphql?sid=${sid}`,
    calls: async (field) => {
      const calls = (await (await fetch(`/ic-test/calls?sid=${sid}`)).json()) as Call[];
      return field ? calls.filter((call) => call.field === field) : calls;
    },
  };
}

export interface MountOptions {
  user?: string;
  org?: string;
  provider?: string;
  lang?: string;
  theme?: string;
  mode?: string;
  sessionToken?: string;
  providers?: string;
}

/** A widget on a scripted endpoint, with User/Organization/provider filled in unless told otherwise. */
export async function mount(script: Script = {}, options: MountOptions = {}) {
  const sc = await scenario(script);
  const o = { user: 'u1', org: 'o1', provider: 'hubspot', ...options };
  const el = await fixture<IntegrationConnector>(
    html`<integration-connector
      endpoint=${sc.endpoint}
      user=${o.user}
      org=${o.org}
      provider=${o.provider}
      lang=${o.lang ?? 'en'}
      theme=${o.theme ?? 'auto'}
      mode=${o.mode ?? 'popup'}
      providers=${o.providers ?? 'hubspot airtable notion'}
      session-token=${o.sessionToken ?? ''}
    ></integration-connector>`,
  );
  if (!o.sessionToken) el.removeAttribute('session-token');
  return { el, sc };
}

export const shadow = (el: IntegrationConnector) => el.shadowRoot!;

/** A button by its visible name (which is also its accessible name). */
export function button(el: IntegrationConnector, name: string): HTMLButtonElement | null {
  return [...shadow(el).querySelectorAll('button')].find((b) => b.textContent?.trim() === name) ?? null;
}

/** A form control by its label text. */
export function field<T extends HTMLElement = HTMLInputElement>(el: IntegrationConnector, label: string): T | null {
  const ownText = (l: HTMLLabelElement) =>
    [...l.childNodes]
      .filter((n) => n.nodeType === Node.TEXT_NODE)
      .map((n) => n.textContent)
      .join('')
      .trim();
  const found = [...shadow(el).querySelectorAll('label')].find((l) => ownText(l) === label);
  return (found?.querySelector('input, select') as T | null) ?? null;
}

/** The visible status line. */
export const statusText = (el: IntegrationConnector) => shadow(el).querySelector('[part=status]')?.textContent?.trim() ?? '';
/** What the polite live region last said. */
export const announced = (el: IntegrationConnector) => shadow(el).querySelector('[role=status]')?.textContent?.trim() ?? '';
export const alertText = (el: IntegrationConnector) =>
  shadow(el).querySelector('[role=alert]')?.textContent?.trim().replace(/\s+/g, ' ') ?? '';
export const treeItems = (el: IntegrationConnector) => [...shadow(el).querySelectorAll<HTMLElement>('[role=treeitem]')];

export async function waitForState(el: IntegrationConnector, state: StateKind, message?: string): Promise<void> {
  await waitUntil(() => el.state === state, message ?? `state ${el.state}, expected ${state}`, { timeout: 4000 });
  await el.updateComplete;
}

/** Waits for the first credentials check to finish (the widget debounces it). */
export async function settled(el: IntegrationConnector): Promise<void> {
  await waitUntil(() => !(el.state === 'idle' && statusText(el).includes('Checking')), 'credentials check did not finish', {
    timeout: 4000,
  });
  await el.updateComplete;
}

export function type(input: HTMLInputElement, value: string): void {
  input.value = value;
  input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
}

/** A provider tile's radio by the provider's name (its accessible name). */
export function providerRadio(el: IntegrationConnector, name: string): HTMLInputElement | null {
  return (
    [...shadow(el).querySelectorAll<HTMLInputElement>('input[type=radio]')].find((radio) => {
      const label = shadow(el).getElementById(radio.getAttribute('aria-labelledby') ?? '');
      return label?.textContent?.trim() === name;
    }) ?? null
  );
}

/** Picks a provider the way a person does: a click on its tile. */
export function choose(el: IntegrationConnector, name: string): void {
  providerRadio(el, name)!.click();
}
