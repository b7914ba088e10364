import { DomainError } from '../../domain/errors';
import type { DomainEvent } from '../../domain/events';
import { responsibleSupervisor } from '../../domain/organization/department';
import { mayContact } from '../../domain/customers/customer';
import {
  advanceRevisit,
  cancelRevisit,
  type Revisit,
  type RevisitCheckpoint,
} from '../../domain/revisits/revisit';
import { type DrainLimits, drainDue } from '../due-work';
import { planNextReminder } from './recurrence';
import type { RevisitServiceDeps } from './ports';

const LIMITS: DrainLimits = { batch: 500, maxRounds: 20, concurrency: 8 };

export interface SweepCounts {
  due: number;
  warned: number;
  escalated: number;
  cancelled: number;
}

const COUNTED: Record<RevisitCheckpoint, keyof SweepCounts> = {
  opened: 'due',
  'deadline-near': 'warned',
  overdue: 'escalated',
};

/** Who hears of an overdue revisit: the department's supervisor, else its head. */
const supervisorOf = async (deps: RevisitServiceDeps, department: string | undefined) =>
  responsibleSupervisor(department ? await deps.organization.getDepartment(department) : undefined);

const checkpointEvents = async (
  deps: RevisitServiceDeps,
  revisit: Revisit,
  reached: RevisitCheckpoint[],
  at: string,
): Promise<DomainEvent[]> => {
  const about = {
    revisitId: revisit.id,
    customerId: revisit.customerId,
    policyId: revisit.policyId,
    dueAt: revisit.dueAt,
    ...(revisit.assigneeId ? { assigneeId: revisit.assigneeId } : {}),
    ...(revisit.department ? { department: revisit.department } : {}),
  };
  const events: DomainEvent[] = [];
  for (const checkpoint of reached) {
    const event = { id: deps.ids.next(), source: 'kefu.revisits' as const, occurredAt: at };
    if (checkpoint === 'opened') {
      const { department: _, ...due } = about;
      events.push({ ...event, type: 'RevisitDue', detail: { ...due, channel: revisit.channel } });
    } else if (checkpoint === 'deadline-near') {
      events.push({ ...event, type: 'RevisitDeadlineNear', detail: about });
    } else {
      const supervisorId = await supervisorOf(deps, revisit.department);
      events.push({
        ...event,
        type: 'RevisitOverdue',
        detail: { ...about, ...(supervisorId ? { supervisorId } : {}) },
      });
    }
  }
  return events;
};

/**
 * Moves every open revisit whose next checkpoint has come (read from the due-time index, never a
 * scan): its window opens (RevisitDue — or it is cancelled, with the reason, when the customer
 * withdrew consent to be contacted), its owner is warned before the deadline
 * (RevisitDeadlineNear), it is escalated past it (RevisitOverdue). A recurring reminder plans the
 * next one when it opens. The version condition makes repeated or concurrent sweeps harmless.
 */
export const markDueRevisits = async (
  deps: RevisitServiceDeps,
  limits: DrainLimits = LIMITS,
): Promise<SweepCounts> => {
  const now = deps.clock.now();
  const at = now.toISOString();
  const counts: SweepCounts = { due: 0, warned: 0, escalated: 0, cancelled: 0 };
  const handle = async (id: string): Promise<void> => {
    const revisit = await deps.revisits.get(id);
    if (!revisit) return;
    const { revisit: next, reached } = advanceRevisit(revisit, now);
    if (reached.length === 0) return;
    try {
      if (reached.includes('opened')) {
        const customer = await deps.customers.get(revisit.customerId);
        if (!customer || !mayContact(customer, 'serviceContact')) {
          const reason = customer
            ? `the customer withdrew consent to be contacted (${customer.consents.serviceContact.source}, ${customer.consents.serviceContact.recordedAt})`
            : 'the customer is no longer in the archive';
          await deps.revisits.save(revisit, cancelRevisit(revisit, reason, now), [
            {
              id: deps.ids.next(),
              source: 'kefu.revisits',
              type: 'RevisitCancelled',
              occurredAt: at,
              detail: { revisitId: revisit.id, customerId: revisit.customerId, reason },
            },
          ]);
          counts.cancelled++;
          return;
        }
        // Planned before this one is marked due: a crash between the two leaves the next
        // reminder planned and this one for the next sweep, never a cycle that stops.
        await planNextReminder(deps, revisit);
      }
      await deps.revisits.save(revisit, next, await checkpointEvents(deps, next, reached, at));
      for (const checkpoint of reached) counts[COUNTED[checkpoint]]++;
    } catch (error) {
      if (!(error instanceof DomainError && error.kind === 'stale-version')) throw error;
    }
  };
  await drainDue((limit) => deps.revisits.dueIds(at, limit), handle, limits);
  return counts;
};
