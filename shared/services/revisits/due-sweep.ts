import { DomainError } from '../../domain/errors';
import { mayContact } from '../../domain/customers/customer';
import { cancelRevisit, markRevisitDue } from '../../domain/revisits/revisit';
import { type DrainLimits, drainDue } from '../due-work';
import type { RevisitServiceDeps } from './ports';

const LIMITS: DrainLimits = { batch: 500, maxRounds: 20, concurrency: 8 };

/**
 * Marks planned revisits whose window has opened as due — or cancels them, with the reason, when the
 * customer withdrew consent to be contacted — (read from the due-time index, never a scan)
 * and publishes RevisitDue; the version condition makes repeated or concurrent sweeps harmless.
 */
export const markDueRevisits = async (
  deps: RevisitServiceDeps,
  limits: DrainLimits = LIMITS,
): Promise<{ due: number; cancelled: number }> => {
  const now = deps.clock.now();
  let due = 0;
  let cancelled = 0;
  const handle = async (id: string): Promise<void> => {
    const revisit = await deps.revisits.get(id);
    if (!revisit || revisit.status !== 'planned' || revisit.opensAt > now.toISOString()) return;
    const customer = await deps.customers.get(revisit.customerId);
    try {
      if (!customer || !mayContact(customer, 'serviceContact')) {
        const reason = customer
          ? `the customer withdrew consent to be contacted (${customer.consents.serviceContact.source}, ${customer.consents.serviceContact.recordedAt})`
          : 'the customer is no longer in the archive';
        await deps.revisits.save(revisit, cancelRevisit(revisit, reason, now), [
          {
            id: deps.ids.next(),
            source: 'kefu.revisits',
            type: 'RevisitCancelled',
            occurredAt: now.toISOString(),
            detail: { revisitId: revisit.id, customerId: revisit.customerId, reason },
          },
        ]);
        cancelled++;
        return;
      }
      await deps.revisits.save(revisit, markRevisitDue(revisit, now), [
        {
          id: deps.ids.next(),
          source: 'kefu.revisits',
          type: 'RevisitDue',
          occurredAt: now.toISOString(),
          detail: {
            revisitId: revisit.id,
            customerId: revisit.customerId,
            policyId: revisit.policyId,
            channel: revisit.channel,
            dueAt: revisit.dueAt,
            ...(revisit.assigneeId ? { assigneeId: revisit.assigneeId } : {}),
          },
        },
      ]);
      due++;
    } catch (error) {
      if (!(error instanceof DomainError && error.kind === 'stale-version')) throw error;
    }
  };
  await drainDue((limit) => deps.revisits.dueIds(now.toISOString(), limit), handle, limits);
  return { due, cancelled };
};
