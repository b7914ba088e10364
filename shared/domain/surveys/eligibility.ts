import type { Customer } from '../customers/customer';
import type { SkipReason } from './survey';

export interface EligibilityFacts {
  customer: Customer | undefined;
  suppressed: (email: string) => boolean;
  /** When the customer was last sent a survey (any kind), if ever. */
  lastSurveyedAt: string | undefined;
  now: Date;
  throttleDays: number;
}

export type Eligibility =
  { eligible: true; email: string } | { eligible: false; reason: SkipReason };

const DAY_MS = 24 * 3600 * 1000;

/** The earliest last-survey time that still blocks a new survey. */
export const throttleCutoff = (now: Date, throttleDays: number): string =>
  new Date(now.getTime() - throttleDays * DAY_MS).toISOString();

/**
 * Whether a customer may be sent a survey now: in the archive, consented to surveys, with an
 * email address that is not suppressed, and not surveyed within the throttle window.
 */
export const surveyEligibility = (facts: EligibilityFacts): Eligibility => {
  const { customer } = facts;
  if (!customer) return { eligible: false, reason: 'not-in-archive' };
  if (!customer.consents.surveys.granted) return { eligible: false, reason: 'no-consent' };
  if (!customer.email) return { eligible: false, reason: 'no-email' };
  if (facts.suppressed(customer.email)) return { eligible: false, reason: 'suppressed' };
  if (
    facts.lastSurveyedAt &&
    facts.lastSurveyedAt > throttleCutoff(facts.now, facts.throttleDays)
  ) {
    return { eligible: false, reason: 'recently-surveyed' };
  }
  return { eligible: true, email: customer.email };
};
