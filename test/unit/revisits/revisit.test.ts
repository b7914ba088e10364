import { describe, expect, it } from 'vitest';
import {
  BusinessCalendar,
  DEFAULT_CALENDAR,
} from '../../../shared/domain/calendar/business-calendar';
import {
  DEFAULT_REVISIT_POLICIES,
  dueAfter,
  withinContactHours,
} from '../../../shared/domain/revisits/policy';
import { planRevisit, recordOutcome } from '../../../shared/domain/revisits/revisit';

const calendar = new BusinessCalendar(DEFAULT_CALENDAR);
const policy = DEFAULT_REVISIT_POLICIES[0]!;
const now = new Date('2026-11-23T02:00:00Z');
const revisit = () =>
  planRevisit(
    'R1',
    policy,
    { customerId: 'C1', cause: { type: 'service', id: 'S1' }, assigneeId: 'tech-1' },
    new Date('2026-11-26T02:00:00Z'),
    now,
  );

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

  it('plans the next attempt after the spacing, then gives up after the last', () => {
    let current = revisit();
    for (let attempt = 1; attempt < policy.maxAttempts; attempt++) {
      current = recordOutcome(current, { reached: false }, 'tech-1', now);
      expect(current.status).toBe('planned');
      expect(current.dueAt).toBe(
        new Date(now.getTime() + policy.retrySpacingHours * 3_600_000).toISOString(),
      );
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
