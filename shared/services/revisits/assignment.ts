import type { ComplaintActor } from '../../domain/complaints/access';
import { DomainError } from '../../domain/errors';
import { assignRevisit, isOpenRevisit, type Revisit } from '../../domain/revisits/revisit';
import { visibleRevisit } from './access';
import type { RevisitServiceDeps } from './ports';

const refuse = (message: string, details: Record<string, unknown> = {}) =>
  new DomainError('rule-violated', message, { fields: ['assigneeId'], ...details });

/**
 * Gives an open revisit to a member of its department: anyone of the department claims one
 * nobody has taken; a supervisor (an admin, an integrator system) gives any of them to any on-duty member. Claiming
 * what you already hold changes nothing.
 */
export const assignRevisitTo = async (
  deps: RevisitServiceDeps,
  actor: ComplaintActor,
  revisitId: string,
  assigneeId: string | undefined,
): Promise<Revisit> => {
  const revisit = await visibleRevisit(deps, actor, revisitId);
  const target = assigneeId ?? actor.subject;
  if (!isOpenRevisit(revisit)) {
    throw new DomainError(
      'rule-violated',
      `The revisit is ${revisit.status}; it cannot be assigned.`,
      {
        currentStatus: revisit.status,
      },
    );
  }
  if (revisit.assigneeId === target) return revisit;
  // Integrator systems (a CRM) act for the supervisors who use them.
  const directs = actor.role !== 'staff';
  if (!directs && target !== actor.subject) {
    throw refuse('Only a supervisor assigns a revisit to someone else; claim it for yourself.');
  }
  if (!directs && revisit.assigneeId) {
    throw refuse(
      `The revisit is already taken by ${revisit.assigneeId}; ask a supervisor to reassign it.`,
    );
  }
  const member = await deps.organization.getStaffMember(target);
  if (!member || (revisit.department !== undefined && member.department !== revisit.department)) {
    throw refuse(
      `Staff member ${target} is not in the ${revisit.department ?? "revisit's"} department.`,
    );
  }
  if (member.removedAt !== undefined || !member.onDuty) {
    throw refuse(`Staff member ${target} is ${member.removedAt ? 'removed' : 'off duty'}.`);
  }
  const now = deps.clock.now();
  const next = assignRevisit(revisit, target, now);
  await deps.revisits.save(revisit, next, [
    {
      id: deps.ids.next(),
      source: 'kefu.revisits',
      type: 'RevisitAssigned',
      occurredAt: now.toISOString(),
      detail: {
        revisitId: revisit.id,
        customerId: revisit.customerId,
        assigneeId: target,
        ...(revisit.assigneeId ? { previousAssigneeId: revisit.assigneeId } : {}),
        assignedBy: actor.subject,
      },
    },
  ]);
  return next;
};
