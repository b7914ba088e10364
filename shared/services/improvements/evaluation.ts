import {
  type ActionGoal,
  daysOf,
  type DayWindow,
  type EvaluatedWindow,
  evaluationWindows,
  goalMet,
  type ImprovementAction,
  recordEvaluation,
} from '../../domain/improvements/action';
import { goalSliceKey, measureGoal, sumCounters } from '../../domain/improvements/goal-measure';
import type { Counters } from '../../domain/reports/figures';
import { actionEvent } from './events';
import type { ImprovementServiceDeps } from './ports';

/** BatchGetItem reads 100 keys at most. */
const DAYS_PER_READ = 100;

/** The goal figure over a window of days, from the daily counters of the goal's slice. */
const measureWindow = async (
  deps: ImprovementServiceDeps,
  goal: ActionGoal,
  window: DayWindow,
): Promise<EvaluatedWindow> => {
  const days = daysOf(window);
  const counters: Counters[] = [];
  for (let start = 0; start < days.length; start += DAYS_PER_READ) {
    const periods = days
      .slice(start, start + DAYS_PER_READ)
      .map((name) => ({ kind: 'day' as const, name }));
    counters.push(...(await deps.aggregates.readSlice(periods, goalSliceKey(goal.slice))));
  }
  return { ...window, ...measureGoal(goal.figure, sumCounters(counters)) };
};

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
    measureWindow(deps, action.goal, windows.baseline),
    measureWindow(deps, action.goal, windows.after),
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
