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
  /** When its window opens: from then it is due, in the worklists and digests. */
  opensAt: string;
  /** Its deadline: completed before it, on time; past it, overdue. */
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
  window: { opensAt: Date; dueAt: Date },
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
  opensAt: window.opensAt.toISOString(),
  dueAt: (window.dueAt < window.opensAt ? window.opensAt : window.dueAt).toISOString(),
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

/** A revisit stored before windows had only `dueAt`, at which its window opened. */
export type StoredRevisit = Omit<Revisit, 'opensAt'> & { opensAt?: string };

/** Reads a stored revisit: one planned before windows opens at its old due time (unchanged). */
export const readRevisit = (stored: StoredRevisit): Revisit =>
  stored.opensAt ? (stored as Revisit) : { ...stored, opensAt: stored.dueAt };

/** Completed before its deadline (`dueAt`): the standards' "on time". */
export const completedOnTime = (revisit: Pick<Revisit, 'dueAt'>, completedAt: string): boolean =>
  completedAt <= revisit.dueAt;

/**
 * Records a contact attempt. Reached → completed. Not reached → planned again, its window
 * reopening after the policy's spacing, until the last attempt, then unreachable. The deadline
 * stays: a retry past it is overdue.
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
    opensAt: new Date(now.getTime() + revisit.retrySpacingHours * 3_600_000).toISOString(),
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

/** A planned revisit whose window has opened: due now, for the assignee to call by `dueAt`. */
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
