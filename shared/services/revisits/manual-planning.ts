import { type ComplaintActor, seesAllDepartments } from '../../domain/complaints/access';
import { DomainError } from '../../domain/errors';
import { mayPlanFor } from '../../domain/revisits/access';
import type { RevisitPolicy } from '../../domain/revisits/policy';
import { planRevisit, type Revisit } from '../../domain/revisits/revisit';
import type { RevisitServiceDeps } from './ports';

export interface ManualRevisit {
  customerId: string;
  /** Its deadline. */
  dueAt: string;
  /** When it appears in the worklist; at the deadline when not given (a call at that time). */
  opensAt?: string | undefined;
  channel: 'phone' | 'email';
  assigneeId?: string | undefined;
  department?: string | undefined;
  reason: string;
}

/** A contact planned by hand: one attempt per day, up to three. */
export const planManualRevisit = async (
  deps: RevisitServiceDeps,
  input: ManualRevisit,
  by: string,
): Promise<Revisit> => {
  if (!(await deps.customers.get(input.customerId))) {
    throw new DomainError('rule-violated', `Customer ${input.customerId} does not exist.`, {
      fields: ['customerId'],
    });
  }
  const policy: RevisitPolicy = {
    id: 'manual',
    description: input.reason,
    trigger: { type: 'service', kinds: [] },
    opensAfter: { amount: 0, unit: 'hours' },
    dueWithin: { amount: 0, unit: 'hours' },
    channel: input.channel,
    owner: 'service-staff',
    maxAttempts: 3,
    retrySpacingHours: 24,
    surveyAfter: false,
  };
  const now = deps.clock.now();
  const id = deps.ids.next();
  const revisit = planRevisit(
    id,
    policy,
    {
      customerId: input.customerId,
      cause: { type: 'manual', id: by },
      assigneeId: input.assigneeId ?? by,
      department: input.department,
    },
    { opensAt: new Date(input.opensAt ?? input.dueAt), dueAt: new Date(input.dueAt) },
    now,
  );
  await deps.revisits.plan(revisit, `manual#${id}`, {
    id: deps.ids.next(),
    source: 'kefu.revisits',
    type: 'RevisitPlanned',
    occurredAt: now.toISOString(),
    detail: {
      revisitId: id,
      customerId: input.customerId,
      policyId: 'manual',
      opensAt: revisit.opensAt,
      dueAt: revisit.dueAt,
    },
  });
  return revisit;
};

/**
 * A revisit planned by hand through the API: department staff plan for their own department
 * (theirs when none is named); admins and integrators for any.
 */
export const planRevisitAs = (
  deps: RevisitServiceDeps,
  actor: ComplaintActor,
  input: ManualRevisit,
): Promise<Revisit> => {
  if (!mayPlanFor(actor, input.department)) {
    throw new DomainError('rule-violated', 'You can plan revisits only for your own department.', {
      fields: ['department'],
    });
  }
  const department = input.department ?? (seesAllDepartments(actor) ? undefined : actor.department);
  return planManualRevisit(deps, { ...input, department }, actor.subject);
};
