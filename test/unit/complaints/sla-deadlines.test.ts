import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  BusinessCalendar,
  DEFAULT_CALENDAR,
  hours,
} from '../../../shared/domain/calendar/business-calendar';
import {
  type ComplaintSla,
  DEFAULT_SLA_POLICIES,
  deadlinesView,
  planSla,
  policyIncoherence,
  resumeSla,
  pauseSla,
  slaCheckpoints,
  type SlaPolicy,
  type SlaTarget,
  targetMoments,
} from '../../../shared/domain/complaints/sla';

const calendar = new BusinessCalendar(DEFAULT_CALENDAR);
const policy = (id: string): SlaPolicy => {
  const found = DEFAULT_SLA_POLICIES.find((candidate) => candidate.id === id);
  if (!found) throw new Error(`no default policy ${id}`);
  return found;
};
const shanghai = (local: string) => new Date(`${local}+08:00`);
const iso = (local: string) => shanghai(local).toISOString();
const open = (received: Date) => ({ receivedAt: received.toISOString(), open: true });
const at = (sla: ComplaintSla, received: Date, key: string) =>
  slaCheckpoints(calendar, sla, open(received)).find((checkpoint) => checkpoint.key === key)?.at;

describe('the 48-clock-hour cap on the first reply', () => {
  it('is due by Friday 17:00 for a complaint filed on the eve of National Day (Wed 2026-09-30 17:00)', () => {
    const received = shanghai('2026-09-30T17:00:00');
    const sla = planSla(calendar, policy('standard'), received);
    expect(sla.firstResponseDue).toBe(iso('2026-10-02T17:00:00'));
    expect(sla.resolutionDue).toBe(iso('2026-10-02T17:00:00'));
    expect(at(sla, received, 'firstResponse:warning')).toBe(iso('2026-10-02T07:24:00'));
  });

  it('is due by Sunday 17:00 for a complaint filed on a Friday at 17:00', () => {
    const received = shanghai('2026-11-27T17:00:00');
    for (const id of ['standard', 'p2-high']) {
      expect(planSla(calendar, policy(id), received).firstResponseDue).toBe(
        iso('2026-11-29T17:00:00'),
      );
    }
    // Urgent complaints are capped tighter: 12 clock hours, Saturday 05:00.
    expect(planSla(calendar, policy('p1-urgent'), received).firstResponseDue).toBe(
      iso('2026-11-28T05:00:00'),
    );
  });

  it('applies the default cap to a target that states none, and no cap when it says null', () => {
    const received = shanghai('2026-11-27T17:00:00');
    const stated: SlaTarget = { afterMs: hours(24), clock: 'business' };
    const stored: SlaPolicy = {
      id: 'stored-before-caps',
      when: {},
      firstResponse: stated,
      resolution: { afterMs: hours(72), clock: 'calendar' },
    };
    expect(planSla(calendar, stored, received).firstResponseDue).toBe(iso('2026-11-29T17:00:00'));
    expect(planSla(calendar, stored, received).resolutionDue).toBe(iso('2026-11-30T17:00:00'));
    const uncapped = { ...stored, firstResponse: { ...stated, maxClockHours: null } };
    // 1 h on Friday, 9 Monday, 9 Tuesday, 5 Wednesday.
    expect(planSla(calendar, uncapped, received).firstResponseDue).toBe(iso('2026-12-02T14:00:00'));
    const tighter = { ...stored, firstResponse: { ...stated, maxClockHours: 6 } };
    expect(planSla(calendar, tighter, received).firstResponseDue).toBe(iso('2026-11-27T23:00:00'));
  });

  it('holds a complaint routed before the cap existed (its copy states none) to the default cap', () => {
    const received = shanghai('2026-11-27T17:00:00');
    const routedBefore = planSla(calendar, policy('standard'), received);
    const { maxClockHours: _dropped, ...withoutCap } = routedBefore.firstResponse;
    const old: ComplaintSla = {
      ...routedBefore,
      firstResponse: withoutCap,
      firstResponseDue: iso('2026-12-02T14:00:00'),
    };
    const view = deadlinesView(calendar, old, open(received), received);
    expect(view.firstResponse.due).toBe(iso('2026-11-29T17:00:00'));
    expect(at(old, received, 'firstResponse:breach')).toBe(iso('2026-11-29T17:00:00'));
  });

  it('moves by the calendar time paused, whatever the business clock paused', () => {
    const received = shanghai('2026-11-27T17:00:00');
    const planned = planSla(calendar, policy('standard'), received);
    // Waiting on the customer from Friday 18:00 to Monday 12:00: 66 clock hours, 3 business.
    const paused = pauseSla(planned, shanghai('2026-11-27T18:00:00'));
    const resumed = resumeSla(calendar, paused, open(received), shanghai('2026-11-30T12:00:00'));
    expect(resumed.pausedCalendarMs).toBe(hours(66));
    expect(resumed.pausedBusinessMs).toBe(hours(3));
    expect(resumed.firstResponseDue).toBe(iso('2026-12-02T11:00:00'));
    expect(Date.parse(resumed.resolutionDue)).toBeGreaterThanOrEqual(
      Date.parse(resumed.firstResponseDue),
    );
  });
});

describe('coherent deadlines', () => {
  it('finds every default policy coherent', () => {
    for (const candidate of DEFAULT_SLA_POLICIES)
      expect(policyIncoherence(candidate)).toBeUndefined();
  });

  it('never lets a default policy resolve before the first reply, whenever it is filed (2025–2026, weekends and holidays)', () => {
    const from = Date.parse('2025-01-01T00:00:00+08:00');
    const to = Date.parse('2026-12-31T23:59:00+08:00');
    fc.assert(
      fc.property(
        fc.constantFrom(...DEFAULT_SLA_POLICIES),
        fc.integer({ min: from / 60_000, max: to / 60_000 }),
        fc.option(
          fc.tuple(fc.integer({ min: 0, max: 96 * 60 }), fc.integer({ min: 1, max: 240 * 60 })),
        ),
        (candidate, minute, pause) => {
          const received = new Date(minute * 60_000);
          let sla = planSla(calendar, candidate, received);
          if (pause) {
            const start = new Date(received.getTime() + pause[0] * 60_000);
            sla = resumeSla(
              calendar,
              pauseSla(sla, start),
              open(received),
              new Date(start.getTime() + pause[1] * 60_000),
            );
          }
          // The targets as the policy states them, without the safety net that holds a stored
          // incoherent policy's resolution to the first reply.
          const first = targetMoments(calendar, sla, 'firstResponse', received.toISOString());
          const resolution = targetMoments(calendar, sla, 'resolution', received.toISOString());
          expect(resolution.breach.getTime()).toBeGreaterThanOrEqual(first.breach.getTime());
          expect(first.breach.getTime() - received.getTime()).toBeLessThanOrEqual(
            hours(48) + sla.pausedCalendarMs,
          );
        },
      ),
      { numRuns: 400 },
    );
  });

  it('the rule behind PUT /sla-policies: a policy it accepts never resolves before the first reply', () => {
    const sparse = new BusinessCalendar({
      ...DEFAULT_CALENDAR,
      workingHours: { weekdays: [2, 4], windows: [{ start: '10:00', end: '12:00' }] },
    });
    const always = new BusinessCalendar({
      ...DEFAULT_CALENDAR,
      usePublicHolidays: false,
      workingHours: {
        weekdays: [1, 2, 3, 4, 5, 6, 7],
        windows: [{ start: '00:00', end: '24:00' }],
      },
    });
    const target = fc.record({
      afterMs: fc.integer({ min: 1, max: 120 }).map(hours),
      clock: fc.constantFrom('business' as const, 'calendar' as const),
      maxClockHours: fc.option(fc.integer({ min: 1, max: 120 }), { nil: undefined }),
    });
    fc.assert(
      fc.property(
        target,
        target,
        fc.constantFrom(calendar, sparse, always),
        fc.integer({
          min: Date.parse('2026-01-01') / 60_000,
          max: Date.parse('2026-12-20') / 60_000,
        }),
        (firstResponse, resolution, on, minute) => {
          const candidate: SlaPolicy = { id: 'random', when: {}, firstResponse, resolution };
          fc.pre(policyIncoherence(candidate) === undefined);
          const received = new Date(minute * 60_000).toISOString();
          const sla = { firstResponse, resolution, pausedBusinessMs: 0, pausedCalendarMs: 0 };
          const first = targetMoments(on, sla, 'firstResponse', received).breach;
          const last = targetMoments(on, sla, 'resolution', received).breach;
          expect(last.getTime()).toBeGreaterThanOrEqual(first.getTime());
        },
      ),
      { numRuns: 300 },
    );
  });

  it('refuses, with its id and why, a policy whose resolution can fall before the first reply', () => {
    // The P1 defaults before the cap were coherent only on weekdays: 2 business hours capped at
    // 48 clock hours against 24 clock hours for the resolution.
    const oldUrgent: SlaPolicy = {
      id: 'old-urgent',
      when: {},
      firstResponse: { afterMs: hours(2), clock: 'business' },
      resolution: { afterMs: hours(24), clock: 'calendar' },
    };
    expect(policyIncoherence(oldUrgent)).toMatch(/^policy old-urgent: the resolution/);
    // The old standard policy: filed Thursday 14:28, resolution Saturday 14:28, reply Tuesday.
    const oldStandard: SlaPolicy = {
      id: 'old-standard',
      when: {},
      firstResponse: { afterMs: hours(24), clock: 'business', maxClockHours: null },
      resolution: { afterMs: hours(48), clock: 'calendar' },
    };
    expect(policyIncoherence(oldStandard)).toContain('old-standard');
    // Same clock, resolution target no smaller but a smaller cap: can still fall earlier.
    expect(
      policyIncoherence({
        id: 'capped-resolution',
        when: {},
        firstResponse: { afterMs: hours(8), clock: 'business', maxClockHours: 72 },
        resolution: { afterMs: hours(16), clock: 'business', maxClockHours: 24 },
      }),
    ).toBeDefined();
    // Accepted: both on business hours, resolution target and cap no smaller.
    expect(
      policyIncoherence({
        id: 'business-both',
        when: {},
        firstResponse: { afterMs: hours(8), clock: 'business' },
        resolution: { afterMs: hours(40), clock: 'business' },
      }),
    ).toBeUndefined();
    // Accepted: the resolution's 24 clock hours never come before a 12-clock-hour cap.
    expect(
      policyIncoherence({
        ...oldUrgent,
        firstResponse: { ...oldUrgent.firstResponse, maxClockHours: 12 },
      }),
    ).toBeUndefined();
  });
});

describe('escalations outside working hours', () => {
  it('wait for the next working hour when the policy says so (the standard policy)', () => {
    // Friday 19:00: breach Sunday 19:00; supervisor Monday 09:00, head 8 h after, Monday 17:00.
    const received = shanghai('2026-11-27T19:00:00');
    const sla = planSla(calendar, policy('standard'), received);
    expect(sla.escalationsWaitForWorkingHours).toBe(true);
    expect(at(sla, received, 'firstResponse:breach')).toBe(iso('2026-11-29T19:00:00'));
    expect(at(sla, received, 'escalation:1')).toBe(iso('2026-11-30T09:00:00'));
    expect(at(sla, received, 'escalation:2')).toBe(iso('2026-11-30T17:00:00'));
  });

  it('wait past a holiday week: breached on 10-02, escalated when work resumes on 10-08', () => {
    const received = shanghai('2026-09-30T17:00:00');
    const sla = planSla(calendar, policy('standard'), received);
    expect(at(sla, received, 'escalation:1')).toBe(iso('2026-10-08T09:00:00'));
    expect(at(sla, received, 'escalation:2')).toBe(iso('2026-10-08T17:00:00'));
  });

  it('go out when due, day or night, for urgent complaints and for policies that do not say', () => {
    const received = shanghai('2026-11-27T19:00:00');
    const urgent = planSla(calendar, policy('p1-urgent'), received);
    expect(at(urgent, received, 'escalation:1')).toBe(iso('2026-11-28T07:00:00'));
    expect(at(urgent, received, 'escalation:2')).toBe(iso('2026-11-28T15:00:00'));
    const { escalationsWaitForWorkingHours: _unsaid, ...silent } = policy('standard');
    const plain = planSla(calendar, { ...silent, id: 'silent' }, received);
    expect(plain.escalationsWaitForWorkingHours).toBeUndefined();
    expect(at(plain, received, 'escalation:1')).toBe(iso('2026-11-29T19:00:00'));
    expect(at(plain, received, 'escalation:2')).toBe(iso('2026-11-30T03:00:00'));
  });

  it('leave an escalation due in working time where it is', () => {
    const received = shanghai('2026-11-23T10:00:00');
    const sla = planSla(calendar, policy('standard'), received);
    expect(at(sla, received, 'escalation:1')).toBe(iso('2026-11-25T10:00:00'));
    expect(at(sla, received, 'escalation:2')).toBe(iso('2026-11-26T09:00:00'));
  });
});
