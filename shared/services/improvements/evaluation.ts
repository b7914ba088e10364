import {
  evaluationWindows,
  goalMet,
  type ImprovementAction,
  recordEvaluation,
} from '../../domain/improvements/action';
import { goalSliceKey } from '../../domain/improvements/goal-measure';
import { measureWindow } from './figure-windows';
import { actionEvent } from './events';
import type { ImprovementServiceDeps } from './ports';

/**
 * Evaluates a done action once its window after has passed: the goal figure over the baseline
 * window vs the window after (效果评估), met when the after value reaches the target. Not met
 * reopens it as needs-adjustment (根据评估结果进行调整).
 */
export const evaluateAction = async (
  deps: ImprovementServiceDeps,
  action: ImprovementAction,
): Promise<ImprovementAction | undefined> => {
  const windows = evaluationWindows(action);
  if (action.status !== 'done' || !windows) return undefined;
  const [baseline, after] = await Promise.all([
    measureWindow(
      deps.aggregates,
      action.goal.figure,
      goalSliceKey(action.goal.slice),
      windows.baseline,
    ),
    measureWindow(
      deps.aggregates,
      action.goal.figure,
      goalSliceKey(action.goal.slice),
      windows.after,
    ),
  ]);
  const now = deps.clock.now();
  const evaluation = {
    at: now.toISOString(),
    met: goalMet(action.goal, after.value),
    baseline,
    after,
  };
  const next = recordEvaluation(action, evaluation, now);
  await deps.actions.save(action, next, [
    actionEvent(deps.ids, 'ImprovementActionEvaluated', next, evaluation.at, {
      figure: action.goal.figure,
      met: evaluation.met,
      target: action.goal.target,
      baseline: baseline.value,
      after: after.value,
    }),
  ]);
  return next;
};
