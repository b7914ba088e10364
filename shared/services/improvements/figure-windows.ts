import { daysOf, type DayWindow, type EvaluatedWindow } from '../../domain/improvements/action';
import { measureGoal, sumCounters } from '../../domain/improvements/goal-measure';
import type { Counters } from '../../domain/reports/figures';
import type { TargetFigure } from '../../domain/reports/targets';
import type { AggregateStore } from '../reports/ports';

/** BatchGetItem reads 100 keys at most. */
const DAYS_PER_READ = 100;

/** A report figure over a window of days, from the daily counters of one slice (no raw reads). */
export const measureWindow = async (
  aggregates: Pick<AggregateStore, 'readSlice'>,
  figure: TargetFigure,
  slice: string,
  window: DayWindow,
): Promise<EvaluatedWindow> => {
  const days = daysOf(window);
  const counters: Counters[] = [];
  for (let start = 0; start < days.length; start += DAYS_PER_READ) {
    const periods = days
      .slice(start, start + DAYS_PER_READ)
      .map((name) => ({ kind: 'day' as const, name }));
    counters.push(...(await aggregates.readSlice(periods, slice)));
  }
  return { ...window, ...measureGoal(figure, sumCounters(counters)) };
};
