import { DomainError } from '../../domain/errors';
import { advanceAction, evaluableAt } from '../../domain/improvements/action';
import { responsibleSupervisor } from '../../domain/organization/department';
import { type DrainLimits, drainDue } from '../due-work';
import { evaluateAction } from './evaluation';
import { actionEvent } from './events';
import { advanceTraining } from './trainings';
import type { ImprovementServiceDeps } from './ports';

const LIMITS: DrainLimits = { batch: 200, maxRounds: 10, concurrency: 4 };

export interface ActionSweepCounts {
  reminded: number;
  escalated: number;
  evaluated: number;
  /** Training checkpoints that fell due and went to their holders. */
  trainingCheckpoints: number;
}

/**
 * Moves every action whose next checkpoint has come (the due-time index, never a scan): its owner
 * is reminded before the due date (ImprovementActionDeadlineNear), it is escalated to the
 * department's supervisor past it (ImprovementActionOverdue), a done one is evaluated once its
 * window after has passed; a training checkpoint falling due goes to its holder. The version
 * condition makes repeated or concurrent sweeps harmless.
 */
export const sweepImprovementActions = async (
  deps: ImprovementServiceDeps,
  limits: DrainLimits = LIMITS,
): Promise<ActionSweepCounts> => {
  const now = deps.clock.now();
  const at = now.toISOString();
  const counts: ActionSweepCounts = {
    reminded: 0,
    escalated: 0,
    evaluated: 0,
    trainingCheckpoints: 0,
  };
  const handle = async (id: string): Promise<void> => {
    const action = await deps.actions.get(id);
    if (!action) return;
    try {
      const evaluable = evaluableAt(action);
      if (evaluable !== undefined) {
        if (evaluable <= at && (await evaluateAction(deps, action))) counts.evaluated++;
        return;
      }
      const { action: next, reached } = advanceAction(action, now);
      if (reached.length === 0) return;
      const supervisorId = reached.includes('overdue')
        ? responsibleSupervisor(await deps.organization.getDepartment(action.department))
        : undefined;
      await deps.actions.save(
        action,
        next,
        reached.map((checkpoint) =>
          checkpoint === 'deadline-near'
            ? actionEvent(deps.ids, 'ImprovementActionDeadlineNear', next, at)
            : actionEvent(deps.ids, 'ImprovementActionOverdue', next, at, {
                ...(supervisorId ? { supervisorId } : {}),
              }),
        ),
      );
      if (reached.includes('deadline-near')) counts.reminded++;
      if (reached.includes('overdue')) counts.escalated++;
    } catch (error) {
      if (!(error instanceof DomainError && error.kind === 'stale-version')) throw error;
    }
  };
  await drainDue((limit) => deps.actions.dueIds(at, limit), handle, limits);
  const handleTraining = async (id: string): Promise<void> => {
    const training = await deps.trainings.get(id);
    if (!training) return;
    try {
      counts.trainingCheckpoints += await advanceTraining(deps, training);
    } catch (error) {
      if (!(error instanceof DomainError && error.kind === 'stale-version')) throw error;
    }
  };
  await drainDue((limit) => deps.trainings.dueIds(at, limit), handleTraining, limits);
  return counts;
};
