import type { Counters, Durations, Rate, ServiceQualityFigures } from '../reports/figures';
import { serviceQualityFigures } from '../reports/figures';
import { TARGET_FIGURES, type TargetFigure } from '../reports/targets';
import type { GoalSlice } from './action';

/** The counter item of a goal's slice: `ALL`, `DEPARTMENT#logistics`, `AGENT#li-na`… */
export const goalSliceKey = (slice: GoalSlice): string =>
  slice.dimension === 'all' ? 'ALL' : `${slice.dimension.toUpperCase()}#${slice.value}`;

/** The rate or durations each goal figure is read from, for the counts beside its value. */
const BASIS: Record<TargetFigure, (figures: ServiceQualityFigures) => Rate | Durations> = {
  satisfactionRate: (f) => f.satisfaction.rate,
  firstResponseBusinessHours: (f) => f.firstResponse.businessHours,
  resolutionRate: (f) => f.complaints.resolutionRate,
  firstResponseWithinTarget: (f) => f.sla.firstResponseWithinTarget,
  resolutionWithinTarget: (f) => f.sla.resolutionWithinTarget,
  serviceErrorRate: (f) => f.services.errorRate,
  revisitOnTimeRate: (f) => f.revisits.completedOnTime,
};

/** Counters of several days summed: every counter only adds, so a window is their sum. */
export const sumCounters = (days: Counters[]): Counters => {
  const sum: Counters = {};
  for (const day of days) {
    for (const [name, value] of Object.entries(day)) {
      if (typeof value === 'number') sum[name] = (sum[name] ?? 0) + value;
    }
  }
  return sum;
};

/** A goal figure's value over summed counters, with what it was computed from. */
export const measureGoal = (
  figure: TargetFigure,
  counters: Counters,
): { value: number | null; counts: Record<string, number> } => {
  const figures = serviceQualityFigures(counters);
  const basis = BASIS[figure](figures);
  return {
    value: TARGET_FIGURES[figure].read(figures),
    counts:
      'numerator' in basis
        ? { numerator: basis.numerator, denominator: basis.denominator }
        : { count: basis.count },
  };
};
