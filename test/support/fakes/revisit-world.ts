import type { RevisitServiceDeps } from '../../../shared/services/revisits/ports';
import { complaintWorld, WORLD_START } from './complaint-world';
import { InMemoryRevisits, InMemoryServiceRecords } from './revisits';

/** The revisit services' ports, all in memory, sharing the complaint world's outbox and clock. */
export const revisitWorld = (start: string = WORLD_START) => {
  const base = complaintWorld(start);
  const revisits = new InMemoryRevisits(base.outbox);
  const services = new InMemoryServiceRecords(base.outbox);
  const deps: RevisitServiceDeps & typeof base.deps = { ...base.deps, revisits, services };
  return { ...base, deps, revisits, services };
};

export type RevisitWorld = ReturnType<typeof revisitWorld>;
