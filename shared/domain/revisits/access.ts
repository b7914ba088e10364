import { type ComplaintActor, seesAllDepartments } from '../complaints/access';
import type { Revisit } from './revisit';

/**
 * A revisit belongs to its department's staff (one without a department to its assignee), as
 * complaints do; admins and integrator systems see them all.
 */
export const canSeeRevisit = (actor: ComplaintActor, revisit: Revisit): boolean =>
  seesAllDepartments(actor) ||
  (revisit.department !== undefined
    ? actor.department === revisit.department
    : revisit.assigneeId === actor.subject);

/** Which worklists an actor may list: any for admins, else their own and their department's. */
export const mayListRevisits = (
  actor: ComplaintActor,
  query: { assigneeId?: string | undefined; department?: string | undefined },
): boolean =>
  seesAllDepartments(actor) ||
  (query.assigneeId !== undefined
    ? query.assigneeId === actor.subject
    : query.department !== undefined && query.department === actor.department);

/** The department a revisit planned by this actor may name: their own, unless they see all. */
export const mayPlanFor = (actor: ComplaintActor, department: string | undefined): boolean =>
  seesAllDepartments(actor) || department === undefined || department === actor.department;
