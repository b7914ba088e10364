import type { DeliveredService, RevisitServiceDeps } from './ports';
import { recurs } from '../../domain/revisits/recurrence';
import { planFor, revisitPolicies } from './plan-for-policy';
import { startCycle } from './recurrence';

/** Plans the revisits a recorded service calls for; a recurring policy starts a new cycle. */
export const planAfterService = async (
  deps: RevisitServiceDeps,
  service: DeliveredService,
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
    if (recurs(policy)) {
      const cycle = await startCycle(deps, policy, service);
      if (cycle && (await planFor(deps, policy, cause, cycle))) planned++;
    } else if (await planFor(deps, policy, cause)) planned++;
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
