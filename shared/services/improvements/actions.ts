import type { ComplaintActor } from '../../domain/complaints/access';
import { DomainError, invalidReference, notFound } from '../../domain/errors';
import {
  type ActionChange,
  changeAction,
  type ImprovementAction,
  mayChange,
  type NewAction,
  planAction,
} from '../../domain/improvements/action';
import { canSeeAction, directsDepartment } from '../../domain/improvements/access';
import { actionEvent } from './events';
import type { ImprovementServiceDeps } from './ports';

/** The action if the actor may see it; anyone else's is as unknown as a missing one. */
export const visibleAction = async (
  deps: ImprovementServiceDeps,
  actor: ComplaintActor,
  id: string,
): Promise<ImprovementAction> => {
  const action = await deps.actions.get(id);
  if (!action || !canSeeAction(actor, action)) throw notFound('Improvement action', id);
  return action;
};

/**
 * Plans an improvement action (明确目标、措施及责任人): a supervisor of its department or an admin
 * names the goal, the measures and the owner — a member of staff on duty — and a due date ahead.
 */
export const planImprovementAction = async (
  deps: ImprovementServiceDeps,
  actor: ComplaintActor,
  input: NewAction,
): Promise<ImprovementAction> => {
  if (!directsDepartment(actor, input.department)) {
    throw new DomainError(
      'rule-violated',
      `Only a supervisor of ${input.department} or an admin plans its improvement actions.`,
      { fields: ['department'] },
    );
  }
  const owner = await deps.organization.getStaffMember(input.ownerId);
  if (!owner || owner.removedAt !== undefined) {
    throw invalidReference('/ownerId', `Staff member ${input.ownerId} does not exist.`);
  }
  const now = deps.clock.now();
  if (input.dueAt <= now.toISOString()) {
    throw new DomainError('rule-violated', 'The due date must be ahead.', { fields: ['dueAt'] });
  }
  const action = planAction(deps.ids.next(), input, actor.subject, now);
  await deps.actions.create(
    action,
    actionEvent(deps.ids, 'ImprovementActionPlanned', action, action.createdAt, {
      figure: action.goal.figure,
      findings: action.answers.findings,
    }),
  );
  return action;
};

/**
 * A person's change of an action's status: its owner or a supervisor starts it and marks it done;
 * only a supervisor or an admin cancels it, with a reason. Asking for the status it already has
 * changes nothing (a retried request).
 */
export const changeImprovementAction = async (
  deps: ImprovementServiceDeps,
  actor: ComplaintActor,
  id: string,
  to: ActionChange,
  note: string | undefined,
): Promise<ImprovementAction> => {
  const action = await visibleAction(deps, actor, id);
  if (action.status === to) return action;
  if (to === 'cancelled') {
    if (!directsDepartment(actor, action.department)) {
      throw new DomainError('rule-violated', 'Only a supervisor or an admin cancels an action.', {
        fields: ['status'],
      });
    }
    if (!note) {
      throw new DomainError('rule-violated', 'Say why the action is cancelled.', {
        fields: ['note'],
      });
    }
  }
  if (!mayChange(action, to)) {
    throw new DomainError(
      'rule-violated',
      `An action that is ${action.status} cannot become ${to}.`,
      {
        currentStatus: action.status,
        fields: ['status'],
      },
    );
  }
  const next = changeAction(action, to, actor.subject, deps.clock.now(), note);
  await deps.actions.save(action, next, [
    actionEvent(deps.ids, 'ImprovementActionChanged', next, next.updatedAt, {
      previousStatus: action.status,
      changedBy: actor.subject,
    }),
  ]);
  return next;
};
