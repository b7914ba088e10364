import type { Complaint } from './complaint';

/** Who is acting on complaints, as far as access is concerned. */
export interface ComplaintActor {
  subject: string;
  role: 'staff' | 'supervisor' | 'admin' | 'integrator';
  department: string | undefined;
}

/**
 * Staff and supervisors see and act on their own department's complaints; admins and integrator
 * systems (client-credentials tokens, which carry no department) on all of them.
 */
export const seesAllDepartments = (actor: ComplaintActor): boolean =>
  actor.role === 'admin' || actor.role === 'integrator';

export const canSeeDepartment = (actor: ComplaintActor, department: string | undefined): boolean =>
  seesAllDepartments(actor) || (department !== undefined && actor.department === department);

export const canSee = (actor: ComplaintActor, complaint: Complaint): boolean =>
  canSeeDepartment(actor, complaint.department);
