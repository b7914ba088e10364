import type { ComplaintStatus } from './lifecycle';

/**
 * The standards' last step of a complaint (seed 001 三(二)5 "客服人员及时将处理结果回复给客户，并确认客户是否满意"):
 * the result is sent to the customer, who confirms it solved their problem or says it did not.
 */
export const CONFIRMATION_ANSWERS = ['solved', 'not_solved'] as const;
export type ConfirmationAnswer = (typeof CONFIRMATION_ANSWERS)[number];

export type ConfirmationChannel = 'link' | 'reply';

/** Who closed a complaint: staff by hand, the customer's confirmation, or the silence rule. */
export type ClosedBy = 'staff' | 'customer' | 'auto';

/** Days of silence after the result was sent before a complaint closes by itself. */
export const DEFAULT_AUTO_CLOSE_DAYS = 7;

const DAY_MS = 86_400_000;

export interface ResolutionConfirmation {
  /** The resolution this confirmation is about (its `resolvedAt`): older links are stale. */
  round: string;
  /** When silence closes the complaint; absent when the customer did not agree to the plan. */
  autoCloseAt?: string | undefined;
  answer?: ConfirmationAnswer | undefined;
  answeredAt?: string | undefined;
  via?: ConfirmationChannel | undefined;
}

/**
 * The parts of a complaint its confirmation rules read (a `Complaint` is one); named here so that
 * this module needs nothing from `complaint.ts`, which imports its types.
 */
export interface ConfirmableComplaint {
  status: ComplaintStatus;
  resolution?: { resolvedAt: string } | undefined;
  confirmation?: ResolutionConfirmation | undefined;
}

/**
 * What a resolution asks of the customer. A plan the customer did not agree to is never closed
 * by silence: a person has to hear back from them.
 */
export const askForConfirmation = (
  resolvedAt: Date,
  customerAgreed: boolean,
  autoCloseAfterDays: number,
): ResolutionConfirmation => ({
  round: resolvedAt.toISOString(),
  ...(customerAgreed
    ? { autoCloseAt: new Date(resolvedAt.getTime() + autoCloseAfterDays * DAY_MS).toISOString() }
    : {}),
});

/** A resolved complaint whose customer stayed silent past the confirmation window. */
export const dueForAutoClose = (complaint: ConfirmableComplaint, now: Date): boolean =>
  complaint.status === 'resolved' &&
  complaint.confirmation?.answer === undefined &&
  complaint.confirmation?.autoCloseAt !== undefined &&
  complaint.confirmation.autoCloseAt <= now.toISOString();

/** Whether a customer's answer still speaks to the complaint's current resolution. */
export type ConfirmationFit =
  | { fits: true; effect: 'close' | 'reopen' | 'none' }
  | { fits: false; reason: 'stale' | 'not-resolved' };

/**
 * "Solved" closes a resolved complaint and changes nothing on a closed one (a second click);
 * "not solved" reopens a resolved or closed one. An answer for an earlier resolution, or for a
 * complaint staff are working on again, is stale.
 */
export const fitOfAnswer = (
  complaint: ConfirmableComplaint,
  answer: ConfirmationAnswer,
  round: string,
): ConfirmationFit => {
  if (complaint.resolution?.resolvedAt !== round) return { fits: false, reason: 'stale' };
  if (complaint.status === 'resolved') {
    return { fits: true, effect: answer === 'solved' ? 'close' : 'reopen' };
  }
  if (complaint.status === 'closed') {
    return { fits: true, effect: answer === 'solved' ? 'none' : 'reopen' };
  }
  return { fits: false, reason: 'not-resolved' };
};
