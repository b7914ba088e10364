import { warningMoment } from '../deadline-warning';
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
  /** When its owner is warned that the deadline nears, once: 80 % into the window. */
  warnAt: string;
  /** When the owner was warned (absent: not yet, or the window is too short for a warning). */
  warnedAt?: string;
  /** When it went past its deadline open and was escalated to the department's supervisor, once. */
  escalatedAt?: string;
  /** Set for a recurring policy's reminders: which one of the cycle this is. */
  recurrence?: RevisitRecurrence;
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

/**
 * A reminder of a recurring cycle (seed 003 "每5000公里/3个月为定期提醒客户的周期"): the cycle starts
 * at a service, the n-th reminder opens n periods later — or earlier, when the projected reading
 * reaches n × the policy's distance first — until a newer service starts a new cycle.
 */
export interface RevisitRecurrence {
  /** 1 for the first reminder after the service. */
  occurrence: number;
  /** When the service that started the cycle was done: a newer one restarts the cycle. */
  cycleStartedAt: string;
  /** The reading at that service and the usage projected from the two latest readings. */
  reading?: { km: number; kmPerDay: number };
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
  recurrence?: RevisitRecurrence,
): Revisit => {
  const opensAt = window.opensAt.toISOString();
  const dueAt = (window.dueAt < window.opensAt ? window.opensAt : window.dueAt).toISOString();
  return {
    id,
    customerId: facts.customerId,
    policyId: policy.id,
    cause: facts.cause,
    channel: policy.channel,
    ...(facts.assigneeId ? { assigneeId: facts.assigneeId } : {}),
    ...(facts.department ? { department: facts.department } : {}),
    status: 'planned',
    opensAt,
    dueAt,
    warnAt: warningMoment(opensAt, dueAt),
    ...(recurrence ? { recurrence } : {}),
    maxAttempts: policy.maxAttempts,
    retrySpacingHours: policy.retrySpacingHours,
    surveyAfter: policy.surveyAfter,
    attempts: [],
    createdAt: now.toISOString(),
    updatedAt: now.toISOString(),
    version: 1,
  };
};

export interface OutcomeInput {
  reached: boolean;
  score?: SatisfactionScore | undefined;
  notes?: string | undefined;
  issuesFound?: string | undefined;
}

/**
 * A revisit stored before windows had only `dueAt`, at which its window opened; one stored before
 * warnings has no `warnAt`.
 */
export type StoredRevisit = Omit<Revisit, 'opensAt' | 'warnAt'> & {
  opensAt?: string;
  warnAt?: string;
};

/**
 * Reads a stored revisit: one planned before windows opens at its old due time (unchanged); one
 * planned before warnings is warned 80 % into its window, as new ones are.
 */
export const readRevisit = (stored: StoredRevisit): Revisit => {
  const opensAt = stored.opensAt ?? stored.dueAt;
  return { ...stored, opensAt, warnAt: stored.warnAt ?? warningMoment(opensAt, stored.dueAt) };
};

/** Completed before its deadline (`dueAt`): the standards' "on time". */
export const completedOnTime = (revisit: Pick<Revisit, 'dueAt'>, completedAt: string): boolean =>
  completedAt <= revisit.dueAt;

/**
 * When the next attempt after "not reached" opens: after the policy's spacing, unless that passes
 * the deadline — then halfway to it, so the retry stays inside the window where it can. Past the
 * deadline already, at once.
 */
export const retryOpensAt = (revisit: Revisit, now: Date): Date => {
  const spaced = now.getTime() + revisit.retrySpacingHours * 3_600_000;
  const deadline = Date.parse(revisit.dueAt);
  if (spaced < deadline) return new Date(spaced);
  return new Date(
    Math.max(now.getTime(), now.getTime() + Math.floor((deadline - now.getTime()) / 2)),
  );
};

/**
 * Records a contact attempt. Reached → completed. Not reached → planned again, its window
 * reopening after the policy's spacing (inside the window where possible), until the last
 * attempt, then unreachable. The deadline stays: a retry past it is overdue.
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
    opensAt: retryOpensAt(revisit, now).toISOString(),
  };
};

export const isOpenRevisit = (revisit: Revisit): boolean =>
  revisit.status === 'planned' || revisit.status === 'due';

export const cancelRevisit = (revisit: Revisit, reason: string, now: Date): Revisit => ({
  ...revisit,
  status: 'cancelled',
  cancellation: { reason, at: now.toISOString() },
  updatedAt: now.toISOString(),
  version: revisit.version + 1,
});

/** What the sweep found a revisit had reached: its window opened, its deadline near or passed. */
export type RevisitCheckpoint = 'opened' | 'deadline-near' | 'overdue';

/**
 * A window with no length (an email reminder that opens at its deadline) has nothing to warn of
 * or be late for: the reminder is the contact.
 */
const hasWindow = (revisit: Revisit) => revisit.warnAt < revisit.dueAt;

/**
 * The next moment the sweep has something to do for the revisit: open its window, warn its
 * owner, escalate it past the deadline; none once closed or escalated.
 */
export const nextCheckpointAt = (revisit: Revisit): string | undefined => {
  if (!isOpenRevisit(revisit)) return undefined;
  const moments: string[] = [];
  if (revisit.status === 'planned') moments.push(revisit.opensAt);
  if (hasWindow(revisit) && !revisit.escalatedAt) {
    if (revisit.status === 'due' && !revisit.warnedAt) moments.push(revisit.warnAt);
    moments.push(revisit.dueAt);
  }
  return moments.sort()[0];
};

/**
 * Moves a revisit past every checkpoint it has reached by `now`, in order: the window opens
 * (planned → due), the owner is warned (once, only while the deadline is ahead), the revisit is
 * escalated past its deadline (once). A sweep that ran late skips a warning it can no longer give.
 */
export const advanceRevisit = (
  revisit: Revisit,
  now: Date,
): { revisit: Revisit; reached: RevisitCheckpoint[] } => {
  const at = now.toISOString();
  const reached: RevisitCheckpoint[] = [];
  let next = revisit;
  if (next.status === 'planned' && next.opensAt <= at) {
    next = { ...next, status: 'due' };
    reached.push('opened');
  }
  if (hasWindow(next)) {
    if (next.status === 'due' && !next.warnedAt && !next.escalatedAt) {
      if (next.warnAt <= at && at < next.dueAt) {
        next = { ...next, warnedAt: at };
        reached.push('deadline-near');
      }
    }
    if (isOpenRevisit(next) && !next.escalatedAt && next.dueAt <= at) {
      next = { ...next, escalatedAt: at };
      reached.push('overdue');
    }
  }
  if (reached.length === 0) return { revisit, reached };
  return { revisit: { ...next, updatedAt: at, version: revisit.version + 1 }, reached };
};

/** The revisit given to a member of its department (claimed, or assigned by a supervisor). */
export const assignRevisit = (revisit: Revisit, assigneeId: string, now: Date): Revisit => ({
  ...revisit,
  assigneeId,
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
