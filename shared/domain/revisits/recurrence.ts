import type { BusinessCalendar } from '../calendar/business-calendar';
import { localDateAt } from '../calendar/time-zone';
import { dueAfter, type RevisitPolicy, windowAfter } from './policy';
import type { Revisit, RevisitRecurrence } from './revisit';

const DAY_MS = 86_400_000;

export interface OdometerReading {
  km: number;
  at: string;
}

/**
 * The usage per day between the two latest readings, for projecting when the next distance-based
 * reminder falls due; none without two readings that went forward in time and distance.
 */
export const projectedUsage = (
  latest: OdometerReading,
  earlier: OdometerReading | undefined,
): RevisitRecurrence['reading'] | undefined => {
  if (!earlier) return undefined;
  const days = (Date.parse(latest.at) - Date.parse(earlier.at)) / DAY_MS;
  const km = latest.km - earlier.km;
  if (!(days > 0) || !(km > 0)) return undefined;
  return { km: latest.km, kmPerDay: km / days };
};

/**
 * The window of the `occurrence`-th reminder of a cycle started at `cycleStartedAt`: the policy's
 * window shifted by (occurrence − 1) × `every`, opening sooner when the projected reading reaches
 * occurrence × `everyKm` first — "whichever comes first". The deadline keeps its distance from
 * the opening.
 */
export const reminderWindow = (
  calendar: BusinessCalendar,
  policy: RevisitPolicy,
  recurrence: RevisitRecurrence,
): { opensAt: Date; dueAt: Date } => {
  const first = windowAfter(calendar, new Date(recurrence.cycleStartedAt), policy);
  const length = first.dueAt.getTime() - first.opensAt.getTime();
  const shift = recurrence.occurrence - 1;
  let opensAt =
    shift > 0 && policy.every
      ? dueAfter(calendar, first.opensAt, { ...policy.every, amount: policy.every.amount * shift })
      : first.opensAt;
  if (policy.everyKm && recurrence.reading) {
    const days = (policy.everyKm * recurrence.occurrence) / recurrence.reading.kmPerDay;
    const byDistance = new Date(Date.parse(recurrence.cycleStartedAt) + days * DAY_MS);
    if (byDistance < opensAt) opensAt = byDistance;
  }
  return { opensAt, dueAt: new Date(opensAt.getTime() + length) };
};

/** Whether the policy plans another reminder after this one: it recurs and `until` allows it. */
export const nextOccurrence = (
  calendar: BusinessCalendar,
  policy: RevisitPolicy | undefined,
  revisit: Revisit,
): { recurrence: RevisitRecurrence; window: { opensAt: Date; dueAt: Date } } | undefined => {
  if (!policy || !revisit.recurrence || (!policy.every && !policy.everyKm)) return undefined;
  const recurrence = { ...revisit.recurrence, occurrence: revisit.recurrence.occurrence + 1 };
  if (policy.until?.count !== undefined && recurrence.occurrence > policy.until.count) {
    return undefined;
  }
  const window = reminderWindow(calendar, policy, recurrence);
  if (window.opensAt.getTime() <= Date.parse(revisit.opensAt)) return undefined;
  if (
    policy.until?.date !== undefined &&
    localDateAt(window.opensAt.getTime(), calendar.timeZone) > policy.until.date
  ) {
    return undefined;
  }
  return { recurrence, window };
};

/** A policy that plans reminders in cycles. */
export const recurs = (policy: RevisitPolicy): boolean =>
  policy.every !== undefined || policy.everyKm !== undefined;
