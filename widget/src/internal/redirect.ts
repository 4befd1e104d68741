import type { IdentityInput } from '../generated/graphql.js';
import type { ProviderId } from './types.js';

/**
 * Redirect mode leaves the page, so what the widget needs to resume (who was connecting what) is kept
 * in sessionStorage: per tab, gone with the tab, never a secret.
 */
const KEY = 'integration-connector:resume';
const PARAM = 'ic_attempt';
const CONFIRMATION = 'ic_confirmation';
/** The server adds it when this page is the consent popup, continued here because it lost its opener. */
const POPUP = 'ic_popup';

export interface PendingRedirect {
  attemptId: string;
  provider: ProviderId;
  identity: IdentityInput | null;
  /** The attempt's `expiresAt` (epoch ms): after it, what is remembered is forgotten. */
  expiresAt: number;
}

export function rememberRedirect(pending: PendingRedirect): void {
  try {
    sessionStorage.setItem(KEY, JSON.stringify(pending));
  } catch {
    // Storage can be disabled (private modes, sandboxed iframes): resuming then relies on host attributes.
  }
}

export interface ReturnedAttempt {
  attemptId: string;
  /** Set when the consent was approved: what `confirmConnect` needs. */
  confirmation: string | null;
  /** This page is the consent popup, continued on the host page because it lost its opener. */
  inPopup: boolean;
  remembered: PendingRedirect | null;
}

/**
 * Where a redirect-mode consent left off: what the server appended on its way back (attempt id,
 * confirmation), plus what was remembered before leaving; or, when the user came back with the
 * browser's Back button (no parameter), the remembered attempt alone, so the chosen provider and
 * identity survive. The parameters leave the address bar at once: the confirmation is single use,
 * but it should not linger in history or a bookmark either.
 */
export function takeReturnedAttempt(): ReturnedAttempt | null {
  const url = new URL(window.location.href);
  const params = url.searchParams;
  const returned = params.get(PARAM);
  const confirmation = returned ? params.get(CONFIRMATION) : null;
  const inPopup = returned !== null && params.has(POPUP);
  if (returned) {
    for (const name of [PARAM, CONFIRMATION, POPUP]) params.delete(name);
    history.replaceState(history.state, '', url.href);
  }
  let remembered: PendingRedirect | null = null;
  try {
    const parsed = JSON.parse(sessionStorage.getItem(KEY) ?? 'null') as PendingRedirect | null;
    sessionStorage.removeItem(KEY);
    if (parsed && (returned ? parsed.attemptId === returned : parsed.expiresAt > Date.now())) remembered = parsed;
  } catch {
    // Unreadable storage or JSON: resume without a remembered identity.
  }
  const attemptId = returned ?? remembered?.attemptId;
  return attemptId ? { attemptId, confirmation, inPopup, remembered } : null;
}
