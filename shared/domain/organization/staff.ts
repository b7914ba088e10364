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
  /** Configures Kefu and sees every department (the `admin` token role). */
  administrator?: boolean;
  /**
   * When the person was removed (`DELETE /staff/{id}`): their sign-in account is disabled, they
   * take no new work; the record stays, as complaints and revisits still name them.
   */
  removedAt?: string;
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
  administrator?: boolean;
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
  ...(settings.administrator === true ? { administrator: true } : {}),
  openComplaints: previous?.openComplaints ?? 0,
  updatedAt: now.toISOString(),
  version: (previous?.version ?? 0) + 1,
});

/**
 * Removes a person: off duty for good (no new work), their record kept for the complaints and
 * revisits that name them. A `PUT` of the same id later re-instates them.
 */
export const removeStaffMember = (member: StaffMember, now: Date): StaffMember => ({
  ...member,
  onDuty: false,
  removedAt: now.toISOString(),
  updatedAt: now.toISOString(),
  version: member.version + 1,
});

/** The fields a change touched, by name (for the audit trail; never their values). */
export const changedStaffFields = (
  previous: StaffMember | undefined,
  next: StaffMember,
): string[] => {
  const fields = [
    'name',
    'email',
    'department',
    'role',
    'onDuty',
    'administrator',
    'removedAt',
  ] as const;
  return fields.filter((field) => previous?.[field] !== next[field]);
};
