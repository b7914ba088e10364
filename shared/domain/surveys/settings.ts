import { DomainError } from '../errors';

/** How surveys are sent and answered; stored as a versioned setting, defaults below. */
export interface SurveySettings {
  /** After-case surveys go out this long after the complaint closed or the revisit completed. */
  afterCaseDelayHours: number;
  /** No customer is surveyed twice within this many days (after-case surveys count too). */
  throttleDays: number;
  /** Answer links work this long after sending. */
  linkValidityDays: number;
  /** An answer can be changed this long after the first one. */
  answerGraceDays: number;
  /** Non-responders get one reminder (unless switched off) this long after the survey. */
  sendReminder: boolean;
  reminderAfterDays: number;
  /** SES sending rate shared by every survey sender (emails per second). */
  sendRatePerSecond: number;
  /** The quarterly campaign runs on each quarter's first working day. */
  quarterlyCampaign: boolean;
}

export const DEFAULT_SURVEY_SETTINGS: SurveySettings = {
  afterCaseDelayHours: 24,
  throttleDays: 30,
  linkValidityDays: 30,
  answerGraceDays: 14,
  sendReminder: true,
  reminderAfterDays: 7,
  sendRatePerSecond: 14,
  quarterlyCampaign: true,
};

/** Rules across fields that a schema cannot express. */
export const validateSurveySettings = (settings: SurveySettings): SurveySettings => {
  if (settings.reminderAfterDays >= settings.linkValidityDays) {
    throw new DomainError(
      'rule-violated',
      'The reminder must go out while the answer links still work: reminderAfterDays < linkValidityDays.',
      { fields: ['reminderAfterDays', 'linkValidityDays'] },
    );
  }
  return settings;
};
