import { describe, expect, it } from 'vitest';
import {
  BusinessCalendar,
  DEFAULT_CALENDAR,
} from '../../../shared/domain/calendar/business-calendar';
import {
  DEFAULT_SLA_POLICIES,
  matchSlaPolicy,
  planSla,
} from '../../../shared/domain/complaints/sla';

const calendar = new BusinessCalendar(DEFAULT_CALENDAR);
const facts = { category: 'delivery' as const, channel: 'web' as const, tier: 'standard' as const };

describe('SLA planning', () => {
  it('matches policies in order, falling back to the standard one', () => {
    expect(matchSlaPolicy(DEFAULT_SLA_POLICIES, { ...facts, priority: 'P1' }).id).toBe('p1-urgent');
    expect(matchSlaPolicy(DEFAULT_SLA_POLICIES, { ...facts, priority: 'P4' }).id).toBe('standard');
  });

  it('gives the first reply 24 business hours and the resolution 48 clock hours', () => {
    // Monday 2026-11-23 10:00 in Shanghai: 8 h on Monday, 9 on Tuesday, 7 on Wednesday → 16:00.
    const received = new Date('2026-11-23T10:00:00+08:00');
    const sla = planSla(
      calendar,
      matchSlaPolicy(DEFAULT_SLA_POLICIES, { ...facts, priority: 'P3' }),
      received,
    );
    expect(sla.firstResponseDue).toBe(new Date('2026-11-25T16:00:00+08:00').toISOString());
    expect(sla.resolutionDue).toBe(new Date('2026-11-25T10:00:00+08:00').toISOString());
    expect(sla.warnings).toEqual([]);
  });

  it('skips the National Day holiday week, counting its make-up Saturday', () => {
    const received = new Date('2026-09-30T17:00:00+08:00');
    const sla = planSla(
      calendar,
      matchSlaPolicy(DEFAULT_SLA_POLICIES, { ...facts, priority: 'P2' }),
      received,
    );
    // 1 h on 09-30, then nothing until Thursday 10-08; 7 more business hours end 10-08 16:00.
    expect(sla.firstResponseDue).toBe(new Date('2026-10-08T16:00:00+08:00').toISOString());
  });

  it('says so when a year has no holiday data', () => {
    const sla = planSla(calendar, DEFAULT_SLA_POLICIES[2]!, new Date('2031-03-03T10:00:00+08:00'));
    expect(sla.warnings.join(' ')).toMatch(/2031/);
  });
});
