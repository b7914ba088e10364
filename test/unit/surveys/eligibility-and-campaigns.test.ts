import { describe, expect, it } from 'vitest';
import {
  BusinessCalendar,
  DEFAULT_CALENDAR,
} from '../../../shared/domain/calendar/business-calendar';
import { createCustomer, type Customer } from '../../../shared/domain/customers/customer';
import {
  campaignStatus,
  emptyCounters,
  firstWorkingDayOfQuarter,
  inAudience,
  quarterlyCampaignDue,
  quarterOf,
  startCampaign,
} from '../../../shared/domain/surveys/campaign';
import { surveyEligibility } from '../../../shared/domain/surveys/eligibility';
import { takeToken } from '../../../shared/domain/surveys/send-rate';

const now = new Date('2026-11-23T02:00:00Z');
const customer = (overrides: Partial<Parameters<typeof createCustomer>[1]> = {}): Customer =>
  createCustomer(
    'C1',
    {
      name: '王芳',
      email: 'wang@example.com',
      consents: { surveys: { granted: true, source: 'web-form' } },
      tags: ['vip'],
      tier: 'gold',
      ...overrides,
    },
    now,
  );

const eligibility = (overrides: Partial<Parameters<typeof surveyEligibility>[0]> = {}) =>
  surveyEligibility({
    customer: customer(),
    suppressed: () => false,
    lastSurveyedAt: undefined,
    now,
    throttleDays: 30,
    ...overrides,
  });

describe('survey eligibility', () => {
  it('lets a consenting customer with a deliverable email through', () => {
    expect(eligibility()).toEqual({ eligible: true, email: 'wang@example.com' });
  });

  it('names the first reason a customer is skipped', () => {
    expect(eligibility({ customer: undefined })).toEqual({
      eligible: false,
      reason: 'not-in-archive',
    });
    expect(eligibility({ customer: customer({ consents: {} }) })).toMatchObject({
      reason: 'no-consent',
    });
    expect(
      eligibility({ customer: customer({ email: undefined, phone: '+8613900000000' }) }),
    ).toMatchObject({ reason: 'no-email' });
    expect(eligibility({ suppressed: (email) => email === 'wang@example.com' })).toMatchObject({
      reason: 'suppressed',
    });
    expect(eligibility({ lastSurveyedAt: '2026-11-01T00:00:00Z' })).toMatchObject({
      reason: 'recently-surveyed',
    });
    expect(eligibility({ lastSurveyedAt: '2026-10-23T01:59:59Z' })).toMatchObject({
      eligible: true,
    });
  });
});

describe('campaign audiences and the quarterly schedule', () => {
  it('matches every given criterion: a tag, a tier, a recent service', () => {
    const member = customer();
    expect(inAudience(member, {}, undefined, now)).toBe(true);
    expect(inAudience(member, { tags: ['new', 'vip'] }, undefined, now)).toBe(true);
    expect(inAudience(member, { tags: ['new'] }, undefined, now)).toBe(false);
    expect(inAudience(member, { tiers: ['platinum'] }, undefined, now)).toBe(false);
    expect(inAudience(member, { lastServiceWithinDays: 30 }, undefined, now)).toBe(false);
    expect(inAudience(member, { lastServiceWithinDays: 30 }, '2026-10-25T00:00:00Z', now)).toBe(
      true,
    );
    expect(inAudience(member, { lastServiceWithinDays: 30 }, '2026-10-23T00:00:00Z', now)).toBe(
      false,
    );
  });

  it('finds the first working day of a quarter on the holiday calendar', () => {
    const calendar = new BusinessCalendar(DEFAULT_CALENDAR);
    expect(firstWorkingDayOfQuarter('2026-10-20', calendar)).toBe('2026-10-08');
    expect(firstWorkingDayOfQuarter('2026-01-15', calendar)).toBe('2026-01-04');
    expect(firstWorkingDayOfQuarter('2026-05-31', calendar)).toBe('2026-04-01');
    expect(quarterOf('2026-12-31')).toBe('2026-Q4');
    // 10:00 Asia/Shanghai on 8 October 2026 is 02:00 UTC.
    expect(quarterlyCampaignDue(new Date('2026-10-08T02:00:00Z'), calendar)).toBe(
      'quarterly-2026-Q4',
    );
    expect(quarterlyCampaignDue(new Date('2026-10-09T02:00:00Z'), calendar)).toBeUndefined();
    expect(quarterlyCampaignDue(new Date('2026-10-01T02:00:00Z'), calendar)).toBeUndefined();
  });

  it('is complete once enumerated and every planned survey is settled', () => {
    const campaign = startCampaign(
      'K1',
      { name: 'x', trigger: 'manual', audience: {}, createdBy: 'me' },
      now,
    );
    expect(campaignStatus(campaign)).toBe('enumerating');
    const counters = { ...emptyCounters(), planned: 3, sent: 1 };
    counters.skipped['no-consent'] = 1;
    const enumerated = { ...campaign, counters, enumeratedAt: now.toISOString() };
    expect(campaignStatus(enumerated)).toBe('sending');
    expect(campaignStatus({ ...enumerated, counters: { ...counters, failed: 1 } })).toBe(
      'completed',
    );
  });
});

describe('the shared SES send rate', () => {
  it('grants a full burst, then one token per 1/rate seconds', () => {
    let state;
    for (let i = 0; i < 14; i++) {
      const result = takeToken(state, 1_000, 14, 14);
      expect(result.granted).toBe(true);
      state = result.next;
    }
    const empty = takeToken(state, 1_000, 14, 14);
    expect(empty).toMatchObject({ granted: false, waitMs: 72 });
    expect(takeToken(empty.next, 1_072, 14, 14).granted).toBe(true);
    // Idle time refills no more than the burst.
    const refilled = takeToken(empty.next, 100_000, 14, 14);
    expect(refilled.next.tokens).toBe(13);
  });
});
