import { CATEGORIES, COMPLAINT_CHANNELS } from '../shared/domain/complaints/complaint';
import { DEPARTMENT_IDS } from '../shared/domain/organization/departments';
import type { Contribution } from '../shared/domain/reports/contributions';
import { bucketOf } from '../shared/domain/reports/sketch';

const DEPARTMENTS = DEPARTMENT_IDS;
const CHANNELS = COMPLAINT_CHANNELS;
const VOCABULARY = Array.from({ length: 3000 }, (_, index) => `词${index.toString(36)}`);

/** A deterministic pseudo-random sequence, so runs compare. */
const random = (() => {
  let seed = 42;
  return () => {
    seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
    return seed / 2 ** 31;
  };
})();
const pick = <T>(values: readonly T[]): T => values[Math.floor(random() * values.length)] as T;

/** What one synthetic record of 2026 adds: a complaint, a survey, a service or a revisit. */
const contributionOf = (): Contribution => {
  const at = new Date(Date.UTC(2026, 0, 1) + random() * 365 * 24 * 3_600_000).toISOString();
  const department = pick(DEPARTMENTS);
  const kind = random();
  if (kind < 0.4) {
    const clockMs = Math.round(random() * 48 * 3_600_000);
    return {
      at,
      dimensions: { department, category: pick(CATEGORIES), channel: pick(CHANNELS) },
      add: {
        complaints: 1,
        resolved: random() < 0.9 ? 1 : 0,
        frCount: 1,
        frClockMsSum: clockMs,
        frBusinessMsSum: Math.round(clockMs / 3),
        [`frClockB${bucketOf(clockMs)}`]: 1,
        [`frBusinessB${bucketOf(clockMs / 3)}`]: 1,
        frTargets: 1,
        frWithin: clockMs < 24 * 3_600_000 ? 1 : 0,
      },
      terms: Object.fromEntries(
        [pick(VOCABULARY), pick(VOCABULARY), pick(VOCABULARY)].map((term) => [term, 1]),
      ),
    };
  }
  if (kind < 0.7) {
    const score = 1 + Math.floor(random() * 5);
    return {
      at,
      dimensions: { department },
      add: { surveyed: 1, answered: 1, [`score${score}`]: 1, scoreSum: score },
    };
  }
  if (kind < 0.9) {
    return {
      at,
      dimensions: { department },
      add: { services: 1, serviceErrors: random() < 0.03 ? 1 : 0 },
    };
  }
  return {
    at,
    dimensions: { department },
    add: { revisitsPlanned: 1, revisitsOnTime: random() < 0.8 ? 1 : 0 },
  };
};

/** `records` synthetic contributions, in batches. */
export function* syntheticContributions(records: number, batch: number): Generator<Contribution[]> {
  for (let made = 0; made < records; made += batch) {
    yield Array.from({ length: Math.min(batch, records - made) }, contributionOf);
  }
}
