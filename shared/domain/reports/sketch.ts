/**
 * A mergeable quantile sketch of durations (the DDSketch idea): a value v ≥ 1 ms counts in bucket
 * ⌈log_γ v⌉ with γ = (1 + α) / (1 − α), so any quantile read back is within α (1 %) of the
 * true value. Buckets are plain counters, so sketches of days, departments or replayed
 * contributions add up by addition — which is how DynamoDB `ADD` keeps them.
 */
const RELATIVE_ACCURACY = 0.01;
const GAMMA = (1 + RELATIVE_ACCURACY) / (1 - RELATIVE_ACCURACY);
const LOG_GAMMA = Math.log(GAMMA);

/** The bucket of a duration in milliseconds (durations under 1 ms count as 1 ms). */
export const bucketOf = (ms: number): number => Math.ceil(Math.log(Math.max(1, ms)) / LOG_GAMMA);

/** A representative value of a bucket: within α of every value it holds. */
const valueOf = (bucket: number): number => (2 * GAMMA ** bucket) / (GAMMA + 1);

/**
 * The q-quantile (0 ≤ q ≤ 1) of the values counted in `buckets` (bucket index → count), or
 * undefined when there are none. Rank ⌈q·n⌉ (nearest rank), as the median and P90 are meant.
 */
export const quantile = (buckets: Map<number, number>, q: number): number | undefined => {
  const total = [...buckets.values()].reduce((sum, count) => sum + count, 0);
  if (total === 0) return undefined;
  const rank = Math.max(1, Math.ceil(q * total));
  let seen = 0;
  for (const [bucket, count] of [...buckets.entries()].sort(([a], [b]) => a - b)) {
    seen += count;
    if (seen >= rank) return valueOf(bucket);
  }
  return undefined;
};
