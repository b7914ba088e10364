import type { BusinessCalendar } from '../calendar/business-calendar';
import type { LocalDate } from '../calendar/local-date';
import { firstWorkingDayFrom } from '../calendar/working-days';
import { localDateAt } from '../calendar/time-zone';
import type { Customer, Tier } from '../customers/customer';
import { SKIP_REASONS, type SkipReason } from './survey';

/** Who a campaign surveys; every given criterion must hold. */
export interface Audience {
  /** The customer has at least one of these tags. */
  tags?: string[];
  tiers?: Tier[];
  /** The customer's last recorded service completed within this many days. */
  lastServiceWithinDays?: number;
}

export interface CampaignCounters {
  /** Customers of the audience (each gets a survey record, sent or skipped). */
  planned: number;
  sent: number;
  skipped: Record<SkipReason, number>;
  /** Sending failed for good (e.g. SES refused the address). */
  failed: number;
  answered: number;
  reminded: number;
}

export interface Campaign {
  id: string;
  name: string;
  trigger: 'schedule' | 'manual';
  audience: Audience;
  /** Enumerating the audience page by page, then sending until every survey is settled. */
  status: 'enumerating' | 'sending' | 'completed';
  counters: CampaignCounters;
  createdAt: string;
  createdBy: string;
  enumeratedAt?: string;
}

export const emptyCounters = (): CampaignCounters => ({
  planned: 0,
  sent: 0,
  skipped: Object.fromEntries(SKIP_REASONS.map((reason) => [reason, 0])) as Record<
    SkipReason,
    number
  >,
  failed: 0,
  answered: 0,
  reminded: 0,
});

export const startCampaign = (
  id: string,
  input: { name: string; trigger: Campaign['trigger']; audience: Audience; createdBy: string },
  now: Date,
): Campaign => ({
  id,
  name: input.name,
  trigger: input.trigger,
  audience: input.audience,
  status: 'enumerating',
  counters: emptyCounters(),
  createdAt: now.toISOString(),
  createdBy: input.createdBy,
});

const settled = (counters: CampaignCounters) =>
  counters.sent +
  counters.failed +
  Object.values(counters.skipped).reduce((sum, count) => sum + count, 0);

/** The status as it reads now: complete once enumerated and every planned survey settled. */
export const campaignStatus = (campaign: Campaign): Campaign['status'] =>
  campaign.enumeratedAt && settled(campaign.counters) >= campaign.counters.planned
    ? 'completed'
    : campaign.enumeratedAt
      ? 'sending'
      : 'enumerating';

const DAY_MS = 24 * 3600 * 1000;

/** Whether the customer belongs to the audience (the last service is looked up only if asked). */
export const inAudience = (
  customer: Customer,
  audience: Audience,
  lastServiceAt: string | undefined,
  now: Date,
): boolean => {
  if (audience.tiers?.length && !audience.tiers.includes(customer.tier)) return false;
  if (audience.tags?.length && !audience.tags.some((tag) => customer.tags.includes(tag))) {
    return false;
  }
  if (audience.lastServiceWithinDays !== undefined) {
    const since = new Date(now.getTime() - audience.lastServiceWithinDays * DAY_MS).toISOString();
    if (!lastServiceAt || lastServiceAt < since) return false;
  }
  return true;
};

/** `2027-Q1` for any day of January to March (in the calendar's time zone). */
export const quarterOf = (date: LocalDate): string =>
  `${date.slice(0, 4)}-Q${Math.floor((Number(date.slice(5, 7)) - 1) / 3) + 1}`;

/** The first working day of the quarter `date` falls in, on the given calendar. */
export const firstWorkingDayOfQuarter = (
  date: LocalDate,
  calendar: BusinessCalendar,
): LocalDate => {
  const month = String(Math.floor((Number(date.slice(5, 7)) - 1) / 3) * 3 + 1).padStart(2, '0');
  return firstWorkingDayFrom(`${date.slice(0, 4)}-${month}-01`, calendar);
};

/**
 * The quarterly campaign's key when `now` is on the first working day of a quarter (the
 * schedule fires daily early in each quarter; only that day starts a campaign), else undefined.
 */
export const quarterlyCampaignDue = (now: Date, calendar: BusinessCalendar): string | undefined => {
  const today = localDateAt(now.getTime(), calendar.timeZone);
  return firstWorkingDayOfQuarter(today, calendar) === today
    ? `quarterly-${quarterOf(today)}`
    : undefined;
};
