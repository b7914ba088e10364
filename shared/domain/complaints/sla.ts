import type { BusinessCalendar } from '../calendar/business-calendar';
import { hours } from '../calendar/business-calendar';
import type { Tier } from '../customers/customer';
import type { Category, ComplaintChannel, Priority } from './complaint';

/** A deadline: so long after the complaint was received, on the business or the wall clock. */
export interface SlaTarget {
  afterMs: number;
  clock: 'business' | 'calendar';
}

export interface SlaPolicy {
  id: string;
  when: {
    priorities?: Priority[] | undefined;
    categories?: Category[] | undefined;
    channels?: ComplaintChannel[] | undefined;
    tiers?: Tier[] | undefined;
  };
  firstResponse: SlaTarget;
  resolution: SlaTarget;
}

/**
 * The standards: a first reply within 24 business hours, a resolution reply within 48 hours at
 * most. Urgent complaints get tighter targets. The first policy that matches applies.
 */
export const DEFAULT_SLA_POLICIES: SlaPolicy[] = [
  {
    id: 'p1-urgent',
    when: { priorities: ['P1'] },
    firstResponse: { afterMs: hours(2), clock: 'business' },
    resolution: { afterMs: hours(24), clock: 'calendar' },
  },
  {
    id: 'p2-high',
    when: { priorities: ['P2'] },
    firstResponse: { afterMs: hours(8), clock: 'business' },
    resolution: { afterMs: hours(48), clock: 'calendar' },
  },
  {
    id: 'standard',
    when: {},
    firstResponse: { afterMs: hours(24), clock: 'business' },
    resolution: { afterMs: hours(48), clock: 'calendar' },
  },
];

export interface SlaFacts {
  priority: Priority;
  category: Category;
  channel: ComplaintChannel;
  tier: Tier;
}

const anyOf = <T>(allowed: T[] | undefined, value: T) =>
  allowed === undefined || allowed.length === 0 || allowed.includes(value);

export const matchSlaPolicy = (policies: SlaPolicy[], facts: SlaFacts): SlaPolicy => {
  const policy = policies.find(
    ({ when }) =>
      anyOf(when.priorities, facts.priority) &&
      anyOf(when.categories, facts.category) &&
      anyOf(when.channels, facts.channel) &&
      anyOf(when.tiers, facts.tier),
  );
  const fallback = DEFAULT_SLA_POLICIES[DEFAULT_SLA_POLICIES.length - 1];
  if (!policy && !fallback) throw new Error('no SLA policy');
  return policy ?? (fallback as SlaPolicy);
};

/** The deadlines of a complaint and what the calendar had to say about computing them. */
export interface ComplaintSla {
  policyId: string;
  firstResponseDue: string;
  resolutionDue: string;
  /** e.g. "no public-holiday data for 2031: weekends only". */
  warnings: string[];
}

const dueAfter = (calendar: BusinessCalendar, start: Date, target: SlaTarget) => {
  if (target.clock === 'calendar')
    return { at: new Date(start.getTime() + target.afterMs), warnings: [] };
  const { at, warnings } = calendar.addBusinessTime(start, target.afterMs);
  return { at, warnings: warnings.map((warning) => warning.message) };
};

export const planSla = (
  calendar: BusinessCalendar,
  policy: SlaPolicy,
  receivedAt: Date,
): ComplaintSla => {
  const first = dueAfter(calendar, receivedAt, policy.firstResponse);
  const resolution = dueAfter(calendar, receivedAt, policy.resolution);
  return {
    policyId: policy.id,
    firstResponseDue: first.at.toISOString(),
    resolutionDue: resolution.at.toISOString(),
    warnings: [...new Set([...first.warnings, ...resolution.warnings])],
  };
};
