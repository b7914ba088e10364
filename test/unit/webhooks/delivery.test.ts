import { describe, expect, it } from 'vitest';
import {
  type AttemptReport,
  type DeliveryAttempt,
  type DeliveryWork,
  judgeWork,
  MAX_KEPT_ATTEMPTS,
  mayRedeliver,
  newDelivery,
  recordAttempt,
  STUCK_AFTER_SECONDS,
  type WebhookDelivery,
} from '../../../shared/domain/webhooks/delivery';
import {
  BACKOFF_SCHEDULE_SECONDS,
  MAX_DELAY_SECONDS,
  nextAttempt,
  RETRY_WINDOW_SECONDS,
} from '../../../shared/domain/webhooks/retry-policy';

const T0 = new Date('2025-10-09T08:00:00.000Z');
const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);
const HOUR = 60 * 60;

const event = {
  eventId: '01JB00000000000000000000E1',
  type: 'ComplaintFiled',
  occurredAt: '2025-10-09T07:59:58.000Z',
  data: { complaintId: 'C1', customerId: 'U1' },
};

const delivery = (changes: Partial<WebhookDelivery> = {}): WebhookDelivery => ({
  ...newDelivery({
    subscriptionId: 'S1',
    event,
    orderingKey: 'S1#complaintId#C1',
    now: T0,
  }),
  ...changes,
});

const attempt = (changes: Partial<DeliveryAttempt> = {}): DeliveryAttempt => ({
  series: 1,
  number: 1,
  at: T0.toISOString(),
  durationMs: 120,
  outcome: 'retry',
  status: 503,
  ...changes,
});

const work = (changes: Partial<DeliveryWork> = {}): DeliveryWork => ({
  subscriptionId: 'S1',
  eventId: event.eventId,
  series: 1,
  ...changes,
});

const failed: AttemptReport = { outcome: 'retry', status: 503, durationMs: 250 };
const ok: AttemptReport = { outcome: 'delivered', status: 200, durationMs: 80 };
const half = () => 0.5;

describe('a new delivery', () => {
  it('starts pending in the first series, with no attempts, at version 1', () => {
    const now = new Date('2025-10-09T08:00:01.000Z');
    expect(
      newDelivery({ subscriptionId: 'S9', event, orderingKey: 'S9#complaintId#C1', now }),
    ).toEqual({
      subscriptionId: 'S9',
      eventId: '01JB00000000000000000000E1',
      event,
      orderingKey: 'S9#complaintId#C1',
      series: 1,
      status: 'pending',
      attempts: [],
      createdAt: '2025-10-09T08:00:01.000Z',
      updatedAt: '2025-10-09T08:00:01.000Z',
      version: 1,
    });
  });
});

describe('what a queue message asks for', () => {
  it('attempts a pending or retrying delivery of the message’s series, unchanged', () => {
    const pending = delivery();
    expect(judgeWork(work(), pending, at(5))).toEqual({ act: 'attempt', delivery: pending });
    const retrying = delivery({
      series: 2,
      status: 'retrying',
      attempts: [attempt({ series: 2 })],
      version: 4,
    });
    expect(judgeWork(work({ series: 2 }), retrying, at(60))).toEqual({
      act: 'attempt',
      delivery: retrying,
    });
  });

  it('drops a message of an older or a newer series as superseded', () => {
    const current = delivery({ series: 3, status: 'retrying' });
    expect(judgeWork(work({ series: 2 }), current, at(5))).toEqual({
      act: 'drop',
      reason: 'superseded',
    });
    expect(judgeWork(work({ series: 4 }), current, at(5))).toEqual({
      act: 'drop',
      reason: 'superseded',
    });
    // An older series is superseded even when the delivery has ended meanwhile.
    expect(
      judgeWork(work({ series: 1 }), delivery({ series: 2, status: 'delivered' }), at(5)),
    ).toEqual({ act: 'drop', reason: 'superseded' });
  });

  it('drops a repeat of a delivered series as already delivered', () => {
    const delivered = delivery({
      status: 'delivered',
      attempts: [attempt({ outcome: 'delivered' })],
    });
    expect(judgeWork(work(), delivered, at(5))).toEqual({
      act: 'drop',
      reason: 'already-delivered',
    });
  });

  it.each(['failed', 'cancelled'] as const)(
    'drops a message of a %s delivery as already ended',
    (status) => {
      expect(judgeWork(work(), delivery({ status }), at(5))).toEqual({
        act: 'drop',
        reason: 'already-ended',
      });
    },
  );

  it('starts the next series for the redriven DLQ copy of a failed delivery', () => {
    const gaveUp = delivery({
      status: 'failed',
      attempts: [attempt({ outcome: 'give-up', status: 410 })],
      updatedAt: at(10).toISOString(),
      version: 3,
    });
    const verdict = judgeWork(work({ deadLettered: true }), gaveUp, at(HOUR));
    expect(verdict).toEqual({
      act: 'attempt',
      delivery: {
        ...gaveUp,
        series: 2,
        status: 'pending',
        updatedAt: at(HOUR).toISOString(),
        version: 4,
      },
    });
    // The attempts of the first series are kept as they were.
    expect(verdict.act === 'attempt' && verdict.delivery.attempts).toEqual(gaveUp.attempts);
  });

  it('drops the redriven DLQ copy once the delivery was delivered, or when it is of an older series', () => {
    const delivered = delivery({ status: 'delivered' });
    expect(judgeWork(work({ deadLettered: true }), delivered, at(5))).toEqual({
      act: 'drop',
      reason: 'superseded',
    });
    // Only a failed delivery is restarted: one still under way, or cancelled, is left alone.
    const retrying = delivery({ status: 'retrying', attempts: [attempt()] });
    expect(judgeWork(work({ deadLettered: true }), retrying, at(5))).toEqual({
      act: 'drop',
      reason: 'superseded',
    });
    expect(
      judgeWork(work({ deadLettered: true }), delivery({ status: 'cancelled' }), at(5)).act,
    ).toBe('drop');
    // Already redelivered (by the API) into series 2 and failed again: the series-1 copy is old.
    const failedAgain = delivery({ series: 2, status: 'failed' });
    expect(judgeWork(work({ series: 1, deadLettered: true }), failedAgain, at(5))).toEqual({
      act: 'drop',
      reason: 'superseded',
    });
  });

  it('lets a duplicate and a late message change nothing once the delivery went on', () => {
    // The message of series 1 arrives twice, the second time after the delivery succeeded.
    let stored = delivery();
    const first = judgeWork(work(), stored, at(1));
    expect(first.act).toBe('attempt');
    stored = recordAttempt(stored, ok, at(1), half).delivery;
    expect(judgeWork(work(), stored, at(2))).toEqual({ act: 'drop', reason: 'already-delivered' });

    // Out of order: series 2 was started and attempted before series 1's message turns up.
    const redelivered = recordAttempt(
      delivery({ series: 2, status: 'pending', attempts: [attempt({ outcome: 'give-up' })] }),
      failed,
      at(HOUR),
      half,
    ).delivery;
    expect(judgeWork(work({ series: 1 }), redelivered, at(HOUR + 1))).toEqual({
      act: 'drop',
      reason: 'superseded',
    });
    expect(judgeWork(work({ series: 2 }), redelivered, at(HOUR + 1)).act).toBe('attempt');
  });
});

describe('recording an attempt', () => {
  it('finishes a delivered one', () => {
    const decision = recordAttempt(delivery({ version: 2 }), ok, at(3), half);
    expect(decision).toEqual({
      next: 'done',
      delivery: {
        ...delivery(),
        status: 'delivered',
        attempts: [
          {
            series: 1,
            number: 1,
            at: at(3).toISOString(),
            durationMs: 80,
            outcome: 'delivered',
            status: 200,
          },
        ],
        updatedAt: at(3).toISOString(),
        version: 3,
      },
    });
  });

  it('retries a retryable failure after the backoff, from now', () => {
    const decision = recordAttempt(delivery(), { ...failed, error: 'HTTP 503' }, at(3), half);
    // 30 s drawn from its upper half at 0.5: ceil(30 × 0.75).
    expect(decision.next === 'retry' && decision.delaySeconds).toBe(23);
    expect(decision.delivery.status).toBe('retrying');
    expect(decision.delivery.attempts).toEqual([
      {
        series: 1,
        number: 1,
        at: at(3).toISOString(),
        durationMs: 250,
        outcome: 'retry',
        status: 503,
        error: 'HTTP 503',
        nextAttemptAt: at(3 + 23).toISOString(),
      },
    ]);
    expect(decision.delivery.version).toBe(2);
    expect(decision.delivery.updatedAt).toBe(at(3).toISOString());
  });

  it('takes each delay from the policy, with the attempt number and the fixed random', () => {
    let stored = delivery();
    let now = at(0);
    const delays: number[] = [];
    for (let n = 1; n <= 4; n++) {
      const decision = recordAttempt(stored, failed, now, () => 0);
      if (decision.next !== 'retry') throw new Error(`attempt ${n} was not retried`);
      const expected = nextAttempt(n, T0, now, () => 0);
      expect(expected).not.toBe('give-up');
      expect(decision.delaySeconds).toBe(expected === 'give-up' ? -1 : expected.delaySeconds);
      expect(decision.delivery.attempts.at(-1)?.number).toBe(n);
      expect(decision.delivery.version).toBe(n + 1);
      delays.push(decision.delaySeconds);
      stored = decision.delivery;
      now = new Date(now.getTime() + decision.delaySeconds * 1000);
    }
    // The lower end of each base delay: 30 s, 2 min, 10 min, 30 min halved.
    expect(delays).toEqual(BACKOFF_SCHEDULE_SECONDS.slice(0, 4).map((base) => base / 2));
    expect(delays).toEqual([15, 60, 300, 900]);
  });

  it('gives up on a failure that retrying cannot mend', () => {
    const decision = recordAttempt(
      delivery({ status: 'retrying', attempts: [attempt()], version: 2 }),
      { outcome: 'give-up', status: 404, durationMs: 40, error: 'HTTP 404' },
      at(30),
      half,
    );
    expect(decision.next).toBe('give-up');
    expect(decision.delivery.status).toBe('failed');
    expect(decision.delivery.version).toBe(3);
    expect(decision.delivery.attempts.at(-1)).toEqual({
      series: 1,
      number: 2,
      at: at(30).toISOString(),
      durationMs: 40,
      outcome: 'give-up',
      status: 404,
      error: 'HTTP 404',
    });
  });

  it('gives up on a retryable failure once 24 hours have passed since the series’ first attempt', () => {
    const retrying = delivery({
      status: 'retrying',
      attempts: [
        attempt({ at: at(0).toISOString() }),
        attempt({ number: 2, at: at(15).toISOString() }),
      ],
    });
    const justInside = recordAttempt(retrying, failed, at(RETRY_WINDOW_SECONDS - 1), half);
    expect(justInside.next).toBe('retry');
    expect(justInside.delivery.status).toBe('retrying');

    const after = recordAttempt(retrying, failed, at(RETRY_WINDOW_SECONDS), half);
    expect(after.next).toBe('give-up');
    expect(after.delivery.status).toBe('failed');
    expect(after.delivery.attempts.at(-1)).toMatchObject({ number: 3, outcome: 'give-up' });
    expect(after.delivery.attempts.at(-1)?.nextAttemptAt).toBeUndefined();
  });

  it('gives a new series its own 24-hour window and its own numbering', () => {
    // Series 1 started two days ago and failed; series 2 (a redelivery) has just begun.
    const oldAttempts = [
      attempt({ at: at(0).toISOString() }),
      attempt({ number: 2, at: at(15).toISOString(), outcome: 'give-up' }),
    ];
    const redelivered = delivery({ series: 2, status: 'pending', attempts: oldAttempts });
    const first = recordAttempt(redelivered, failed, at(48 * HOUR), half);
    expect(first.next).toBe('retry');
    expect(first.next === 'retry' && first.delaySeconds).toBe(23);
    expect(first.delivery.attempts.at(-1)).toMatchObject({ series: 2, number: 1 });

    // 23 h into series 2 it is still retried, with the second delay of the schedule.
    const second = recordAttempt(first.delivery, failed, at(71 * HOUR), half);
    expect(second.next === 'retry' && second.delaySeconds).toBe(90);
    expect(second.delivery.attempts.at(-1)).toMatchObject({ series: 2, number: 2 });

    // 24 h after series 2's first attempt it gives up.
    const third = recordAttempt(second.delivery, failed, at(72 * HOUR), half);
    expect(third.next).toBe('give-up');
    expect(third.delivery.attempts.map((kept) => [kept.series, kept.number])).toEqual([
      [1, 1],
      [1, 2],
      [2, 1],
      [2, 2],
      [2, 3],
    ]);
  });

  it(`keeps the newest ${MAX_KEPT_ATTEMPTS} attempts`, () => {
    // 28 attempts of an earlier series, then two of the current one.
    const earlier = Array.from({ length: MAX_KEPT_ATTEMPTS - 2 }, (_, index) =>
      attempt({ number: index + 1, at: at(index).toISOString() }),
    );
    const current = [
      attempt({ series: 2, number: 1, at: at(HOUR).toISOString() }),
      attempt({ series: 2, number: 2, at: at(HOUR + 15).toISOString() }),
    ];
    const full = delivery({ series: 2, status: 'retrying', attempts: [...earlier, ...current] });
    expect(full.attempts).toHaveLength(MAX_KEPT_ATTEMPTS);

    const next = recordAttempt(full, failed, at(HOUR + 100), half).delivery;
    expect(next.attempts).toHaveLength(MAX_KEPT_ATTEMPTS);
    expect(next.attempts[0]).toEqual(earlier[1]);
    expect(next.attempts.at(-1)).toMatchObject({
      series: 2,
      number: 3,
      at: at(HOUR + 100).toISOString(),
    });

    const again = recordAttempt(next, failed, at(HOUR + 200), half).delivery;
    expect(again.attempts).toHaveLength(MAX_KEPT_ATTEMPTS);
    expect(again.attempts[0]).toEqual(earlier[2]);
    expect(again.attempts.at(-1)).toMatchObject({ series: 2, number: 4 });
  });

  it('honours a longer Retry-After, up to the longest delay', () => {
    const asked = recordAttempt(
      delivery(),
      { ...failed, status: 429, retryAfterSeconds: 2 * HOUR },
      at(0),
      half,
    );
    expect(asked.next === 'retry' && asked.delaySeconds).toBe(2 * HOUR);
    expect(asked.delivery.attempts.at(-1)?.nextAttemptAt).toBe(at(2 * HOUR).toISOString());

    const tooLong = recordAttempt(
      delivery(),
      { ...failed, status: 503, retryAfterSeconds: 3 * 24 * HOUR },
      at(0),
      half,
    );
    expect(tooLong.next === 'retry' && tooLong.delaySeconds).toBe(MAX_DELAY_SECONDS);
    expect(tooLong.delivery.attempts.at(-1)?.nextAttemptAt).toBe(
      at(MAX_DELAY_SECONDS).toISOString(),
    );

    // A shorter one does not bring the retry forward.
    const shorter = recordAttempt(
      delivery(),
      { ...failed, status: 429, retryAfterSeconds: 1 },
      at(0),
      half,
    );
    expect(shorter.next === 'retry' && shorter.delaySeconds).toBe(23);
  });

  it('leaves the delivery it was given as it was', () => {
    const stored = delivery({ status: 'retrying', attempts: [attempt()], version: 2 });
    const copy = structuredClone(stored);
    recordAttempt(stored, failed, at(60), half);
    recordAttempt(stored, ok, at(60), half);
    expect(stored).toEqual(copy);
  });
});

describe('whether a delivery may be started again', () => {
  it.each(['delivered', 'failed', 'cancelled'] as const)('may redeliver a %s one', (status) => {
    expect(mayRedeliver(delivery({ status, updatedAt: at(0).toISOString() }), at(1))).toBe(true);
  });

  it('may not redeliver one that is still pending or being retried', () => {
    expect(mayRedeliver(delivery({ status: 'pending' }), at(60))).toBe(false);
    const retrying = delivery({ status: 'retrying', attempts: [attempt()] });
    expect(mayRedeliver(retrying, at(STUCK_AFTER_SECONDS * 10))).toBe(false);
  });

  it(`may redeliver a pending one whose series had no attempt for ${STUCK_AFTER_SECONDS} s`, () => {
    const queued = delivery({ status: 'pending', updatedAt: at(0).toISOString() });
    expect(mayRedeliver(queued, at(STUCK_AFTER_SECONDS - 1))).toBe(false);
    expect(mayRedeliver(queued, at(STUCK_AFTER_SECONDS))).toBe(true);

    // Attempts of an earlier series do not count: series 2 never got its first attempt.
    const restarted = delivery({
      series: 2,
      status: 'pending',
      attempts: [attempt({ outcome: 'give-up' })],
      updatedAt: at(0).toISOString(),
    });
    expect(mayRedeliver(restarted, at(STUCK_AFTER_SECONDS))).toBe(true);

    // One attempt in its series means the message arrived: not stuck, however long ago.
    const attempted = delivery({
      status: 'pending',
      attempts: [attempt({ outcome: 'retry' })],
      updatedAt: at(0).toISOString(),
    });
    expect(mayRedeliver(attempted, at(STUCK_AFTER_SECONDS * 10))).toBe(false);
  });
});
