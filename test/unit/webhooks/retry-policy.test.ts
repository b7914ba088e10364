import { describe, expect, it } from 'vitest';
import {
  type AttemptResult,
  BACKOFF_SCHEDULE_SECONDS,
  classifyAttempt,
  honoursRetryAfter,
  MAX_DELAY_SECONDS,
  nextAttempt,
  parseRetryAfter,
  RETRY_WINDOW_SECONDS,
} from '../../../shared/domain/webhooks/retry-policy';

const response = (status: number): AttemptResult => ({ kind: 'response', status });

describe('what a delivery attempt leads to', () => {
  it.each([
    [response(200), 'delivered'],
    [response(202), 'delivered'],
    [response(204), 'delivered'],
    [response(299), 'delivered'],
    [{ kind: 'timeout' } as const, 'retry'],
    [{ kind: 'network-error' } as const, 'retry'],
    [response(408), 'retry'],
    [response(429), 'retry'],
    [response(500), 'retry'],
    [response(502), 'retry'],
    [response(503), 'retry'],
    [response(504), 'retry'],
    [response(301), 'give-up'],
    [response(302), 'give-up'],
    [response(307), 'give-up'],
    [response(308), 'give-up'],
    [response(400), 'give-up'],
    [response(401), 'give-up'],
    [response(403), 'give-up'],
    [response(404), 'give-up'],
    [response(410), 'give-up'],
    [response(413), 'give-up'],
    [response(422), 'give-up'],
  ])('%o → %s', (result, outcome) => {
    expect(classifyAttempt(result)).toBe(outcome);
  });
});

/** Simulates a receiver that never answers well: the times of every attempt until giving up. */
const attemptTimes = (random: () => number): number[] => {
  const first = new Date('2025-10-09T00:00:00.000Z');
  const times = [0];
  for (;;) {
    const now = new Date(first.getTime() + (times.at(-1) ?? 0) * 1000);
    const next = nextAttempt(times.length, first, now, random);
    if (next === 'give-up') return times;
    times.push((times.at(-1) ?? 0) + next.delaySeconds);
    if (times.length > 100) throw new Error('never gave up');
  }
};

describe('backoff', () => {
  it.each([
    ['shortest', () => 0],
    ['longest', () => 0.999_999],
    ['middle', () => 0.5],
  ])('keeps trying for at least 24 hours with the %s delays, then gives up', (_, random) => {
    const times = attemptTimes(random);
    const last = times.at(-1) ?? 0;
    expect(last).toBeGreaterThanOrEqual(RETRY_WINDOW_SECONDS);
    // The attempt before the last was still inside the window, so no more attempts than needed.
    expect(times.at(-2)).toBeLessThan(RETRY_WINDOW_SECONDS);
    expect(last).toBeLessThan(RETRY_WINDOW_SECONDS + MAX_DELAY_SECONDS);
    expect(times.length).toBeLessThan(25);
  });

  it('follows the schedule, jittered within the upper half of each delay', () => {
    const delays = (random: () => number) =>
      BACKOFF_SCHEDULE_SECONDS.map((_, index) => {
        const next = nextAttempt(index + 1, new Date(0), new Date(0), random);
        return next === 'give-up' ? -1 : next.delaySeconds;
      });
    expect(delays(() => 0)).toEqual(BACKOFF_SCHEDULE_SECONDS.map((base) => base / 2));
    expect(delays(() => 0.999_999)).toEqual([...BACKOFF_SCHEDULE_SECONDS]);
    expect(BACKOFF_SCHEDULE_SECONDS.slice(0, 4)).toEqual([30, 120, 600, 1800]);
    const late = nextAttempt(20, new Date(0), new Date(0), () => 0.999_999);
    expect(late).toEqual({ delaySeconds: 8 * 60 * 60 });
  });

  it('is deterministic for a given random source', () => {
    const seeded = () => {
      let state = 42;
      return () => {
        state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
        return state / 2 ** 31;
      };
    };
    expect(attemptTimes(seeded())).toEqual(attemptTimes(seeded()));
  });

  it('gives up at once when the window is already over', () => {
    const first = new Date('2025-10-09T00:00:00.000Z');
    const at = (seconds: number) => new Date(first.getTime() + seconds * 1000);
    expect(nextAttempt(3, first, at(RETRY_WINDOW_SECONDS - 1), () => 0)).not.toBe('give-up');
    expect(nextAttempt(3, first, at(RETRY_WINDOW_SECONDS), () => 0)).toBe('give-up');
  });
});

describe('Retry-After', () => {
  const now = new Date('2025-10-09T08:00:00.000Z');

  it('reads delay-seconds and HTTP dates', () => {
    expect(parseRetryAfter('120', now)).toBe(120);
    expect(parseRetryAfter(' 0 ', now)).toBe(0);
    expect(parseRetryAfter('Thu, 09 Oct 2025 08:01:30 GMT', now)).toBe(90);
    expect(parseRetryAfter('Thu, 09 Oct 2025 07:00:00 GMT', now)).toBe(0);
  });

  it('ignores what it cannot read', () => {
    for (const value of [undefined, null, '', '-5', '1.5', 'soon', '2025-10-09']) {
      expect(parseRetryAfter(value, now)).toBeUndefined();
    }
  });

  it('applies to 429 and 503 only', () => {
    expect(honoursRetryAfter(429)).toBe(true);
    expect(honoursRetryAfter(503)).toBe(true);
    expect(honoursRetryAfter(500)).toBe(false);
    expect(honoursRetryAfter(200)).toBe(false);
  });

  it('lengthens a delay, never shortens it, and is capped', () => {
    const first = new Date(0);
    const after = (retryAfterSeconds: number) =>
      nextAttempt(1, first, first, () => 0.999_999, { retryAfterSeconds });
    expect(after(600)).toEqual({ delaySeconds: 600 });
    expect(after(5)).toEqual({ delaySeconds: 30 });
    expect(after(7 * 24 * 60 * 60)).toEqual({ delaySeconds: MAX_DELAY_SECONDS });
  });
});
