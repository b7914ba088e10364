import type { BusinessCalendar } from '../calendar/business-calendar';
import { nextLocalDate } from '../calendar/local-date';
import { instantAt, localDateAt } from '../calendar/time-zone';
import type { ServiceKind } from './service-record';

export type RevisitTrigger =
  | { type: 'service'; kinds: ServiceKind[] }
  | { type: 'first-service' }
  | { type: 'complaint-closed' };

export interface RevisitDelay {
  amount: number;
  /** Business days skip weekends and public holidays on the business calendar. */
  unit: 'hours' | 'days' | 'business-days' | 'months';
}

export interface RevisitPolicy {
  id: string;
  description: string;
  trigger: RevisitTrigger;
  delay: RevisitDelay;
  /** A phone call task for the owner, or an email to the customer (plus the owner's task). */
  channel: 'phone' | 'email';
  owner: 'service-staff' | 'complaint-owner' | 'department-queue';
  maxAttempts: number;
  retrySpacingHours: number;
  surveyAfter: boolean;
}

/** The standards' planned contacts (回访): after repairs and deliveries, periodic, after complaints, welcome. */
export const DEFAULT_REVISIT_POLICIES: RevisitPolicy[] = [
  {
    id: 'post-service',
    description: 'A call 72 hours after a repair or delivery',
    trigger: { type: 'service', kinds: ['repair', 'delivery'] },
    delay: { amount: 72, unit: 'hours' },
    channel: 'phone',
    owner: 'service-staff',
    maxAttempts: 3,
    retrySpacingHours: 24,
    surveyAfter: true,
  },
  {
    id: 'periodic-maintenance',
    description: 'A reminder to book maintenance 3 months after the last one',
    trigger: { type: 'service', kinds: ['maintenance'] },
    delay: { amount: 3, unit: 'months' },
    channel: 'email',
    owner: 'service-staff',
    maxAttempts: 1,
    retrySpacingHours: 24,
    surveyAfter: false,
  },
  {
    id: 'post-complaint',
    description: 'A follow-up call 7 days after a complaint is closed',
    trigger: { type: 'complaint-closed' },
    delay: { amount: 7, unit: 'days' },
    channel: 'phone',
    owner: 'complaint-owner',
    maxAttempts: 3,
    retrySpacingHours: 24,
    surveyAfter: true,
  },
  {
    id: 'welcome',
    description: "A welcome call 14 days after a new customer's first service",
    trigger: { type: 'first-service' },
    delay: { amount: 14, unit: 'days' },
    channel: 'phone',
    owner: 'department-queue',
    maxAttempts: 2,
    retrySpacingHours: 48,
    surveyAfter: false,
  },
];

const HOUR_MS = 3_600_000;

/** When a revisit falls due: `delay` after `from`, business days on the calendar. */
export const dueAfter = (calendar: BusinessCalendar, from: Date, delay: RevisitDelay): Date => {
  switch (delay.unit) {
    case 'hours':
      return new Date(from.getTime() + delay.amount * HOUR_MS);
    case 'days':
      return new Date(from.getTime() + delay.amount * 24 * HOUR_MS);
    case 'months': {
      const due = new Date(from);
      due.setUTCMonth(due.getUTCMonth() + delay.amount);
      return due;
    }
    case 'business-days':
      return afterWorkingDays(calendar, from, delay.amount);
  }
};

/** The same time of day, `count` working days later (weekends and public holidays skipped). */
const afterWorkingDays = (calendar: BusinessCalendar, from: Date, count: number): Date => {
  const zone = calendar.timeZone;
  const start = localDateAt(from.getTime(), zone);
  const offsetMs = from.getTime() - instantAt(start, 0, zone);
  const minute = Math.floor(offsetMs / 60_000);
  let date = start;
  for (let left = count, guard = 0; left > 0 && guard < 3660; guard++) {
    date = nextLocalDate(date);
    if (calendar.dayKind(date).working) left--;
  }
  return new Date(instantAt(date, minute, zone) + (offsetMs % 60_000));
};

const minutesOf = (clock: string) => {
  const [hours, minutes] = clock.split(':').map(Number);
  return (hours ?? 0) * 60 + (minutes ?? 0);
};

/**
 * Moves a call into the customer's preferred hours: unchanged inside the window, to the window's
 * start later that day if earlier, or to the next day's start if later.
 */
export const withinContactHours = (
  due: Date,
  hours: { from: string; to: string },
  timeZone: string,
): Date => {
  const date = localDateAt(due.getTime(), timeZone);
  const from = instantAt(date, minutesOf(hours.from), timeZone);
  const to = instantAt(date, minutesOf(hours.to), timeZone);
  if (due.getTime() < from) return new Date(from);
  if (due.getTime() < to) return due;
  return new Date(instantAt(nextLocalDate(date), minutesOf(hours.from), timeZone));
};
