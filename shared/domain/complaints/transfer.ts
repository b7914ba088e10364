import { DomainError } from '../errors';
import type { DepartmentId } from '../organization/departments';
import type { Complaint, ComplaintTransfer } from './complaint';
import type { ComplaintStatus } from './lifecycle';

/**
 * The statuses from which a complaint may be sent to another department: routed (waiting for an
 * owner, e.g. because nobody could take it), or being worked. Received complaints have no
 * department yet; resolved and closed ones are finished (reopen first).
 */
export const TRANSFERABLE_STATUSES: readonly ComplaintStatus[] = [
  'routed',
  'assigned',
  'in_progress',
  'waiting_on_customer',
  'reopened',
];

export const isTransferable = (status: ComplaintStatus): boolean =>
  TRANSFERABLE_STATUSES.includes(status);

/** A 422-kind error naming why the complaint cannot go to `to`, or nothing. */
export const checkTransfer = (complaint: Complaint, to: DepartmentId): void => {
  if (!isTransferable(complaint.status)) {
    const finished = complaint.status === 'resolved' || complaint.status === 'closed';
    throw new DomainError(
      'rule-violated',
      finished
        ? `A complaint that is ${complaint.status} cannot be transferred; reopen it first.`
        : `A complaint that is ${complaint.status} has no department yet and cannot be transferred.`,
      { currentStatus: complaint.status, action: 'transfer' },
    );
  }
  if (complaint.department === to) {
    throw new DomainError('rule-violated', `The complaint is already in the ${to} department.`, {
      fields: ['department'],
    });
  }
};

/**
 * The complaint after it was sent to department `to`: routed again (no owner, so that the new
 * department's queue assigns it), the move remembered. Deadlines, priority, category and the
 * SLA alerts already raised stay as they were.
 */
export const transferComplaint = (
  complaint: Complaint,
  to: DepartmentId,
  by: string,
  now: Date,
): Complaint => {
  if (!complaint.department) throw new Error('a transferable complaint has a department');
  const at = now.toISOString();
  const transfer: ComplaintTransfer = {
    from: complaint.department,
    to,
    at,
    by,
    ...(complaint.ownerId ? { fromOwnerId: complaint.ownerId } : {}),
  };
  const { ownerId: _owner, unassignable: _warning, ...rest } = complaint;
  return {
    ...rest,
    status: 'routed',
    department: to,
    transfers: [...(complaint.transfers ?? []), transfer],
    updatedAt: at,
    version: complaint.version + 1,
  };
};

/** How many times the complaint was moved to another department. */
export const transferCount = (complaint: Pick<Complaint, 'transfers'>): number =>
  complaint.transfers?.length ?? 0;

/** The department the router sent the complaint to first (before any transfer). */
export const firstDepartment = (
  complaint: Pick<Complaint, 'department' | 'transfers'>,
): DepartmentId | undefined => complaint.transfers?.[0]?.from ?? complaint.department;

/**
 * The department whose business calendar the complaint's deadlines are counted on: the one it was
 * routed to. The deadlines were promised to the customer in the acknowledgement, so a transfer,
 * an internal correction, moves none of them (nor the first-response time measured on it).
 */
export const slaCalendarDepartment = (
  complaint: Pick<Complaint, 'department' | 'transfers'>,
): DepartmentId | undefined => firstDepartment(complaint);
