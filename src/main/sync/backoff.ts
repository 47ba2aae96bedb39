// Retry delays: exponential backoff with full jitter, so a hundred consoles
// coming back after an outage do not all knock at once.

export const BACKOFF_BASE_MS = 500;
export const BACKOFF_CAP_MS = 60_000;

/**
 * The wait before retry number `attempt` (0 for the first retry): a
 * uniformly random time between 0 and min(cap, base * 2^attempt).
 */
export function backoffDelay(
  attempt: number,
  random: () => number = Math.random,
  baseMs = BACKOFF_BASE_MS,
  capMs = BACKOFF_CAP_MS,
): number {
  const ceiling = Math.min(capMs, baseMs * 2 ** Math.min(attempt, 30));
  return Math.floor(random() * ceiling);
}
