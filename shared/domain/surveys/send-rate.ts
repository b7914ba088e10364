/** A token bucket shared by every sender: `tokens` left as of `refilledAt` (ms). */
export interface BucketState {
  tokens: number;
  refilledAt: number;
}

export type TakeResult =
  { granted: true; next: BucketState } | { granted: false; waitMs: number; next: BucketState };

/**
 * Takes one token at `now` from a bucket refilled at `ratePerSecond` that holds at most
 * `burst`; when empty, says how long until the next token.
 */
export const takeToken = (
  state: BucketState | undefined,
  now: number,
  ratePerSecond: number,
  burst: number,
): TakeResult => {
  const elapsed = state ? Math.max(0, now - state.refilledAt) : Infinity;
  const tokens = Math.min(burst, (state?.tokens ?? burst) + (elapsed * ratePerSecond) / 1000);
  if (tokens >= 1) return { granted: true, next: { tokens: tokens - 1, refilledAt: now } };
  return {
    granted: false,
    waitMs: Math.ceil(((1 - tokens) * 1000) / ratePerSecond),
    next: { tokens, refilledAt: now },
  };
};
