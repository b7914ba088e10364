import { chooseOwner } from '../../domain/complaints/assignment';
import { transition } from '../../domain/complaints/lifecycle';
import { DomainError } from '../../domain/errors';
import { complaintEvent, timelineEntry } from './complaint-events';
import type { ComplaintServiceDeps } from './deps';

export type AssignmentOutcome =
  'assigned' | 'already-assigned' | 'nobody-on-duty' | 'complaint-missing';

/**
 * Gives a routed complaint to the on-duty staff member of its department with the least open
 * work (ties in turn). Idempotent: only a complaint still `routed` is assigned, in one write with
 * the owner's open-work counter, so a duplicate message cannot assign twice.
 */
export const assignRoutedComplaint = async (
  deps: ComplaintServiceDeps,
  complaintId: string,
): Promise<AssignmentOutcome> => {
  const complaint = await deps.complaints.get(complaintId);
  if (!complaint) return 'complaint-missing';
  if (complaint.status !== 'routed' || !complaint.department) return 'already-assigned';
  const [department, staff] = await Promise.all([
    deps.organization.getDepartment(complaint.department),
    deps.organization.listStaff(complaint.department),
  ]);
  const ownerId = chooseOwner(
    staff.map((member) => ({
      staffId: member.id,
      onDuty: member.onDuty && member.department === complaint.department,
      openComplaints: member.openComplaints,
    })),
    department?.lastAssignedStaffId,
  );
  if (!ownerId) return 'nobody-on-duty';
  const at = deps.clock.now().toISOString();
  const status = transition(complaint.status, 'assign');
  try {
    await deps.complaints.save({
      previous: complaint,
      next: { ...complaint, status, ownerId, updatedAt: at, version: complaint.version + 1 },
      timeline: [
        timelineEntry(deps.ids, complaint.id, at, 'assignment', 'assigned', {
          from: complaint.status,
          to: status,
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
