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
}

export function rememberRedirect(pending: PendingRedirect): void {
  try {
    sessionStorage.setItem(KEY, JSON.stringify(pending));
  } catch {
    // Storage can be disabled (private modes, sandboxed iframes): resuming then relies on host attributes.
  }
}

/** The attempt id the server appended on its way back, plus what was remembered before leaving. */
export function takeReturnedAttempt(): { attemptId: string; remembered: PendingRedirect | null } | null {
  const url = new URL(window.location.href);
  const attemptId = url.searchParams.get(PARAM);
  if (!attemptId) return null;
  url.searchParams.delete(PARAM);
  history.replaceState(history.state, '', url.href);
  let remembered: PendingRedirect | null = null;
  try {
    const parsed = JSON.parse(sessionStorage.getItem(KEY) ?? 'null') as PendingRedirect | null;
    sessionStorage.removeItem(KEY);
    if (parsed?.attemptId === attemptId) remembered = parsed;
  } catch {
    // Unreadable storage or JSON: resume without a remembered identity.
  }
  return { attemptId, remembered };
}
