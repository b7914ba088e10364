import type { Counters } from '../../domain/reports/figures';
import { type Period, periodDays, periodNamed } from '../../domain/reports/periods';
import {
  type SliceAddition,
  sliceAdditions,
  sliceKey,
  type SliceKind,
} from '../../domain/reports/slices';
import { contributionsOf } from './aggregation';
import type { PeriodCounters, ReportDeps, SourceRecords } from './ports';

export interface RebuildDeps extends ReportDeps {
  sources: SourceRecords;
}

/** Only periods that lie wholly inside [from, until] (local days) are rebuilt and compared. */
export interface RebuildWindow {
  from: string;
  until: string;
}

export interface Difference {
  period: string;
  slice: string;
  counter: string;
  stored: number;
  rebuilt: number;
}

const inside = (period: Period, window: RebuildWindow) => {
  const { first, last } = periodDays(period);
  return first >= window.from && last <= window.until;
};

/**
 * The counters as they should be, computed afresh from every source record's current state (read
 * through indexes), for the periods inside the window. `progress` hears how many of each kind
 * were read, every 500 and at the end.
 */
export const rebuildCounters = async (
  deps: RebuildDeps,
  window: RebuildWindow,
  progress: (kind: string, read: number) => void = () => undefined,
): Promise<SliceAddition[]> => {
  const totals = new Map<string, SliceAddition>();
  const sources: [string, () => AsyncIterable<object>][] = [
    ['Complaint', () => deps.sources.complaints()],
    ['Survey', () => deps.sources.surveys()],
    ['ServiceRecord', () => deps.sources.services()],
    ['Revisit', () => deps.sources.revisits()],
  ];
  for (const [entityType, records] of sources) {
    let read = 0;
    for await (const record of records()) {
      const contributions = await contributionsOf(deps, {
        changeId: 'rebuild',
        entityType,
        previous: undefined,
        next: record as Record<string, unknown>,
      });
      for (const addition of sliceAdditions(contributions)) {
        const id = `${addition.period}|${addition.slice}`;
        const total = totals.get(id) ?? { period: addition.period, slice: addition.slice, add: {} };
        for (const [name, value] of Object.entries(addition.add)) {
          total.add[name] = (total.add[name] ?? 0) + value;
        }
        totals.set(id, total);
      }
      if (++read % 500 === 0) progress(entityType, read);
    }
    progress(entityType, read);
  }
  return [...totals.values()].filter((item) => inside(periodNamed(item.period), window));
};

const slicesOf = (stored: PeriodCounters): Map<string, Counters> =>
  new Map([
    ['ALL', stored.total],
    ...Object.entries(stored.termSlices),
    ...Object.entries(stored.byDimension).flatMap(([kind, byValue]) =>
      Object.entries(byValue).map(
        ([value, counters]) => [sliceKey(kind as SliceKind, value), counters] as const,
      ),
    ),
  ]);

/** Where the stored counters of the rebuilt periods differ from the rebuilt ones. */
export const differencesFromStored = async (
  deps: RebuildDeps,
  rebuilt: SliceAddition[],
): Promise<Difference[]> => {
  const differences: Difference[] = [];
  const periods = new Map<string, SliceAddition[]>();
  for (const item of rebuilt) periods.set(item.period, [...(periods.get(item.period) ?? []), item]);
  for (const [name, items] of periods) {
    const stored = slicesOf(await deps.aggregates.read(periodNamed(name), { withTerms: true }));
    const expected = new Map(items.map((item) => [item.slice, item.add]));
    for (const slice of new Set([...stored.keys(), ...expected.keys()])) {
      const had = stored.get(slice) ?? {};
      const want = expected.get(slice) ?? {};
      for (const counter of new Set([...Object.keys(had), ...Object.keys(want)])) {
        const storedValue = had[counter] ?? 0;
        const rebuiltValue = want[counter] ?? 0;
        if (storedValue !== rebuiltValue) {
          differences.push({
            period: name,
            slice,
            counter,
            stored: storedValue,
            rebuilt: rebuiltValue,
          });
        }
      }
    }
  }
  return differences;
};

/** Replaces the stored counters of every slice that differs with the rebuilt ones. */
export const writeRebuilt = async (
  deps: RebuildDeps,
  rebuilt: SliceAddition[],
  differences: Difference[],
): Promise<number> => {
  const wanted = new Map(rebuilt.map((item) => [`${item.period}|${item.slice}`, item.add]));
  const slices = new Set(
    differences.map((difference) => `${difference.period}|${difference.slice}`),
  );
  for (const id of slices) {
    const [period, slice] = id.split('|') as [string, string];
    await deps.aggregates.replace(periodNamed(period), slice, wanted.get(id) ?? {});
  }
  return slices.size;
};
