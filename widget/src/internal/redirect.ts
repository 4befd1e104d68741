import type { IdentityInput } from '../generated/graphql.js';
import type { ProviderId } from './types.js';

/**
 * Redirect mode leaves the page, so what the widget needs to resume (who was connecting what) is kept
 * in sessionStorage: per tab, gone with the tab, never a secret.
 */
const KEY = 'integration-connector:resume';
const PARAM = 'ic_attempt';

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

/**
 * Where a redirect-mode consent left off: the attempt id the server appended on its way back (and
 * what was remembered before leaving), or, when the user came back with the browser's Back button
 * (no parameter), the remembered attempt alone, so the chosen provider and identity survive.
 */
export function takeReturnedAttempt(): { attemptId: string; remembered: PendingRedirect | null } | null {
  const url = new URL(window.location.href);
  const returned = url.searchParams.get(PARAM);
  if (returned) {
    url.searchParams.delete(PARAM);
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
  return attemptId ? { attemptId, remembered } : null;
}
