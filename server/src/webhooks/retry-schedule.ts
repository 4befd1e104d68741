/**
 * When a failed webhook delivery is tried again (docs/webhooks.md): exponential from 10 s, doubling,
 * capped at 3 h, each wait shortened by a random 0-15 % (jitter, so a receiver coming back is not
 * hit by every queued event at once). Jitter only ever shortens a wait, so the schedule's lower
 * bound is exact: 20 attempts span at least 25 h 14 min (nominally 29 h 41 min).
 */
export const RETRY_BASE_MS = 10_000;
export const RETRY_CAP_MS = 3 * 3_600_000;
export const RETRY_JITTER = 0.15;
export const DEFAULT_ATTEMPTS = 20;

/** The nominal wait after try `attempt` (1-based) failed, before jitter. */
export function nominalRetryDelayMs(attempt: number): number {
  return Math.min(RETRY_CAP_MS, RETRY_BASE_MS * 2 ** (attempt - 1));
}

/** The wait after try `attempt` failed: the nominal wait less up to RETRY_JITTER of it. */
export function retryDelayMs(attempt: number, random: () => number = Math.random): number {
  return Math.round(nominalRetryDelayMs(attempt) * (1 - RETRY_JITTER * random()));
}

/** From the first try to the last one, at the shortest and the longest (what the schedule promises). */
export function scheduleSpanMs(attempts: number): { min: number; max: number } {
  let max = 0;
  for (let attempt = 1; attempt < attempts; attempt++) max += nominalRetryDelayMs(attempt);
  return { min: Math.round(max * (1 - RETRY_JITTER)), max };
}
