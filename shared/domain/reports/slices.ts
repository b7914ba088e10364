import type { Contribution } from './contributions';
import type { Counters } from './figures';
import { periodsOf } from './periods';
import { termShard } from './terms';

/** The breakdowns kept beside the total, each an item per value (`DEPARTMENT#logistics`). */
export const DIMENSIONS = ['department', 'category', 'channel'] as const;
export type Dimension = (typeof DIMENSIONS)[number];

/** Every kind of slice a period's partition holds besides the total: the dimensions and staff members (`AGENT#li-na`). */
export const SLICE_KINDS = [...DIMENSIONS, 'agent'] as const;
export type SliceKind = (typeof SLICE_KINDS)[number];

/** The key of one slice: `DEPARTMENT#logistics`, `AGENT#li-na`. */
export const sliceKey = (kind: SliceKind, value: string): string =>
  `${kind.toUpperCase()}#${value}`;

export interface SliceAddition {
  period: string;
  slice: string;
  add: Counters;
}

/**
 * What contributions add to each counter item: every period the instant falls in × the total
 * (`ALL`) and each dimension's value (`DEPARTMENT#logistics`…), or the one staff member a
 * contribution credits (`AGENT#li-na`), merged per item; hot-topic words
 * go to the period's term items (`TERMS#<shard>`) only.
 */
export const sliceAdditions = (contributions: Contribution[]): SliceAddition[] => {
  const items = new Map<string, SliceAddition>();
  for (const contribution of contributions) {
    const slices = contribution.agent
      ? [sliceKey('agent', contribution.agent)]
      : [
          'ALL',
          ...DIMENSIONS.flatMap((dimension) => {
            const value = contribution.dimensions[dimension];
            return value ? [sliceKey(dimension, value)] : [];
          }),
        ];
    const termSlices = new Map<string, Counters>();
    for (const [term, count] of Object.entries(contribution.terms ?? {})) {
      const slice = `TERMS#${termShard(term)}`;
      termSlices.set(slice, { ...termSlices.get(slice), [term]: count });
    }
    for (const period of periodsOf(contribution.at)) {
      for (const [slice, terms] of termSlices) {
        const id = `${period.name}|${slice}`;
        const item = items.get(id) ?? { period: period.name, slice, add: {} };
        for (const [term, count] of Object.entries(terms)) {
          item.add[term] = (item.add[term] ?? 0) + count;
        }
        items.set(id, item);
      }
      if (Object.keys(contribution.add).length === 0) continue;
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
