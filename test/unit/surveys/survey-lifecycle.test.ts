import { describe, expect, it } from 'vitest';
import { DomainError } from '../../../shared/domain/errors';
import {
  DEFAULT_SURVEY_SETTINGS,
  validateSurveySettings,
} from '../../../shared/domain/surveys/settings';
import {
  afterCaseSendAt,
  answerSurvey,
  keepUnreadReply,
  markReminded,
  markSent,
  markSkipped,
  needsFollowUp,
  nextDueAt,
  recordAutomaticReply,
  reminderOwed,
  scheduleSurvey,
  SurveyAnswerRefused,
} from '../../../shared/domain/surveys/survey';

const settings = DEFAULT_SURVEY_SETTINGS;
const at = (iso: string) => new Date(iso);
const DAY = 24 * 3600 * 1000;
const sentAt = at('2026-11-02T02:00:00Z');
const later = (days: number) => new Date(sentAt.getTime() + days * DAY);
const sent = () =>
  markSent(
    scheduleSurvey('S1', { customerId: 'C1', kind: 'quarterly', campaignId: 'K1' }, sentAt, sentAt),
    sentAt,
    settings,
  );

const refusal = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    return error instanceof SurveyAnswerRefused ? error.reason : `other: ${String(error)}`;
  }
  return 'accepted';
};

describe('a survey from schedule to answer', () => {
  it('is due at its send time, then at its reminder, then never', () => {
    const scheduled = scheduleSurvey(
      'S1',
      { customerId: 'C1', kind: 'after-complaint' },
      later(1),
      sentAt,
    );
    expect(nextDueAt(scheduled)).toBe(later(1).toISOString());
    const out = sent();
    expect(out.expiresAt).toBe(later(30).toISOString());
    expect(nextDueAt(out)).toBe(later(7).toISOString());
    expect(nextDueAt(markReminded(out, later(7)))).toBeUndefined();
    expect(nextDueAt(markSkipped(scheduled, 'no-consent', sentAt))).toBeUndefined();
  });

  it('owes no reminder when reminders are switched off', () => {
    const quiet = markSent(
      scheduleSurvey('S2', { customerId: 'C1', kind: 'quarterly' }, sentAt, sentAt),
      sentAt,
      { ...settings, sendReminder: false },
    );
    expect(quiet.reminderDueAt).toBeUndefined();
    expect(reminderOwed(quiet, later(8))).toBe(false);
    expect(nextDueAt(quiet)).toBeUndefined();
  });

  it('owes one reminder after 7 days to a non-responder, never before, after, or twice', () => {
    const out = sent();
    expect(reminderOwed(out, later(6.9))).toBe(false);
    expect(reminderOwed(out, later(7))).toBe(true);
    expect(reminderOwed(markReminded(out, later(7)), later(8))).toBe(false);
    expect(reminderOwed(out, later(30))).toBe(false);
    const answered = answerSurvey(out, { score: 4, via: 'link' }, later(1), settings);
    expect(reminderOwed(answered, later(8))).toBe(false);
  });

  it('owes no reminder to a customer whose unreadable reply waits for a person', () => {
    const replied = keepUnreadReply(sent(), '请问你们几点下班？', later(2));
    expect(replied.status).toBe('sent');
    expect(reminderOwed(replied, later(8))).toBe(false);
    expect(nextDueAt(replied)).toBeUndefined();
  });

  it('still owes the reminder after automatic replies, which it keeps, newest last, at most 10', () => {
    let out = sent();
    for (let index = 1; index <= 12; index++) {
      out = recordAutomaticReply(
        out,
        { subject: `自动回复: ${index}`, signal: 'Auto-Submitted: auto-replied' },
        later(index / 10),
      );
    }
    expect(out.status).toBe('sent');
    expect(out.answer).toBeUndefined();
    expect(out.automaticReplies).toHaveLength(10);
    expect(out.automaticReplies?.at(-1)).toEqual({
      receivedAt: later(1.2).toISOString(),
      subject: '自动回复: 12',
      signal: 'Auto-Submitted: auto-replied',
    });
    expect(reminderOwed(out, later(7))).toBe(true);
    expect(nextDueAt(out)).toBe(later(7).toISOString());
  });

  it('takes a first answer until the links expire, and changes within the grace window only', () => {
    const out = sent();
    expect(refusal(() => answerSurvey(out, { score: 5, via: 'link' }, later(30), settings))).toBe(
      'expired',
    );
    const first = answerSurvey(
      out,
      { score: 2, comment: '  太慢  ', via: 'reply' },
      later(29),
      settings,
    );
    expect(first.answer).toEqual({
      score: 2,
      comment: '太慢',
      via: 'reply',
      firstAnsweredAt: later(29).toISOString(),
      answeredAt: later(29).toISOString(),
    });
    // Past the link expiry but within 14 days of the first answer: still changeable.
    const changed = answerSurvey(first, { score: 4, via: 'link' }, later(42), settings);
    expect(changed.answer).toMatchObject({ score: 4, firstAnsweredAt: later(29).toISOString() });
    expect(changed.version).toBe(first.version + 1);
    expect(
      refusal(() => answerSurvey(first, { score: 4, via: 'link' }, later(43.01), settings)),
    ).toBe('closed');
  });

  it('refuses answers to surveys never sent', () => {
    const scheduled = scheduleSurvey('S1', { customerId: 'C1', kind: 'quarterly' }, sentAt, sentAt);
    expect(
      refusal(() => answerSurvey(scheduled, { score: 5, via: 'link' }, sentAt, settings)),
    ).toBe('not-sent');
    const skipped = markSkipped(scheduled, 'suppressed', sentAt);
    expect(refusal(() => answerSurvey(skipped, { score: 5, via: 'link' }, sentAt, settings))).toBe(
      'not-sent',
    );
  });

  it('cuts an overlong comment and follows up only 不满意 and 非常不满意', () => {
    const answered = answerSurvey(
      sent(),
      { score: 3, comment: 'x'.repeat(5000), via: 'link' },
      later(1),
      settings,
    );
    expect(answered.answer?.comment).toHaveLength(2000);
    expect([1, 2, 3, 4, 5].map((score) => needsFollowUp(score as 1))).toEqual([
      true,
      true,
      false,
      false,
      false,
    ]);
  });

  it('sends after-case surveys the configured delay after the case ended', () => {
    expect(afterCaseSendAt(sentAt, { ...settings, afterCaseDelayHours: 48 })).toEqual(later(2));
  });

  it('refuses settings whose reminder would come after the links expired', () => {
    expect(() => validateSurveySettings({ ...settings, reminderAfterDays: 30 })).toThrow(
      DomainError,
    );
    expect(validateSurveySettings(settings)).toBe(settings);
  });
});
