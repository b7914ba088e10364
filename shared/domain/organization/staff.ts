import type { DepartmentId } from './departments';

export const STAFF_ROLES = ['agent', 'supervisor', 'head'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

export interface StaffMember {
  id: string;
  name: string;
  email: string;
  department: DepartmentId;
  role: StaffRole;
  onDuty: boolean;
  /** Complaints this person owns that are not yet resolved; kept by the assignment writes. */
  openComplaints: number;
  updatedAt: string;
  version: number;
}

export interface StaffSettings {
  name: string;
  email: string;
  department: DepartmentId;
  role: StaffRole;
  onDuty: boolean;
}

export const configureStaffMember = (
  id: string,
  settings: StaffSettings,
  previous: StaffMember | undefined,
  now: Date,
): StaffMember => ({
  id,
  name: settings.name.trim(),
  email: settings.email,
  department: settings.department,
  role: settings.role,
  onDuty: settings.onDuty,
  openComplaints: previous?.openComplaints ?? 0,
  updatedAt: now.toISOString(),
  version: (previous?.version ?? 0) + 1,
});
