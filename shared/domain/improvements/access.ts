import { type ComplaintActor, seesAllDepartments } from '../complaints/access';
import type { ImprovementAction } from './action';

/**
 * An improvement action belongs to its owner and to the supervisors of its department (seed 004
 * §3.4 names a 责任人 for each); admins and integrator systems see them all. Anyone else gets the
 * answer a missing one gets.
 */
export const canSeeAction = (
  actor: ComplaintActor,
  action: Pick<ImprovementAction, 'ownerId' | 'department'>,
): boolean =>
  seesAllDepartments(actor) ||
  action.ownerId === actor.subject ||
  (actor.role === 'supervisor' && actor.department === action.department);

/** Plans and cancels are management's: a supervisor of the department, or an admin. */
export const directsDepartment = (actor: ComplaintActor, department: string): boolean =>
  seesAllDepartments(actor) || (actor.role === 'supervisor' && actor.department === department);

/** Which lists an actor may read: any for admins; a supervisor's department; one's own. */
export const mayListActions = (
  actor: ComplaintActor,
  query: { ownerId?: string | undefined; department?: string | undefined },
): boolean =>
  seesAllDepartments(actor) ||
  (query.ownerId !== undefined
    ? query.ownerId === actor.subject
    : query.department !== undefined && directsDepartment(actor, query.department));
