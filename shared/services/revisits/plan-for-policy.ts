import type { BusinessCalendar } from '../../domain/calendar/business-calendar';
import {
  DEFAULT_REVISIT_POLICIES,
  type RevisitPolicy,
  windowAfter,
  withinContactHours,
} from '../../domain/revisits/policy';
import { reminderWindow } from '../../domain/revisits/recurrence';
import { planRevisit, type Revisit, type RevisitRecurrence } from '../../domain/revisits/revisit';
import { businessCalendar } from '../complaints/calendar-source';
import type { RevisitServiceDeps } from './ports';

/** The policies set through `/revisit-policies` (read migrated), else the defaults of the standards. */
export const revisitPolicies = async (deps: Pick<RevisitServiceDeps, 'organization'>) =>
  (await deps.organization.getRevisitPolicies())?.value ?? DEFAULT_REVISIT_POLICIES;

export interface Cause {
  type: Revisit['cause']['type'];
  id: string;
  customerId: string;
  at: string;
  assigneeId?: string | undefined;
  department?: string | undefined;
}

/** A reminder of a recurring cycle: which one, and its window (else the policy's own window). */
export interface Occurrence {
  recurrence: RevisitRecurrence;
  window?: { opensAt: Date; dueAt: Date } | undefined;
}

/**
 * The moment a call's window opens: a computed opening (`opensAfter` > 0) is moved into working
 * time on the department's calendar; one at the cause itself stays (a car was just handed over,
 * so someone is at work: "修后交车72小时内" counts from then). Either then moves into the
 * customer's contact hours. The deadline stays the standard's.
 */
const callOpening = (
  calendar: BusinessCalendar,
  policy: RevisitPolicy,
  opensAt: Date,
  preferred: { from: string; to: string } | undefined,
): Date => {
  const working = policy.opensAfter.amount > 0 ? calendar.nextWorkingTime(opensAt).at : opensAt;
  return preferred ? withinContactHours(working, preferred, calendar.timeZone) : working;
};

const planKeyOf = (policy: RevisitPolicy, cause: Cause, occurrence?: Occurrence) => {
  if (policy.trigger.type === 'first-service') return `${policy.id}#customer#${cause.customerId}`;
  const key = `${policy.id}#${cause.type}#${cause.id}`;
  return occurrence && occurrence.recurrence.occurrence > 1
    ? `${key}#${occurrence.recurrence.occurrence}`
    : key;
};

/**
 * Plans a revisit per matching policy, once: the plan key (policy + cause, or policy + customer
 * for the welcome revisit; + the reminder's number after the first of a cycle) is claimed in the
 * same write, so a redelivered event plans nothing.
 */
export const planFor = async (
  deps: RevisitServiceDeps,
  policy: RevisitPolicy,
  cause: Cause,
  occurrence?: Occurrence,
): Promise<boolean> => {
  const calendar = await businessCalendar(deps.organization, cause.department);
  const now = deps.clock.now();
  const customer = await deps.customers.get(cause.customerId);
  const window =
    occurrence?.window ??
    (occurrence
      ? reminderWindow(calendar, policy, occurrence.recurrence)
      : windowAfter(calendar, new Date(cause.at), policy));
  const revisit = planRevisit(
    deps.ids.next(),
    policy,
    {
      customerId: cause.customerId,
      cause: { type: cause.type, id: cause.id },
      assigneeId: policy.owner === 'department-queue' ? undefined : cause.assigneeId,
      department: cause.department,
    },
    policy.channel === 'phone'
      ? {
          ...window,
          opensAt: callOpening(calendar, policy, window.opensAt, customer?.preferredContactHours),
        }
      : window,
    now,
    occurrence?.recurrence,
  );
  return deps.revisits.plan(revisit, planKeyOf(policy, cause, occurrence), {
    id: deps.ids.next(),
    source: 'kefu.revisits',
    type: 'RevisitPlanned',
    occurredAt: now.toISOString(),
    detail: {
      revisitId: revisit.id,
      customerId: revisit.customerId,
      policyId: policy.id,
      opensAt: revisit.opensAt,
      dueAt: revisit.dueAt,
      ...(revisit.recurrence ? { occurrence: revisit.recurrence.occurrence } : {}),
    },
  });
};
