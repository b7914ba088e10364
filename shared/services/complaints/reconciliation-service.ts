import { assignRoutedComplaint } from './assignment-service';
import type { ComplaintServiceDeps } from './ports';
import { routeReceivedComplaint } from './routing-service';

/** Complaints younger than this are still on their way through the queues. */
export const STUCK_AFTER_MS = 5 * 60_000;
const BATCH = 200;

export interface ReconciliationResult {
  rerouted: number;
  reassigned: number;
  stillWaiting: number;
}

/**
 * The safety net behind the queues: a complaint still `received` minutes after intake (its
 * message lost or parked in a DLQ) is routed now, and one still `routed` (nobody was on duty)
 * is offered to the department again. Both steps are idempotent, so racing the queues is safe.
 */
export const reconcileComplaints = async (
  deps: ComplaintServiceDeps,
): Promise<ReconciliationResult> => {
  const cutoff = new Date(deps.clock.now().getTime() - STUCK_AFTER_MS).toISOString();
  const result: ReconciliationResult = { rerouted: 0, reassigned: 0, stillWaiting: 0 };
  for (const id of await deps.complaints.idsInStatusReceivedBefore('received', cutoff, BATCH)) {
    if ((await routeReceivedComplaint(deps, id)) === 'routed') result.rerouted++;
  }
  for (const id of await deps.complaints.idsInStatusReceivedBefore('routed', cutoff, BATCH)) {
    const outcome = await assignRoutedComplaint(deps, id);
    if (outcome === 'assigned') result.reassigned++;
    else if (outcome === 'nobody-on-duty') result.stillWaiting++;
  }
  return result;
};
