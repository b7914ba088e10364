import {
  DEFAULT_REVISIT_POLICIES,
  type RevisitPolicy,
  windowAfter,
  withinContactHours,
} from '../../domain/revisits/policy';
import { planRevisit, type Revisit } from '../../domain/revisits/revisit';
import { businessCalendar } from '../complaints/calendar-source';
import type { RevisitServiceDeps } from './ports';

/** The policies set through `/revisit-policies` (read migrated), else the defaults of the standards. */
export const revisitPolicies = async (deps: Pick<RevisitServiceDeps, 'organization'>) =>
  (await deps.organization.getRevisitPolicies())?.value ?? DEFAULT_REVISIT_POLICIES;

interface Cause {
  type: Revisit['cause']['type'];
  id: string;
  customerId: string;
  at: string;
  assigneeId?: string | undefined;
  department?: string | undefined;
}

/**
 * Plans a revisit per matching policy, once: the plan key (policy + cause, or policy + customer
 * for the welcome revisit) is claimed in the same write, so a redelivered event plans nothing.
 */
const planFor = async (
  deps: RevisitServiceDeps,
  policy: RevisitPolicy,
  cause: Cause,
): Promise<boolean> => {
  const calendar = await businessCalendar(deps.organization, cause.department);
  const now = deps.clock.now();
  const customer = await deps.customers.get(cause.customerId);
  const window = windowAfter(calendar, new Date(cause.at), policy);
  const preferred = customer?.preferredContactHours;
  // A call's window opens in the customer's contact hours; its deadline stays the standard's.
  const revisit = planRevisit(
    deps.ids.next(),
    policy,
    {
      customerId: cause.customerId,
      cause: { type: cause.type, id: cause.id },
      assigneeId: policy.owner === 'department-queue' ? undefined : cause.assigneeId,
      department: cause.department,
    },
    policy.channel === 'phone' && preferred
      ? { ...window, opensAt: withinContactHours(window.opensAt, preferred, calendar.timeZone) }
      : window,
    now,
  );
  const planKey =
    policy.trigger.type === 'first-service'
      ? `${policy.id}#customer#${cause.customerId}`
      : `${policy.id}#${cause.type}#${cause.id}`;
  return deps.revisits.plan(revisit, planKey, {
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
    },
  });
};

export const planAfterService = async (
  deps: RevisitServiceDeps,
  service: {
    serviceId: string;
    customerId: string;
    kind: string;
    completedAt: string;
    firstForCustomer: boolean;
    staffId?: string | undefined;
    department?: string | undefined;
  },
): Promise<number> => {
  let planned = 0;
  for (const policy of await revisitPolicies(deps)) {
    const applies =
      (policy.trigger.type === 'service' &&
        (policy.trigger.kinds as string[]).includes(service.kind)) ||
      (policy.trigger.type === 'first-service' && service.firstForCustomer);
    if (!applies) continue;
    const cause = {
      type: 'service' as const,
      id: service.serviceId,
      customerId: service.customerId,
      at: service.completedAt,
      assigneeId: service.staffId,
      department: service.department,
    };
    if (await planFor(deps, policy, cause)) planned++;
  }
  return planned;
};

export const planAfterComplaint = async (
  deps: RevisitServiceDeps,
  closed: {
    complaintId: string;
    customerId: string;
    department: string;
    ownerId?: string | undefined;
  },
  at: string,
): Promise<number> => {
  let planned = 0;
  const policies = await revisitPolicies(deps);
  for (const policy of policies.filter((p) => p.trigger.type === 'complaint-closed')) {
    const cause = {
      type: 'complaint' as const,
      id: closed.complaintId,
      customerId: closed.customerId,
      at,
      assigneeId: closed.ownerId,
      department: closed.department,
    };
    if (await planFor(deps, policy, cause)) planned++;
  }
  return planned;
};
