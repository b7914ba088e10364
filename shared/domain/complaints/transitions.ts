import type { DepartmentId } from '../organization/departments';
import type { Category, Complaint, Priority, UnassignableReason } from './complaint';
import { type ComplaintAction, transition } from './lifecycle';
import type { ComplaintSla, SlaCheckpoint } from './sla';

/**
 * Every next state of a complaint, built here and nowhere else: the services load, decide with
 * these functions, save what they return and publish. Each returns a new complaint one version
 * on (the version the repository's conditional write expects) and never changes its argument.
 */

const nextVersion = (complaint: Complaint, now: Date) => ({
  updatedAt: now.toISOString(),
  version: complaint.version + 1,
});

/**
 * The complaint after a person's action (respond, assign by hand, wait, resume, resolve, close,
 * reopen): `changes` applied and the status the lifecycle leads to, or the lifecycle's 422-kind
 * error. The SLA is re-planned by the caller (it needs the department's calendar).
 */
export const applyAction = (
  complaint: Complaint,
  action: ComplaintAction,
  changes: Partial<Complaint>,
  now: Date,
): Complaint => ({
  ...complaint,
  ...changes,
  status: transition(complaint.status, action),
  ...nextVersion(complaint, now),
});

export interface RoutingResult {
  department: DepartmentId;
  category: Category;
  priority: Priority;
  sla: ComplaintSla;
}

/** A received complaint sent to its department, with its category, priority and SLA. */
export const markRouted = (complaint: Complaint, routing: RoutingResult, now: Date): Complaint => ({
  ...complaint,
  status: transition(complaint.status, 'route'),
  department: routing.department,
  category: routing.category,
  priority: routing.priority,
  sla: routing.sla,
  ...nextVersion(complaint, now),
});

/** A routed complaint given to its owner by the department's queue; a waiting warning ends. */
export const assignOwner = (complaint: Complaint, ownerId: string, now: Date): Complaint => {
  const { unassignable: _cleared, ...rest } = complaint;
  return {
    ...rest,
    status: transition(complaint.status, 'assign'),
    ownerId,
    ...nextVersion(complaint, now),
  };
};

/**
 * The complaint marked as waiting for an owner nobody can be in `department`. Its status and
 * `updatedAt` stay (nothing happened to the case itself), only the version moves.
 */
export const markUnassignable = (
  complaint: Complaint,
  department: DepartmentId,
  reason: UnassignableReason,
  now: Date,
): Complaint => ({
  ...complaint,
  unassignable: { department, reason, since: now.toISOString() },
  version: complaint.version + 1,
});

export interface SlaCheck {
  /** The deadlines as the current rules compute them (`refreshSla`). */
  refreshed: Pick<ComplaintSla, 'firstResponseDue' | 'resolutionDue' | 'warnings'>;
  /** The checkpoints due now (`dueCheckpoints`), raised by this change. */
  due: readonly SlaCheckpoint[];
  nextCheckAt: string | undefined;
}

/**
 * The complaint after the SLA sweep looked at it: the due checkpoints remembered as raised, the
 * escalation level at the highest one, the first breach dated; `updatedAt` moves only when a
 * checkpoint was raised (refreshed deadlines alone are bookkeeping).
 */
export const raiseSlaCheckpoints = (
  complaint: Complaint,
  check: SlaCheck,
  now: Date,
): Complaint => {
  if (!complaint.sla) throw new Error('only a complaint with an SLA has checkpoints');
  const at = now.toISOString();
  const levels = check.due.map((checkpoint) => checkpoint.level ?? 0);
  const breached = check.due.some((checkpoint) => checkpoint.kind === 'breach');
  return {
    ...complaint,
    sla: {
      ...complaint.sla,
      firstResponseDue: check.refreshed.firstResponseDue,
      resolutionDue: check.refreshed.resolutionDue,
      warnings: check.refreshed.warnings,
      raised: [...complaint.sla.raised, ...check.due.map((checkpoint) => checkpoint.key)],
      nextCheckAt: check.nextCheckAt,
    },
    escalationLevel: Math.max(complaint.escalationLevel, ...levels),
    ...(breached && !complaint.breachedAt ? { breachedAt: at } : {}),
    updatedAt: check.due.length > 0 ? at : complaint.updatedAt,
    version: complaint.version + 1,
  };
};

/** The complaint after the customer wrote again while it was not waiting for them. */
export const recordCustomerMessage = (complaint: Complaint, now: Date): Complaint => ({
  ...complaint,
  ...nextVersion(complaint, now),
});
