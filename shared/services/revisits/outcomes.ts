import type { Interaction } from '../../domain/customers/interaction';
import { DomainError, notFound } from '../../domain/errors';
import type { DomainEvent } from '../../domain/events';
import {
  isOpenRevisit,
  type OutcomeInput,
  recordOutcome,
  type Revisit,
} from '../../domain/revisits/revisit';
import type { RevisitServiceDeps } from './deps';

/**
 * Records a contact attempt of a revisit; the attempt also lands on the customer's timeline
 * (as a communication record) in the same write.
 */
export const recordRevisitOutcome = async (
  deps: RevisitServiceDeps,
  revisitId: string,
  input: OutcomeInput,
  by: string,
): Promise<Revisit> => {
  const revisit = await deps.revisits.get(revisitId);
  if (!revisit) throw notFound('Revisit', revisitId);
  if (!isOpenRevisit(revisit)) {
    throw new DomainError(
      'rule-violated',
      `The revisit is ${revisit.status}; it takes no more outcomes.`,
      {
        currentStatus: revisit.status,
      },
    );
  }
  const now = deps.clock.now();
  const next = recordOutcome(revisit, input, by, now);
  const at = now.toISOString();
  const interaction: Interaction = {
    id: deps.ids.next(),
    customerId: revisit.customerId,
    channel: revisit.channel === 'email' ? 'email' : 'phone',
    occurredAt: at,
    need: `回访 revisit (${revisit.policyId})`,
    result: input.reached
      ? [`reached${input.score ? `, score ${input.score}/5` : ''}`, input.notes]
          .filter(Boolean)
          .join(': ')
      : `not reached (attempt ${next.attempts.length} of ${revisit.maxAttempts})`,
    staff: by,
    recordedAt: at,
    recordedBy: by,
  };
  const base = { revisitId, customerId: revisit.customerId, policyId: revisit.policyId };
  const events: DomainEvent[] = [];
  if (next.status === 'completed') {
    events.push({
      id: deps.ids.next(),
      source: 'kefu.revisits',
      type: 'RevisitCompleted',
      occurredAt: at,
      detail: {
        ...base,
        ...(input.score ? { score: input.score } : {}),
        surveyAfter: revisit.surveyAfter,
      },
    });
  } else if (next.status === 'unreachable') {
    events.push({
      id: deps.ids.next(),
      source: 'kefu.revisits',
      type: 'RevisitUnreachable',
      occurredAt: at,
      detail: { ...base, attempts: next.attempts.length },
    });
  }
  await deps.revisits.save(revisit, next, events, [interaction]);
  return next;
};
