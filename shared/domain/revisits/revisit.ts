import type { RevisitPolicy } from './policy';

export const REVISIT_STATUSES = [
  'planned',
  'due',
  'completed',
  'unreachable',
  'cancelled',
] as const;
export type RevisitStatus = (typeof REVISIT_STATUSES)[number];

/** The 5-point scale of the standards: 非常满意 5 … 非常不满意 1. */
export type SatisfactionScore = 1 | 2 | 3 | 4 | 5;

export interface RevisitAttempt {
  at: string;
  by: string;
  reached: boolean;
  notes?: string;
}

export interface Revisit {
  id: string;
  customerId: string;
  policyId: string;
  /** What planned it: a service record or a complaint. */
  cause: { type: 'service' | 'complaint' | 'manual'; id: string };
  channel: RevisitPolicy['channel'];
  assigneeId?: string;
  department?: string;
  status: RevisitStatus;
  dueAt: string;
  maxAttempts: number;
  retrySpacingHours: number;
  surveyAfter: boolean;
  attempts: RevisitAttempt[];
  outcome?: {
    score?: SatisfactionScore;
    notes?: string;
    issuesFound?: string;
    completedAt: string;
  };
  cancellation?: { reason: string; at: string };
  /** A complaint opened from an issue found on this revisit. */
  complaintId?: string;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export const planRevisit = (
  id: string,
  policy: RevisitPolicy,
  facts: {
    customerId: string;
    cause: Revisit['cause'];
    assigneeId?: string | undefined;
    department?: string | undefined;
  },
  dueAt: Date,
  now: Date,
): Revisit => ({
  id,
  customerId: facts.customerId,
  policyId: policy.id,
  cause: facts.cause,
  channel: policy.channel,
  ...(facts.assigneeId ? { assigneeId: facts.assigneeId } : {}),
  ...(facts.department ? { department: facts.department } : {}),
  status: 'planned',
  dueAt: dueAt.toISOString(),
  maxAttempts: policy.maxAttempts,
  retrySpacingHours: policy.retrySpacingHours,
  surveyAfter: policy.surveyAfter,
  attempts: [],
  createdAt: now.toISOString(),
  updatedAt: now.toISOString(),
  version: 1,
});

export interface OutcomeInput {
  reached: boolean;
  score?: SatisfactionScore | undefined;
  notes?: string | undefined;
  issuesFound?: string | undefined;
}

/**
 * Records a contact attempt. Reached → completed. Not reached → planned again after the policy's
 * spacing, until the last attempt, then unreachable.
 */
export const recordOutcome = (
  revisit: Revisit,
  input: OutcomeInput,
  by: string,
  now: Date,
): Revisit => {
  const at = now.toISOString();
  const attempts = [
    ...revisit.attempts,
    { at, by, reached: input.reached, ...(input.notes ? { notes: input.notes } : {}) },
  ];
  const base = { ...revisit, attempts, updatedAt: at, version: revisit.version + 1 };
  if (input.reached) {
    return {
      ...base,
      status: 'completed',
      outcome: {
        ...(input.score ? { score: input.score } : {}),
        ...(input.notes ? { notes: input.notes } : {}),
        ...(input.issuesFound ? { issuesFound: input.issuesFound } : {}),
        completedAt: at,
      },
    };
  }
  if (attempts.length >= revisit.maxAttempts) return { ...base, status: 'unreachable' };
  return {
    ...base,
    status: 'planned',
    dueAt: new Date(now.getTime() + revisit.retrySpacingHours * 3_600_000).toISOString(),
  };
};

export const isOpenRevisit = (revisit: Revisit): boolean =>
  revisit.status === 'planned' || revisit.status === 'due';

/** Contact consent, as the privacy rules read it: withdrawn only if the customer said no. */
export const consentWithdrawn = (consent: { granted: boolean; source: string }): boolean =>
  !consent.granted && consent.source !== 'not-asked';

export const cancelRevisit = (revisit: Revisit, reason: string, now: Date): Revisit => ({
  ...revisit,
  status: 'cancelled',
  cancellation: { reason, at: now.toISOString() },
  updatedAt: now.toISOString(),
  version: revisit.version + 1,
});

/** A planned revisit whose time has come: due now, for the assignee to call. */
export const markRevisitDue = (revisit: Revisit, now: Date): Revisit => ({
  ...revisit,
  status: 'due',
  updatedAt: now.toISOString(),
  version: revisit.version + 1,
});

/** The revisit linked to the complaint opened from the issue it found. */
export const linkComplaint = (revisit: Revisit, complaintId: string, now: Date): Revisit => ({
  ...revisit,
  complaintId,
  updatedAt: now.toISOString(),
  version: revisit.version + 1,
});
