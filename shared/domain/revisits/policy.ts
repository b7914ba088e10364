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

/**
 * A revisit's window, counted from its cause (a handover, a closed complaint): it opens
 * `opensAfter` (the revisit is in the worklists and digests from then) and must be done
 * within `dueWithin` (its deadline; done before it is on time, after it overdue).
 */
export interface RevisitWindow {
  opensAfter: RevisitDelay;
  dueWithin: RevisitDelay;
}

/**
 * A recurring reminder (seed 003 "每5000公里/3个月为定期提醒客户的周期"): after each one, the next is
 * planned `every` later — or sooner, when the reading projected from the service records reaches
 * another `everyKm` first — until `until` (a count of reminders, or a last date), a newer service
 * (which starts a new cycle), withdrawn consent or erasure.
 */
export interface RevisitRecurrenceRule {
  every?: RevisitDelay;
  everyKm?: number;
  until?: { count?: number; date?: string };
}

export interface RevisitPolicy extends RevisitWindow, RevisitRecurrenceRule {
  id: string;
  description: string;
  trigger: RevisitTrigger;
  /** A phone call task for the owner, or an email to the customer (plus the owner's task). */
  channel: 'phone' | 'email';
  owner: 'service-staff' | 'complaint-owner' | 'department-queue';
  maxAttempts: number;
  retrySpacingHours: number;
  surveyAfter: boolean;
}

const AT_ONCE: RevisitDelay = { amount: 0, unit: 'hours' };

/**
 * The standards' planned contacts (回访): after repairs and deliveries, periodic, after complaints,
 * welcome. The post-service call is the standard's 修后跟踪服务 (seed 003, 客户回访):
 * "维修企业必须保证车辆在修后交车72小时内对每一位客户进行电话关怀,了解修后车辆是否在良后的状态" —
 * a call *within* 72 hours of handover, so its window opens at handover and closes 72 hours later.
 * After a complaint "投诉处理后,应及时回访客户是否满意" (promptly): open at once, within 7 days.
 * The periodic reminder is sent when the maintenance falls due ("到期提醒客户进厂作定期保养"):
 * its window opens, and the email goes out, at 3 months.
 */
export const DEFAULT_REVISIT_POLICIES: RevisitPolicy[] = [
  {
    id: 'post-service',
    description: 'A call within 72 hours of handing over a repair or delivery',
    trigger: { type: 'service', kinds: ['repair', 'delivery'] },
    opensAfter: AT_ONCE,
    dueWithin: { amount: 72, unit: 'hours' },
    channel: 'phone',
    owner: 'service-staff',
    maxAttempts: 3,
    retrySpacingHours: 24,
    surveyAfter: true,
  },
  {
    id: 'periodic-maintenance',
    description: 'A reminder to book maintenance every 3 months or 5 000 km after the last one',
    trigger: { type: 'service', kinds: ['maintenance'] },
    opensAfter: { amount: 3, unit: 'months' },
    dueWithin: { amount: 3, unit: 'months' },
    every: { amount: 3, unit: 'months' },
    everyKm: 5000,
    channel: 'email',
    owner: 'service-staff',
    maxAttempts: 1,
    retrySpacingHours: 24,
    surveyAfter: false,
  },
  {
    id: 'post-complaint',
    description: 'A follow-up call within 7 days of closing a complaint',
    trigger: { type: 'complaint-closed' },
    opensAfter: AT_ONCE,
    dueWithin: { amount: 7, unit: 'days' },
    channel: 'phone',
    owner: 'complaint-owner',
    maxAttempts: 3,
    retrySpacingHours: 24,
    surveyAfter: true,
  },
  {
    id: 'welcome',
    description: "A welcome call within 14 days of a new customer's first service",
    trigger: { type: 'first-service' },
    opensAfter: AT_ONCE,
    dueWithin: { amount: 14, unit: 'days' },
    channel: 'phone',
    owner: 'department-queue',
    maxAttempts: 2,
    retrySpacingHours: 48,
    surveyAfter: false,
  },
];

/** A policy as stored before windows: one `delay`, at which the revisit fell due. */
export type LegacyRevisitPolicy = Omit<RevisitPolicy, 'opensAfter' | 'dueWithin'> & {
  delay: RevisitDelay;
};

/**
 * Reads a stored policy, migrating one stored before windows: its `delay` becomes the deadline
 * (`dueWithin`). A call's window opens at once (`opensAfter` 0 h) — the standards ask for calls
 * *within* a span ("修后交车72小时内", "投诉处理后,应及时回访"), so the old delay was the latest
 * moment, not the first. An email reminder is sent when its window opens, so its window opens at
 * the old delay (the reminder goes out when it did before: "到期提醒"). Everything else is kept.
 */
export const migrateRevisitPolicy = (
  stored: RevisitPolicy | LegacyRevisitPolicy,
): RevisitPolicy => {
  if (!('delay' in stored) || ('opensAfter' in stored && 'dueWithin' in stored)) {
    return stored as RevisitPolicy;
  }
  const { delay, ...rest } = stored;
  return {
    ...rest,
    opensAfter: rest.channel === 'email' ? { ...delay } : { ...AT_ONCE },
    dueWithin: { ...delay },
  };
};

const HOUR_MS = 3_600_000;

/** The moment `delay` after `from`, business days on the calendar. */
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

/**
 * A revisit's window for a cause at `from`: when it opens and its deadline, business days on the
 * calendar. A deadline before the opening (a policy with a longer opensAfter than dueWithin, in
 * different units) is moved to the opening.
 */
export const windowAfter = (
  calendar: BusinessCalendar,
  from: Date,
  window: RevisitWindow,
): { opensAt: Date; dueAt: Date } => {
  const opensAt = dueAfter(calendar, from, window.opensAfter);
  const dueAt = dueAfter(calendar, from, window.dueWithin);
  return { opensAt, dueAt: dueAt < opensAt ? opensAt : dueAt };
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
