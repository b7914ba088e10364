import { chooseOwner, whyUnassignable } from '../../domain/complaints/assignment';
import type { Complaint } from '../../domain/complaints/complaint';
import { assignOwner, markUnassignable } from '../../domain/complaints/transitions';
import { transferCount } from '../../domain/complaints/transfer';
import { DomainError } from '../../domain/errors';
import { complaintEvent, timelineEntry } from './complaint-events';
import type { ComplaintServiceDeps } from './ports';

export type AssignmentOutcome =
  'assigned' | 'already-assigned' | 'nobody-on-duty' | 'complaint-missing' | 'superseded';

/**
 * What the message asking for an assignment knew: the department it was sent to and how many
 * transfers the complaint had then. A message from before a later transfer is superseded.
 */
export interface AssignmentRequest {
  department: string;
  transfers: number;
}

/**
 * Gives a routed complaint to the on-duty staff member of its department with the least open
 * work (ties in turn). Idempotent: only a complaint still `routed` is assigned, in one write with
 * the owner's open-work counter, so a duplicate message cannot assign twice; a message sent
 * before a later transfer (another department, or fewer transfers) changes nothing, so an older
 * transfer arriving late never moves the complaint back. When nobody can take it, the complaint
 * says so once per department (`unassignable`, a timeline entry, ComplaintUnassignable).
 */
export const assignRoutedComplaint = async (
  deps: ComplaintServiceDeps,
  complaintId: string,
  request?: AssignmentRequest,
): Promise<AssignmentOutcome> => {
  const complaint = await deps.complaints.get(complaintId);
  if (!complaint) return 'complaint-missing';
  if (
    request &&
    (request.department !== complaint.department || request.transfers !== transferCount(complaint))
  ) {
    return 'superseded';
  }
  if (complaint.status !== 'routed' || !complaint.department) return 'already-assigned';
  const [department, staff] = await Promise.all([
    deps.organization.getDepartment(complaint.department),
    deps.organization.listStaff(complaint.department),
  ]);
  const inDepartment = staff.filter((member) => member.department === complaint.department);
  const ownerId = chooseOwner(
    inDepartment.map((member) => ({
      staffId: member.id,
      onDuty: member.onDuty,
      openComplaints: member.openComplaints,
    })),
    department?.lastAssignedStaffId,
  );
  if (!ownerId) {
    await warnUnassignable(deps, complaint, whyUnassignable(!!department, inDepartment.length));
    return 'nobody-on-duty';
  }
  const now = deps.clock.now();
  const at = now.toISOString();
  const next = assignOwner(complaint, ownerId, now);
  try {
    await deps.complaints.save({
      previous: complaint,
      next,
      timeline: [
        timelineEntry(deps.ids, complaint.id, at, 'assignment', 'assigned', {
          from: complaint.status,
          to: next.status,
          details: { ownerId, rule: 'least open work, then in turn' },
        }),
      ],
      events: [
        complaintEvent(deps.ids, 'ComplaintAssigned', at, {
          complaintId: complaint.id,
          department: complaint.department,
          ownerId,
        }),
      ],
      openWork: [{ staffId: ownerId, delta: 1 }],
      ...(department ? { lastAssigned: { department: department.id, staffId: ownerId } } : {}),
    });
  } catch (error) {
    if (error instanceof DomainError && error.kind === 'stale-version') return 'already-assigned';
    throw error;
  }
  return 'assigned';
};

/**
 * Marks the complaint as waiting for an owner nobody can be, with a timeline entry and a
 * ComplaintUnassignable event, once per department: the retries of the reconciliation sweep and
 * redelivered messages find the mark and stay quiet. A concurrent change wins; the next try sees it.
 */
const warnUnassignable = async (
  deps: ComplaintServiceDeps,
  complaint: Complaint,
  reason: ReturnType<typeof whyUnassignable>,
): Promise<void> => {
  const department = complaint.department;
  if (!department || complaint.unassignable?.department === department) return;
  const now = deps.clock.now();
  const at = now.toISOString();
  try {
    await deps.complaints.save({
      previous: complaint,
      next: markUnassignable(complaint, department, reason, now),
      timeline: [
        timelineEntry(deps.ids, complaint.id, at, 'assignment', 'unassignable', {
          details: { department, reason },
        }),
      ],
      events: [
        complaintEvent(deps.ids, 'ComplaintUnassignable', at, {
          complaintId: complaint.id,
          department,
          reason,
        }),
      ],
    });
  } catch (error) {
    if (!(error instanceof DomainError && error.kind === 'stale-version')) throw error;
  }
};
