import type { UnassignableReason } from './complaint';

/** A candidate owner as the assignment rule sees them. */
export interface AssignmentCandidate {
  staffId: string;
  onDuty: boolean;
  openComplaints: number;
}

/**
 * Least open work among on-duty staff; among those tied, the first after the one assigned last
 * (by staff id, wrapping round), so ties are shared out in turn. Undefined when nobody is on duty.
 */
export const chooseOwner = (
  candidates: AssignmentCandidate[],
  lastAssignedStaffId: string | undefined,
): string | undefined => {
  const onDuty = candidates.filter((candidate) => candidate.onDuty);
  if (onDuty.length === 0) return undefined;
  const least = Math.min(...onDuty.map((candidate) => candidate.openComplaints));
  const tied = onDuty
    .filter((candidate) => candidate.openComplaints === least)
    .map((candidate) => candidate.staffId)
    .sort();
  const next = lastAssignedStaffId
    ? tied.find((staffId) => staffId > lastAssignedStaffId)
    : undefined;
  return next ?? tied[0];
};

/**
 * Why nobody could be chosen: no staff at all (the department not even configured, or
 * configured without people), or staff of whom none is on duty.
 */
export const whyUnassignable = (
  departmentConfigured: boolean,
  staffInDepartment: number,
): UnassignableReason =>
  staffInDepartment > 0
    ? 'nobody-on-duty'
    : departmentConfigured
      ? 'no-staff'
      : 'department-not-configured';
