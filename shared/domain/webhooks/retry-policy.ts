/**
 * When a webhook delivery is retried, and when Kefu gives up on it. Attempts continue until one
 * has been made at least RETRY_WINDOW_SECONDS after the first, so a receiver that is down for a
 * whole day still gets the event once it is back within that day.
 */
export type DeliveryOutcome = 'delivered' | 'retry' | 'give-up';

export type AttemptResult =
  { kind: 'response'; status: number } | { kind: 'network-error' } | { kind: 'timeout' };

export const RETRY_WINDOW_SECONDS = 24 * 60 * 60;

/** Base delays after the 1st, 2nd, … failed attempt; the last one repeats. */
export const BACKOFF_SCHEDULE_SECONDS: readonly number[] = [
  30,
  2 * 60,
  10 * 60,
  30 * 60,
  60 * 60,
  2 * 60 * 60,
  4 * 60 * 60,
  8 * 60 * 60,
];

/** The longest wait between two attempts, a Retry-After included (SQS holds a message ≤ 12 h). */
export const MAX_DELAY_SECONDS = 8 * 60 * 60;

/** Jitter draws each delay from the upper half of its base, so retries spread but never bunch. */
const JITTER_FLOOR = 0.5;

/**
 * 2xx is delivered. Timeouts, network errors, 408, 429 and 5xx may pass, so they are retried.
 * Redirects are not followed (a redirect could lead anywhere, past the address checks) and other
 * 4xx say the request itself is refused: neither improves with repetition.
 */
export const classifyAttempt = (result: AttemptResult): DeliveryOutcome => {
  if (result.kind !== 'response') return 'retry';
  const { status } = result;
  if (status >= 200 && status < 300) return 'delivered';
  if (status === 408 || status === 429 || status >= 500) return 'retry';
  if (status >= 300 && status < 500) return 'give-up';
  return 'retry';
};

/** Only these statuses' Retry-After is honoured. */
export const honoursRetryAfter = (status: number): boolean => status === 429 || status === 503;

/**
 * Seconds to wait from a Retry-After value: delay-seconds or an HTTP date (RFC 9110). A date in
 * the past means now; anything unreadable is ignored.
 */
export const parseRetryAfter = (
  value: string | null | undefined,
  now: Date,
): number | undefined => {
  if (value === null || value === undefined) return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text);
  if (!/[a-z]/i.test(text)) return undefined;
  const at = Date.parse(text);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, Math.ceil((at - now.getTime()) / 1000));
};

const baseDelay = (failedAttempts: number): number => {
  const index = Math.min(Math.max(failedAttempts, 1), BACKOFF_SCHEDULE_SECONDS.length) - 1;
  return BACKOFF_SCHEDULE_SECONDS[index] ?? MAX_DELAY_SECONDS;
};

/**
 * What follows a failed attempt that may be retried. `attemptNumber` counts attempts made so far
 * (1 after the first); `random` returns a number in [0, 1) (Math.random in production, a fixed
 * source in tests). Once an attempt has been made at or after the end of the window, give up.
 */
export const nextAttempt = (
  attemptNumber: number,
  firstAttemptAt: Date,
  now: Date,
  random: () => number,
  options: { retryAfterSeconds?: number | undefined } = {},
): { delaySeconds: number } | 'give-up' => {
  const elapsedSeconds = (now.getTime() - firstAttemptAt.getTime()) / 1000;
  if (elapsedSeconds >= RETRY_WINDOW_SECONDS) return 'give-up';
  const base = baseDelay(attemptNumber);
  const fraction = Math.min(Math.max(random(), 0), 1);
  const jittered = Math.ceil(base * (JITTER_FLOOR + (1 - JITTER_FLOOR) * fraction));
  const asked = Math.min(options.retryAfterSeconds ?? 0, MAX_DELAY_SECONDS);
  return { delaySeconds: Math.min(Math.max(jittered, asked, 1), MAX_DELAY_SECONDS) };
};
