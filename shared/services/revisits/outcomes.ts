import type { Interaction } from '../../domain/customers/interaction';
import { DomainError, notFound } from '../../domain/errors';
import type { DomainEvent } from '../../domain/events';
import {
  isOpenRevisit,
  linkComplaint,
  type OutcomeInput,
  recordOutcome,
  type Revisit,
} from '../../domain/revisits/revisit';
import { fileNewComplaint } from '../complaints/intake-service';
import type { RevisitServiceDeps } from './ports';

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
    regarding: { type: 'revisit', id: revisit.id },
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
        ...(revisit.department ? { department: revisit.department } : {}),
        ...(revisit.assigneeId ? { assigneeId: revisit.assigneeId } : {}),
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

/**
 * Opens a complaint from an issue found on a revisit ("one click"), linked both ways. A second
 * call returns the complaint already opened.
 */
export const openComplaintFromRevisit = async (
  deps: RevisitServiceDeps,
  revisitId: string,
  description: string | undefined,
  by: string,
): Promise<{ revisit: Revisit; complaintId: string; created: boolean }> => {
  const revisit = await deps.revisits.get(revisitId);
  if (!revisit) throw notFound('Revisit', revisitId);
  if (revisit.complaintId) return { revisit, complaintId: revisit.complaintId, created: false };
  const issue = description ?? revisit.outcome?.issuesFound;
  if (!issue) {
    throw new DomainError(
      'rule-violated',
      'Describe the issue, or record it in the outcome first.',
      {
        fields: ['description'],
      },
    );
  }
  const complaint = await fileNewComplaint(
    deps,
    {
      customerId: revisit.customerId,
      channel: revisit.channel === 'email' ? 'email' : 'phone',
      subject: `回访发现问题 / Issue found on revisit (${revisit.policyId})`,
      description: issue,
      origin: { type: 'revisit', id: revisit.id },
    },
    by,
  );
  const now = deps.clock.now();
  const next = linkComplaint(revisit, complaint.id, now);
  await deps.revisits.save(revisit, next, []);
  return { revisit: next, complaintId: complaint.id, created: true };
};
