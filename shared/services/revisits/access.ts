import type { ComplaintActor } from '../../domain/complaints/access';
import { notFound } from '../../domain/errors';
import { canSeeRevisit } from '../../domain/revisits/access';
import type { Revisit } from '../../domain/revisits/revisit';
import type { RevisitServiceDeps } from './ports';

/** The revisit if the actor may see it; another department's is as unknown as a missing one. */
export const visibleRevisit = async (
  deps: RevisitServiceDeps,
  actor: ComplaintActor,
  id: string,
): Promise<Revisit> => {
  const revisit = await deps.revisits.get(id);
  if (!revisit || !canSeeRevisit(actor, revisit)) throw notFound('Revisit', id);
  return revisit;
};
