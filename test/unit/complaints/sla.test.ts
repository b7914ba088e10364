import { describe, expect, it } from 'vitest';
import {
  BusinessCalendar,
  DEFAULT_CALENDAR,
} from '../../../shared/domain/calendar/business-calendar';
import {
  DEFAULT_SLA_POLICIES,
  dueCheckpoints,
  matchSlaPolicy,
  pauseSla,
  planSla,
  resumeSla,
  slaCheckpoints,
} from '../../../shared/domain/complaints/sla';

const calendar = new BusinessCalendar(DEFAULT_CALENDAR);
const facts = { category: 'delivery' as const, channel: 'web' as const, tier: 'standard' as const };

describe('SLA planning', () => {
  it('matches policies in order, falling back to the standard one', () => {
    expect(matchSlaPolicy(DEFAULT_SLA_POLICIES, { ...facts, priority: 'P1' }).id).toBe('p1-urgent');
    expect(matchSlaPolicy(DEFAULT_SLA_POLICIES, { ...facts, priority: 'P4' }).id).toBe('standard');
  });

  it('gives the first reply 24 business hours capped at 48 clock hours, and the resolution 48 clock hours', () => {
    // Monday 2026-11-23 10:00 in Shanghai: 24 business hours would end Wednesday 16:00 (8 h on
    // Monday, 9 on Tuesday, 7 on Wednesday); the 48-clock-hour cap ends Wednesday 10:00 first.
    const received = new Date('2026-11-23T10:00:00+08:00');
    const sla = planSla(
      calendar,
      matchSlaPolicy(DEFAULT_SLA_POLICIES, { ...facts, priority: 'P3' }),
      received,
    );
    expect(sla.firstResponseDue).toBe(new Date('2026-11-25T10:00:00+08:00').toISOString());
    expect(sla.resolutionDue).toBe(new Date('2026-11-25T10:00:00+08:00').toISOString());
    expect(sla.warnings).toEqual([]);
  });

  it('counts the business target when it ends before the cap', () => {
    // P2: 8 business hours from Monday 10:00 end at Monday's close, well within 48 clock hours.
    const sla = planSla(
      calendar,
      matchSlaPolicy(DEFAULT_SLA_POLICIES, { ...facts, priority: 'P2' }),
      new Date('2026-11-23T10:00:00+08:00'),
    );
    expect(sla.firstResponseDue).toBe(new Date('2026-11-23T18:00:00+08:00').toISOString());
  });

  it('does not make the customer wait out the National Day holiday week for a first reply', () => {
    const received = new Date('2026-09-30T17:00:00+08:00');
    for (const priority of ['P2', 'P3'] as const) {
      const policy = matchSlaPolicy(DEFAULT_SLA_POLICIES, { ...facts, priority });
      // On business hours alone: 1 h on 09-30, nothing until Thursday 10-08 (make-up days
      // counted); 48 clock hours end Friday 10-02 17:00.
      const uncapped = planSla(
        calendar,
        { ...policy, firstResponse: { ...policy.firstResponse, maxClockHours: null } },
        received,
      );
      expect(Date.parse(uncapped.firstResponseDue)).toBeGreaterThanOrEqual(
        Date.parse('2026-10-08T16:00:00+08:00'),
      );
      const sla = planSla(calendar, policy, received);
      expect(sla.firstResponseDue).toBe(new Date('2026-10-02T17:00:00+08:00').toISOString());
    }
  });

  it('says so when a year has no holiday data', () => {
    const sla = planSla(calendar, DEFAULT_SLA_POLICIES[2]!, new Date('2031-03-03T10:00:00+08:00'));
    expect(sla.warnings.join(' ')).toMatch(/2031/);
  });
});

describe('SLA checkpoints', () => {
  const received = new Date('2026-11-23T10:00:00+08:00');
  const progress = { receivedAt: received.toISOString(), open: true };
  const plan = () => planSla(calendar, DEFAULT_SLA_POLICIES[2]!, received);

  it('warns at 80 %, breaches at 100 %, escalates at the first breach and again later', () => {
    const checkpoints = slaCheckpoints(calendar, plan(), progress).map(({ key, at }) => [key, at]);
    // Both targets end 48 clock hours after Monday 10:00 (warnings at 38.4 h, Wednesday 00:24).
    // Escalation 1 at the breach, Wednesday 10:00 (working time); escalation 2 is 8 h later,
    // 18:00, when the day's window has closed: the standard policy waits until Thursday 09:00.
    const at = (local: string) => new Date(`${local}+08:00`).toISOString();
    expect(checkpoints).toEqual([
      ['firstResponse:warning', at('2026-11-25T00:24:00')],
      ['resolution:warning', at('2026-11-25T00:24:00')],
      ['escalation:1', at('2026-11-25T10:00:00')],
      ['firstResponse:breach', at('2026-11-25T10:00:00')],
      ['resolution:breach', at('2026-11-25T10:00:00')],
      ['escalation:2', at('2026-11-26T09:00:00')],
    ]);
  });

  it('raises nothing before its moment and everything due at once after it', () => {
    const sla = plan();
    const [first] = slaCheckpoints(calendar, sla, progress);
    const before = new Date(Date.parse(first!.at) - 1);
    expect(dueCheckpoints(calendar, sla, progress, before).due).toEqual([]);
    const late = dueCheckpoints(calendar, sla, progress, new Date('2026-12-31T00:00:00Z'));
    expect(late.due).toHaveLength(6);
    expect(late.nextCheckAt).toBeUndefined();
  });

  it('drops the first-response checkpoints once replied, and all of them once resolved', () => {
    const replied = slaCheckpoints(calendar, plan(), {
      ...progress,
      firstRespondedAt: received.toISOString(),
    });
    expect(
      replied.some(
        (checkpoint) => checkpoint.target === 'firstResponse' && checkpoint.kind !== 'escalation',
      ),
    ).toBe(false);
    expect(slaCheckpoints(calendar, plan(), { ...progress, open: false })).toEqual([]);
  });

  it('pauses without checkpoints and adds the paused time back on resume', () => {
    const paused = pauseSla(plan(), new Date('2026-11-23T12:00:00+08:00'));
    expect(paused.nextCheckAt).toBeUndefined();
    expect(
      dueCheckpoints(calendar, paused, progress, new Date('2026-12-31T00:00:00Z')).due,
    ).toEqual([]);
    const resumed = resumeSla(calendar, paused, progress, new Date('2026-11-24T12:00:00+08:00'));
    expect(resumed.pausedCalendarMs).toBe(24 * 3_600_000);
    expect(resumed.pausedBusinessMs).toBe(9 * 3_600_000);
    expect(Date.parse(resumed.resolutionDue) - Date.parse(plan().resolutionDue)).toBe(
      24 * 3_600_000,
    );
    // The capped first reply moves by the calendar time paused, like the clock it is counted on.
    expect(Date.parse(resumed.firstResponseDue) - Date.parse(plan().firstResponseDue)).toBe(
      24 * 3_600_000,
    );
    expect(resumed.pauses).toEqual([
      { from: paused.pausedAt, to: new Date('2026-11-24T12:00:00+08:00').toISOString() },
    ]);
  });
});
