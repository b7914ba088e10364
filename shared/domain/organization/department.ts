import type { DepartmentId } from './departments';

/** A department as configured: who supervises it and who heads it (the escalation chain). */
export interface Department {
  id: DepartmentId;
  name: string;
  supervisorId?: string;
  headId?: string;
  /** The staff member assigned last, so that ties are shared out in turn. */
  lastAssignedStaffId?: string;
  updatedAt: string;
  version: number;
}

export interface DepartmentSettings {
  name: string;
  supervisorId?: string | undefined;
  headId?: string | undefined;
}

export const configureDepartment = (
  id: DepartmentId,
  settings: DepartmentSettings,
  previous: Department | undefined,
  now: Date,
): Department => ({
  id,
  name: settings.name.trim(),
  ...(settings.supervisorId ? { supervisorId: settings.supervisorId } : {}),
  ...(settings.headId ? { headId: settings.headId } : {}),
  ...(previous?.lastAssignedStaffId ? { lastAssignedStaffId: previous.lastAssignedStaffId } : {}),
  updatedAt: now.toISOString(),
  version: (previous?.version ?? 0) + 1,
});

/** Who answers for a department's overdue work: its supervisor, else its head. */
export const responsibleSupervisor = (department: Department | undefined): string | undefined =>
  department?.supervisorId ?? department?.headId;
