import type { Customer } from '../customers/customer';
import { consentStanding, type PrivacyNotice } from '../customers/privacy-notice';
import type { SkipReason } from './survey';

export interface EligibilityFacts {
  customer: Customer | undefined;
  suppressed: (email: string) => boolean;
  /** When the customer was last sent a survey (any kind), if ever. */
  lastSurveyedAt: string | undefined;
  now: Date;
  throttleDays: number;
  /** The heads of the privacy notices the customer's consents name (read beforehand). */
  noticeOf?: (id: string) => PrivacyNotice | undefined;
}

export type Eligibility =
  { eligible: true; email: string } | { eligible: false; reason: SkipReason };

const DAY_MS = 24 * 3600 * 1000;

/** The earliest last-survey time that still blocks a new survey. */
export const throttleCutoff = (now: Date, throttleDays: number): string =>
  new Date(now.getTime() - throttleDays * DAY_MS).toISOString();

/**
 * Whether a customer may be sent a survey now: in the archive, consented to surveys (to a notice
 * version that still counts: none changed materially since), with an email address that is not
 * suppressed, and not surveyed within the throttle window.
 */
export const surveyEligibility = (facts: EligibilityFacts): Eligibility => {
  const { customer } = facts;
  if (!customer) return { eligible: false, reason: 'not-in-archive' };
  const standing = consentStanding(
    'surveys',
    customer.consents.surveys,
    facts.noticeOf ?? (() => undefined),
  );
  if (standing === 'not-granted') return { eligible: false, reason: 'no-consent' };
  if (standing === 'fresh-consent-required') {
    return { eligible: false, reason: 'fresh-consent-required' };
  }
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
