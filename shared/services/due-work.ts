export interface DrainLimits {
  /** Ids asked for per round. */
  batch: number;
  /** Rounds per run at most, so an item that stays due cannot keep one run going forever. */
  maxRounds: number;
  /** Items handled at once; each is a few sequential reads and one write. */
  concurrency: number;
}

const forEachConcurrently = async (
  ids: string[],
  concurrency: number,
  handle: (id: string) => Promise<void>,
): Promise<void> => {
  let next = 0;
  const worker = async () => {
    while (next < ids.length) await handle(ids[next++] as string);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, ids.length) }, worker));
};

/**
 * Takes due work in rounds until a round comes back short, so a backlog (after an outage or a
 * clock jump) drains in one run instead of one batch per schedule tick. Returns how many ids
 * were handled.
 */
export const drainDue = async (
  nextDue: (limit: number) => Promise<string[]>,
  handle: (id: string) => Promise<void>,
  limits: DrainLimits,
): Promise<number> => {
  let handled = 0;
  for (let round = 1; ; round++) {
    const ids = await nextDue(limits.batch);
    await forEachConcurrently(ids, limits.concurrency, handle);
    handled += ids.length;
    if (ids.length < limits.batch || round >= limits.maxRounds) return handled;
  }
};
