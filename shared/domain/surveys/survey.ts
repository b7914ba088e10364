import { DomainError } from '../errors';
import type { Score } from './scale';
import type { SurveySettings } from './settings';

/** A quarterly (campaign) survey, or one about a closed complaint or a completed revisit. */
export const SURVEY_KINDS = ['quarterly', 'after-complaint', 'after-revisit'] as const;
export type SurveyKind = (typeof SURVEY_KINDS)[number];

/** `failed`: SES refused the email for good (e.g. a malformed address). */
export const SURVEY_STATUSES = ['scheduled', 'sent', 'answered', 'skipped', 'failed'] as const;
export type SurveyStatus = (typeof SURVEY_STATUSES)[number];

/** Why a customer was not surveyed; campaigns count each. */
export const SKIP_REASONS = [
  'not-in-archive',
  'no-consent',
  /** Consent was given to a privacy notice version that has since changed materially. */
  'fresh-consent-required',
  'no-email',
  'suppressed',
  'recently-surveyed',
] as const;
export type SkipReason = (typeof SKIP_REASONS)[number];

export interface SurveyAbout {
  type: 'complaint' | 'revisit';
  id: string;
  department?: string;
  /**
   * The staff member the case is credited to, recorded when the survey is planned: the
   * complaint's owner when it closed, the revisit's assignee. The report counts the answer for them.
   */
  agentId?: string;
}

export interface SurveyAnswer {
  score: Score;
  comment?: string;
  via: 'link' | 'reply';
  firstAnsweredAt: string;
  answeredAt: string;
}

export interface AutomaticReply {
  receivedAt: string;
  subject: string;
  /** What marked it automatic, e.g. "Auto-Submitted: auto-replied". */
  signal: string;
}

export interface Survey {
  id: string;
  customerId: string;
  kind: SurveyKind;
  campaignId?: string;
  about?: SurveyAbout;
  status: SurveyStatus;
  sendAt: string;
  sentAt?: string;
  /** The answer links stop working after this. */
  expiresAt?: string;
  /** When the one reminder goes to a non-responder. */
  reminderDueAt?: string;
  remindedAt?: string;
  skipReason?: SkipReason;
  answer?: SurveyAnswer;
  /**
   * A reply that could not be read as a score, kept for a person to read. The customer wrote back,
   * so as far as they know they have answered: no reminder follows it.
   */
  unreadReply?: { receivedAt: string; text: string };
  /**
   * Automatic mail that came back to the survey (out-of-office, vacation replies, delivery
   * reports), newest last, for a person to see. It is no answer and does not stop the reminder.
   */
  automaticReplies?: AutomaticReply[];
  /** The complaint follow-up opened for a low score. */
  followUpComplaintId?: string;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export interface SurveyFacts {
  customerId: string;
  kind: SurveyKind;
  campaignId?: string | undefined;
  about?: SurveyAbout | undefined;
}

const DAY_MS = 24 * 3600 * 1000;
const HOUR_MS = 3600 * 1000;
const addMs = (date: Date, ms: number) => new Date(date.getTime() + ms).toISOString();

export const scheduleSurvey = (
  id: string,
  facts: SurveyFacts,
  sendAt: Date,
  now: Date,
): Survey => ({
  id,
  customerId: facts.customerId,
  kind: facts.kind,
  ...(facts.campaignId ? { campaignId: facts.campaignId } : {}),
  ...(facts.about ? { about: facts.about } : {}),
  status: 'scheduled',
  sendAt: sendAt.toISOString(),
  createdAt: now.toISOString(),
  updatedAt: now.toISOString(),
  version: 1,
});

/** A campaign member who may not be surveyed: recorded as skipped, with the reason, from the start. */
export const skippedSurvey = (
  id: string,
  facts: SurveyFacts,
  reason: SkipReason,
  now: Date,
): Survey => ({ ...scheduleSurvey(id, facts, now, now), status: 'skipped', skipReason: reason });

/** An after-case survey goes out this long after the case ended. */
export const afterCaseSendAt = (caseEndedAt: Date, settings: SurveySettings): Date =>
  new Date(caseEndedAt.getTime() + settings.afterCaseDelayHours * HOUR_MS);

const changed = (survey: Survey, now: Date, change: Partial<Survey>): Survey => ({
  ...survey,
  ...change,
  updatedAt: now.toISOString(),
  version: survey.version + 1,
});

export const markSent = (survey: Survey, now: Date, settings: SurveySettings): Survey =>
  changed(survey, now, {
    status: 'sent',
    sentAt: now.toISOString(),
    expiresAt: addMs(now, settings.linkValidityDays * DAY_MS),
    ...(settings.sendReminder
      ? { reminderDueAt: addMs(now, settings.reminderAfterDays * DAY_MS) }
      : {}),
  });

export const markSkipped = (survey: Survey, reason: SkipReason, now: Date): Survey =>
  changed(survey, now, { status: 'skipped', skipReason: reason });

/** Sending failed for good (the address was refused): the survey will not go out. */
export const markFailed = (survey: Survey, now: Date): Survey =>
  changed(survey, now, { status: 'failed' });

/** The survey linked to the complaint its low score opened. */
export const linkFollowUpComplaint = (survey: Survey, complaintId: string, now: Date): Survey =>
  changed(survey, now, { followUpComplaintId: complaintId });

export const markReminded = (survey: Survey, now: Date): Survey =>
  changed(survey, now, { remindedAt: now.toISOString() });

/**
 * A reminder is owed once, to a non-responder, when its time has come. A customer whose reply
 * waits for a person has responded.
 */
export const reminderOwed = (survey: Survey, now: Date): boolean =>
  survey.status === 'sent' &&
  !survey.remindedAt &&
  !survey.unreadReply &&
  survey.reminderDueAt !== undefined &&
  survey.reminderDueAt <= now.toISOString() &&
  (survey.expiresAt === undefined || survey.expiresAt > now.toISOString());

/** When the survey next needs the sweep: its send time, then its reminder; else never. */
export const nextDueAt = (survey: Survey): string | undefined => {
  if (survey.status === 'scheduled') return survey.sendAt;
  if (survey.status === 'sent' && !survey.remindedAt && !survey.unreadReply) {
    return survey.reminderDueAt;
  }
  return undefined;
};

export type AnswerRefusal = 'not-sent' | 'expired' | 'closed';

export class SurveyAnswerRefused extends DomainError {
  constructor(readonly reason: AnswerRefusal) {
    super('rule-violated', `The survey cannot take this answer (${reason}).`, { reason });
  }
}

export interface AnswerInput {
  score: Score;
  comment?: string | undefined;
  via: SurveyAnswer['via'];
}

const COMMENT_LIMIT = 2000;

/**
 * Records or changes the answer. A first answer is taken until the links expire; a later one
 * replaces it only within the grace window after the first.
 */
export const answerSurvey = (
  survey: Survey,
  input: AnswerInput,
  now: Date,
  settings: SurveySettings,
): Survey => {
  const at = now.toISOString();
  if (survey.status !== 'sent' && survey.status !== 'answered') {
    throw new SurveyAnswerRefused('not-sent');
  }
  const first = survey.answer?.firstAnsweredAt;
  if (first) {
    if (now.getTime() > new Date(first).getTime() + settings.answerGraceDays * DAY_MS) {
      throw new SurveyAnswerRefused('closed');
    }
  } else if (survey.expiresAt && survey.expiresAt <= at) {
    throw new SurveyAnswerRefused('expired');
  }
  const comment = input.comment?.trim().slice(0, COMMENT_LIMIT);
  return changed(survey, now, {
    status: 'answered',
    answer: {
      score: input.score,
      ...(comment ? { comment } : {}),
      via: input.via,
      firstAnsweredAt: first ?? at,
      answeredAt: at,
    },
  });
};

const UNREAD_REPLY_LIMIT = 4000;

export const keepUnreadReply = (survey: Survey, text: string, now: Date): Survey =>
  changed(survey, now, {
    unreadReply: { receivedAt: now.toISOString(), text: text.slice(0, UNREAD_REPLY_LIMIT) },
  });

/** Only the latest automatic replies are kept: an auto-responder may answer every mail. */
const AUTOMATIC_REPLIES_KEPT = 10;
const AUTOMATIC_SUBJECT_LIMIT = 200;

export const recordAutomaticReply = (
  survey: Survey,
  reply: { subject: string; signal: string },
  now: Date,
): Survey =>
  changed(survey, now, {
    automaticReplies: [
      ...(survey.automaticReplies ?? []),
      {
        receivedAt: now.toISOString(),
        subject: reply.subject.slice(0, AUTOMATIC_SUBJECT_LIMIT),
        signal: reply.signal,
      },
    ].slice(-AUTOMATIC_REPLIES_KEPT),
  });

/** 不满意 and 非常不满意 open a complaint follow-up for the department concerned. */
export const needsFollowUp = (score: Score): boolean => score <= 2;
