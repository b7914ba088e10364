import { type DeliveryOutcome, nextAttempt } from './retry-policy';
import type { WebhookSourceEvent } from './payload';

/**
 * One event on its way to one subscription. Attempts come in series: the first series starts when
 * the event is fanned out; a redelivery (by API, or by redriving the DLQ) starts the next one, with
 * a fresh 24-hour retry window. Queue messages name their series, so a message of an older series
 * is recognized and dropped.
 */
export type DeliveryStatus = 'pending' | 'retrying' | 'delivered' | 'failed' | 'cancelled';

export interface DeliveryAttempt {
  series: number;
  /** 1, 2, … within the series. */
  number: number;
  at: string;
  durationMs: number;
  outcome: DeliveryOutcome;
  /** The receiver's HTTP status, when it answered. */
  status?: number | undefined;
  /** Short and safe to show: no stack, no body. */
  error?: string | undefined;
  /** When the next attempt is due (after a failed one that is retried). */
  nextAttemptAt?: string | undefined;
}

export interface WebhookDelivery {
  subscriptionId: string;
  eventId: string;
  event: WebhookSourceEvent;
  orderingKey: string;
  series: number;
  status: DeliveryStatus;
  /** Newest last; at most MAX_KEPT_ATTEMPTS, older ones are dropped. */
  attempts: DeliveryAttempt[];
  createdAt: string;
  updatedAt: string;
  /** Optimistic concurrency of the record. */
  version: number;
}

/** What a delivery message in the queue names: the delivery and the series it belongs to. */
export interface DeliveryWork {
  subscriptionId: string;
  eventId: string;
  series: number;
  /** Set on the copy moved to the DLQ: redriving it starts the next series. */
  deadLettered?: boolean | undefined;
}

export const MAX_KEPT_ATTEMPTS = 30;

export const newDelivery = (input: {
  subscriptionId: string;
  event: WebhookSourceEvent;
  orderingKey: string;
  now: Date;
}): WebhookDelivery => ({
  subscriptionId: input.subscriptionId,
  eventId: input.event.eventId,
  event: input.event,
  orderingKey: input.orderingKey,
  series: 1,
  status: 'pending',
  attempts: [],
  createdAt: input.now.toISOString(),
  updatedAt: input.now.toISOString(),
  version: 1,
});

/** A series queued this long ago without a single attempt was lost on the way to the queue. */
export const STUCK_AFTER_SECONDS = 15 * 60;

/**
 * Whether a delivery may be started again: when it ended, or when its series never got a first
 * attempt in STUCK_AFTER_SECONDS (its queue message was never sent). One still being retried may
 * not: it would be sent twice.
 */
export const mayRedeliver = (delivery: WebhookDelivery, now: Date): boolean => {
  if (delivery.status !== 'pending' && delivery.status !== 'retrying') return true;
  const attempted = delivery.attempts.some((attempt) => attempt.series === delivery.series);
  return !attempted && now.getTime() - Date.parse(delivery.updatedAt) >= STUCK_AFTER_SECONDS * 1000;
};

export const startNextSeries = (delivery: WebhookDelivery, now: Date): WebhookDelivery => ({
  ...delivery,
  series: delivery.series + 1,
  status: 'pending',
  updatedAt: now.toISOString(),
  version: delivery.version + 1,
});

export type WorkVerdict =
  | { act: 'attempt'; delivery: WebhookDelivery }
  | { act: 'drop'; reason: 'superseded' | 'already-delivered' | 'already-ended' };

/**
 * What a received message asks for, given the stored delivery. Repeats and messages of older
 * series are dropped; the DLQ's copy of a failed delivery, redriven, starts the next series.
 */
export const judgeWork = (
  work: DeliveryWork,
  delivery: WebhookDelivery,
  now: Date,
): WorkVerdict => {
  if (work.deadLettered === true && work.series === delivery.series) {
    return delivery.status === 'failed'
      ? { act: 'attempt', delivery: startNextSeries(delivery, now) }
      : { act: 'drop', reason: 'superseded' };
  }
  if (work.series !== delivery.series) return { act: 'drop', reason: 'superseded' };
  if (delivery.status === 'delivered') return { act: 'drop', reason: 'already-delivered' };
  if (delivery.status === 'failed' || delivery.status === 'cancelled') {
    return { act: 'drop', reason: 'already-ended' };
  }
  return { act: 'attempt', delivery };
};

const attemptsOfSeries = (delivery: WebhookDelivery) =>
  delivery.attempts.filter((attempt) => attempt.series === delivery.series);

export interface AttemptReport {
  outcome: DeliveryOutcome;
  status?: number | undefined;
  durationMs: number;
  error?: string | undefined;
  retryAfterSeconds?: number | undefined;
}

export type AttemptDecision =
  | { next: 'done'; delivery: WebhookDelivery }
  | { next: 'retry'; delaySeconds: number; delivery: WebhookDelivery }
  | { next: 'give-up'; delivery: WebhookDelivery };

/**
 * Records an attempt and decides what follows: done, retry after a delay (the policy's backoff,
 * within the series' 24-hour window) or give up. `now` is Kefu's clock, which the retry window is
 * measured on.
 */
export const recordAttempt = (
  delivery: WebhookDelivery,
  report: AttemptReport,
  now: Date,
  random: () => number,
): AttemptDecision => {
  const previous = attemptsOfSeries(delivery);
  const number = previous.length + 1;
  const firstAt = previous[0] ? new Date(previous[0].at) : now;
  const base: DeliveryAttempt = {
    series: delivery.series,
    number,
    at: now.toISOString(),
    durationMs: report.durationMs,
    outcome: report.outcome,
    ...(report.status === undefined ? {} : { status: report.status }),
    ...(report.error === undefined ? {} : { error: report.error }),
  };
  const updated = (status: DeliveryStatus, attempt: DeliveryAttempt): WebhookDelivery => ({
    ...delivery,
    status,
    attempts: [...delivery.attempts, attempt].slice(-MAX_KEPT_ATTEMPTS),
    updatedAt: now.toISOString(),
    version: delivery.version + 1,
  });
  if (report.outcome === 'delivered') return { next: 'done', delivery: updated('delivered', base) };
  const retry =
    report.outcome === 'retry'
      ? nextAttempt(number, firstAt, now, random, { retryAfterSeconds: report.retryAfterSeconds })
      : 'give-up';
  if (retry === 'give-up') {
    return { next: 'give-up', delivery: updated('failed', { ...base, outcome: 'give-up' }) };
  }
  const nextAttemptAt = new Date(now.getTime() + retry.delaySeconds * 1000).toISOString();
  return {
    next: 'retry',
    delaySeconds: retry.delaySeconds,
    delivery: updated('retrying', { ...base, nextAttemptAt }),
  };
};
