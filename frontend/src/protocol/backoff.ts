/** Capped exponential backoff for reconnecting after the browser has given up on a stream. */
export interface BackoffPolicy {
  readonly initialMs: number;
  readonly maxMs: number;
  /** Fraction (0..1) of each delay that is randomly taken off, so clients do not return in step. */
  readonly jitter: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { initialMs: 1000, maxMs: 15000, jitter: 0.2 };

/** Delay before retry number `attempt` (0 = first retry); `random` returns a value in [0, 1). */
export function backoffDelay(attempt: number, policy: BackoffPolicy, random: () => number): number {
  const capped = Math.min(policy.maxMs, policy.initialMs * 2 ** attempt);
  return Math.round(capped * (1 - policy.jitter * random()));
}
