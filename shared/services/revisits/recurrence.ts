import { DomainError } from '../../domain/errors';
import type { RevisitPolicy } from '../../domain/revisits/policy';
import { nextOccurrence, projectedUsage } from '../../domain/revisits/recurrence';
import {
  cancelRevisit,
  isOpenRevisit,
  type Revisit,
  type RevisitRecurrence,
} from '../../domain/revisits/revisit';
import { businessCalendar } from '../complaints/calendar-source';
import { planFor, revisitPolicies } from './plan-for-policy';
import type { DeliveredService, RevisitServiceDeps } from './ports';

/** More revisits than a customer ever has; the customer's list is read in one query. */
const CUSTOMER_REVISITS = 1_000;
const READINGS_LOOKED_AT = 20;

const cancelAll = async (
  deps: RevisitServiceDeps,
  revisits: Revisit[],
  reason: string,
): Promise<void> => {
  const now = deps.clock.now();
  for (const revisit of revisits) {
    try {
      await deps.revisits.save(revisit, cancelRevisit(revisit, reason, now), [
        {
          id: deps.ids.next(),
          source: 'kefu.revisits',
          type: 'RevisitCancelled',
          occurredAt: now.toISOString(),
          detail: { revisitId: revisit.id, customerId: revisit.customerId, reason },
        },
      ]);
    } catch (error) {
      // Changed meanwhile (completed, or cancelled by a concurrent delivery): leave it.
      if (!(error instanceof DomainError && error.kind === 'stale-version')) throw error;
    }
  }
};

/** The reading at this service, with the usage since the latest earlier reading. */
const readingAt = async (deps: RevisitServiceDeps, service: DeliveredService) => {
  if (service.odometerKm === undefined) return undefined;
  const history = await deps.services.listForCustomer(service.customerId, {
    limit: READINGS_LOOKED_AT,
  });
  const earlier = history.items
    .filter((record) => record.odometerKm !== undefined && record.completedAt < service.completedAt)
    .sort((a, b) => b.completedAt.localeCompare(a.completedAt))[0];
  return projectedUsage(
    { km: service.odometerKm, at: service.completedAt },
    earlier && { km: earlier.odometerKm ?? 0, at: earlier.completedAt },
  );
};

/**
 * A service of a recurring policy starts a new cycle: the open reminders of older cycles are
 * cancelled. A service older than the cycle already running (a late, out-of-order delivery)
 * starts nothing.
 */
export const startCycle = async (
  deps: RevisitServiceDeps,
  policy: RevisitPolicy,
  service: DeliveredService,
): Promise<{ recurrence: RevisitRecurrence } | undefined> => {
  const cycles = (await deps.revisits.forCustomer(service.customerId, CUSTOMER_REVISITS)).flatMap(
    (revisit) =>
      revisit.policyId === policy.id && revisit.recurrence
        ? [{ revisit, startedAt: revisit.recurrence.cycleStartedAt }]
        : [],
  );
  const newer = cycles.some(
    ({ revisit, startedAt }) =>
      startedAt > service.completedAt ||
      (startedAt === service.completedAt && revisit.cause.id > service.serviceId),
  );
  if (newer) return undefined;
  await cancelAll(
    deps,
    cycles
      .filter(({ revisit }) => isOpenRevisit(revisit) && revisit.cause.id !== service.serviceId)
      .map(({ revisit }) => revisit),
    `a newer ${service.kind} service (${service.serviceId}, ${service.completedAt}) started a new cycle`,
  );
  const reading = await readingAt(deps, service);
  return {
    recurrence: {
      occurrence: 1,
      cycleStartedAt: service.completedAt,
      ...(reading ? { reading } : {}),
    },
  };
};

/**
 * When a recurring reminder opens, the next one of its cycle is planned (once, by its number),
 * while the policy still recurs and its `until` allows; the earlier reminders of the cycle still
 * open are closed: the newer one supersedes them.
 */
export const planNextReminder = async (
  deps: RevisitServiceDeps,
  revisit: Revisit,
): Promise<void> => {
  if (!revisit.recurrence) return;
  const policy = (await revisitPolicies(deps)).find(
    (candidate) => candidate.id === revisit.policyId,
  );
  const calendar = await businessCalendar(deps.organization, revisit.department);
  const next = nextOccurrence(calendar, policy, revisit);
  if (policy && next) {
    await planFor(
      deps,
      policy,
      {
        type: revisit.cause.type,
        id: revisit.cause.id,
        customerId: revisit.customerId,
        at: revisit.recurrence.cycleStartedAt,
        assigneeId: revisit.assigneeId,
        department: revisit.department,
      },
      next,
    );
  }
  if (revisit.recurrence.occurrence === 1) return;
  const earlier = (await deps.revisits.forCustomer(revisit.customerId, CUSTOMER_REVISITS)).filter(
    (other) =>
      other.id !== revisit.id &&
      other.policyId === revisit.policyId &&
      isOpenRevisit(other) &&
      other.recurrence?.cycleStartedAt === revisit.recurrence?.cycleStartedAt &&
      (other.recurrence?.occurrence ?? 0) < (revisit.recurrence?.occurrence ?? 0),
  );
  await cancelAll(deps, earlier, 'the next reminder of the cycle superseded it');
};
