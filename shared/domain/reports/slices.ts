import type { Contribution } from './contributions';
import type { Counters } from './figures';
import { periodsOf } from './periods';

const DIMENSIONS = ['department', 'category', 'channel'] as const;

export interface SliceAddition {
  period: string;
  slice: string;
  add: Counters;
}

/**
 * What contributions add to each counter item: every period the instant falls in × the total
 * (`ALL`) and each dimension's value (`DEPARTMENT#logistics`…), merged per item.
 */
export const sliceAdditions = (contributions: Contribution[]): SliceAddition[] => {
  const items = new Map<string, SliceAddition>();
  for (const contribution of contributions) {
    const slices = [
      'ALL',
      ...DIMENSIONS.flatMap((dimension) => {
        const value = contribution.dimensions[dimension];
        return value ? [`${dimension.toUpperCase()}#${value}`] : [];
      }),
    ];
    for (const period of periodsOf(contribution.at)) {
      for (const slice of slices) {
        const id = `${period.name}|${slice}`;
        const item = items.get(id) ?? { period: period.name, slice, add: {} };
        for (const [name, value] of Object.entries(contribution.add)) {
          item.add[name] = (item.add[name] ?? 0) + value;
        }
        items.set(id, item);
      }
    }
  }
  return [...items.values()];
};
