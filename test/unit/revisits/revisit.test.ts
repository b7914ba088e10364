import { describe, expect, it } from 'vitest';
import {
  BusinessCalendar,
  DEFAULT_CALENDAR,
} from '../../../shared/domain/calendar/business-calendar';
import {
  DEFAULT_REVISIT_POLICIES,
  dueAfter,
  type LegacyRevisitPolicy,
  migrateRevisitPolicy,
  windowAfter,
  withinContactHours,
} from '../../../shared/domain/revisits/policy';
import {
  completedOnTime,
  planRevisit,
  readRevisit,
  recordOutcome,
} from '../../../shared/domain/revisits/revisit';

const calendar = new BusinessCalendar(DEFAULT_CALENDAR);
const policy = DEFAULT_REVISIT_POLICIES[0]!;
const now = new Date('2026-11-23T02:00:00Z');
const revisit = () =>
  planRevisit(
    'R1',
    policy,
    { customerId: 'C1', cause: { type: 'service', id: 'S1' }, assigneeId: 'tech-1' },
    { opensAt: now, dueAt: new Date('2026-11-26T02:00:00Z') },
    now,
  );

describe('revisit windows', () => {
  it('opens the post-service call at handover with its deadline 72 hours later (修后交车72小时内)', () => {
    const handover = new Date('2026-11-20T19:00:00+08:00');
    const window = windowAfter(calendar, handover, policy);
    expect(policy.id).toBe('post-service');
    expect(window.opensAt.toISOString()).toBe(handover.toISOString());
    expect(window.dueAt.getTime() - handover.getTime()).toBe(72 * 3_600_000);
  });

  it('opens the periodic maintenance reminder when it falls due, at 3 months', () => {
    const periodic = DEFAULT_REVISIT_POLICIES.find((p) => p.id === 'periodic-maintenance')!;
    const window = windowAfter(calendar, now, periodic);
    expect(window.opensAt.toISOString()).toBe('2027-02-23T02:00:00.000Z');
    expect(window.dueAt.toISOString()).toBe('2027-02-23T02:00:00.000Z');
  });

  it('never puts the deadline before the opening', () => {
    const window = windowAfter(calendar, now, {
      opensAfter: { amount: 2, unit: 'days' },
      dueWithin: { amount: 24, unit: 'hours' },
    });
    expect(window.dueAt.toISOString()).toBe(window.opensAt.toISOString());
  });

  it('is on time when completed by the deadline, late after it', () => {
    const planned = revisit();
    expect(planned.opensAt).toBe(now.toISOString());
    expect(completedOnTime(planned, '2026-11-26T01:00:00.000Z')).toBe(true);
    expect(completedOnTime(planned, '2026-11-26T02:00:00.000Z')).toBe(true);
    expect(completedOnTime(planned, '2026-11-26T03:00:00.000Z')).toBe(false);
  });
});

describe('policies stored before windows', () => {
  const legacy = (channel: 'phone' | 'email'): LegacyRevisitPolicy => ({
    id: 'old',
    description: 'stored with a delay',
    trigger: { type: 'service', kinds: ['repair'] },
    delay: { amount: 72, unit: 'hours' },
    channel,
    owner: 'service-staff',
    maxAttempts: 2,
    retrySpacingHours: 12,
    surveyAfter: true,
  });

  it('read a call with its delay as the deadline and the window open at once, nothing else lost', () => {
    const { delay: _delay, ...rest } = legacy('phone');
    expect(migrateRevisitPolicy(legacy('phone'))).toEqual({
      ...rest,
      opensAfter: { amount: 0, unit: 'hours' },
      dueWithin: { amount: 72, unit: 'hours' },
    });
  });

  it('read an email reminder opening at its delay, when it was sent before', () => {
    expect(migrateRevisitPolicy(legacy('email'))).toMatchObject({
      opensAfter: { amount: 72, unit: 'hours' },
      dueWithin: { amount: 72, unit: 'hours' },
    });
    expect(migrateRevisitPolicy(legacy('email'))).not.toHaveProperty('delay');
  });

  it('leave a policy with a window as it is', () => {
    expect(migrateRevisitPolicy(policy)).toEqual(policy);
  });
});

describe('revisits stored before windows', () => {
  it('open at their old due time, which stays their deadline', () => {
    const { opensAt: _opensAt, ...stored } = revisit();
    const read = readRevisit(stored);
    expect(read.opensAt).toBe(stored.dueAt);
    expect(read.dueAt).toBe(stored.dueAt);
    expect(readRevisit(revisit()).opensAt).toBe(now.toISOString());
  });
});

describe('revisit delays', () => {
  it('counts hours, days and months on the wall clock', () => {
    const from = new Date('2026-11-23T02:00:00Z');
    expect(dueAfter(calendar, from, { amount: 72, unit: 'hours' }).toISOString()).toBe(
      '2026-11-26T02:00:00.000Z',
    );
    expect(dueAfter(calendar, from, { amount: 7, unit: 'days' }).toISOString()).toBe(
      '2026-11-30T02:00:00.000Z',
    );
    expect(dueAfter(calendar, from, { amount: 3, unit: 'months' }).toISOString()).toBe(
      '2027-02-23T02:00:00.000Z',
    );
  });

  it('skips the National Day holiday and counts its make-up Saturday for business days', () => {
    // Tuesday 2026-09-29 10:00 Shanghai; working days: 09-30, then 10-08 (Thu), 10-09, 10-10 (make-up Sat).
    const from = new Date('2026-09-29T10:00:00+08:00');
    expect(dueAfter(calendar, from, { amount: 3, unit: 'business-days' }).toISOString()).toBe(
      new Date('2026-10-09T10:00:00+08:00').toISOString(),
    );
    expect(dueAfter(calendar, from, { amount: 4, unit: 'business-days' }).toISOString()).toBe(
      new Date('2026-10-10T10:00:00+08:00').toISOString(),
    );
  });
});

describe('revisit outcomes', () => {
  it('completes when the customer is reached, keeping the score', () => {
    const done = recordOutcome(revisit(), { reached: true, score: 4, notes: 'ok' }, 'tech-1', now);
    expect(done).toMatchObject({
      status: 'completed',
      outcome: { score: 4, notes: 'ok' },
      version: 2,
    });
    expect(done.attempts).toHaveLength(1);
  });

  it('reopens the window after the spacing, keeping the deadline, then gives up after the last', () => {
    let current = revisit();
    const deadline = current.dueAt;
    for (let attempt = 1; attempt < policy.maxAttempts; attempt++) {
      current = recordOutcome(current, { reached: false }, 'tech-1', now);
      expect(current.status).toBe('planned');
      expect(current.opensAt).toBe(
        new Date(now.getTime() + policy.retrySpacingHours * 3_600_000).toISOString(),
      );
      expect(current.dueAt).toBe(deadline);
    }
    expect(recordOutcome(current, { reached: false }, 'tech-1', now).status).toBe('unreachable');
  });
});

describe('preferred contact hours', () => {
  const hours = { from: '14:00', to: '17:00' };
  const zone = 'Asia/Shanghai';
  it('keeps a call inside the window, moves an early one to its start and a late one to the next day', () => {
    expect(
      withinContactHours(new Date('2026-11-26T15:00:00+08:00'), hours, zone).toISOString(),
    ).toBe(new Date('2026-11-26T15:00:00+08:00').toISOString());
    expect(
      withinContactHours(new Date('2026-11-26T10:00:00+08:00'), hours, zone).toISOString(),
    ).toBe(new Date('2026-11-26T14:00:00+08:00').toISOString());
    expect(
      withinContactHours(new Date('2026-11-26T18:30:00+08:00'), hours, zone).toISOString(),
    ).toBe(new Date('2026-11-27T14:00:00+08:00').toISOString());
  });
});
