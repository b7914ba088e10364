import { TIERS } from '../../domain/customers/customer';
import { SKIP_REASONS, SURVEY_KINDS, SURVEY_STATUSES } from '../../domain/surveys/survey';
import * as z from '../../zod';
import { describe, pageOf, pageQuery, text, ulidSchema } from './common';
import { versionedSettingSchema } from './organization-settings';

const counted = z.int().check(z.gte(0));

export const audienceSchema = z
  .strictObject({
    tags: z.optional(
      describe(
        z.array(text(1, 50)).check(z.minLength(1), z.maxLength(20)),
        'Customers with at least one of these tags',
      ),
    ),
    tiers: z.optional(z.array(z.enum(TIERS)).check(z.minLength(1))),
    lastServiceWithinDays: z.optional(
      describe(
        z.int().check(z.gte(1), z.lte(3660)),
        "The customer's last recorded service completed within this many days",
      ),
    ),
  })
  .register(z.globalRegistry, { id: 'SurveyAudience' });

export const newCampaignBody = z
  .strictObject({
    name: z.optional(text(1, 100)),
    audience: z._default(audienceSchema, {}),
  })
  .register(z.globalRegistry, { id: 'NewSurveyCampaign' });

export const campaignSchema = z
  .object({
    id: ulidSchema,
    name: z.string(),
    trigger: z.enum(['schedule', 'manual']),
    audience: audienceSchema,
    status: z.enum(['enumerating', 'sending', 'completed']),
    counters: z.object({
      planned: counted,
      sent: counted,
      skipped: z.record(z.enum(SKIP_REASONS), counted),
      failed: counted,
      answered: counted,
      reminded: counted,
    }),
    createdAt: z.string(),
    createdBy: z.string(),
    enumeratedAt: z.optional(z.string()),
  })
  .register(z.globalRegistry, { id: 'SurveyCampaign' });

export const campaignPathParams = z.strictObject({ campaignId: ulidSchema });
export const surveyPathParams = z.strictObject({ surveyId: ulidSchema });
export const customerSurveysQuery = z.strictObject(pageQuery);

export const surveySchema = z
  .object({
    id: ulidSchema,
    customerId: ulidSchema,
    kind: z.enum(SURVEY_KINDS),
    campaignId: z.optional(ulidSchema),
    about: z.optional(
      z.object({
        type: z.enum(['complaint', 'revisit']),
        id: z.string(),
        department: z.optional(z.string()),
        agentId: z.optional(
          describe(
            z.string(),
            "The staff member credited with the case (the complaint's owner when it closed, the revisit's assignee), recorded when the survey was planned",
          ),
        ),
      }),
    ),
    status: z.enum(SURVEY_STATUSES),
    sendAt: z.string(),
    sentAt: z.optional(z.string()),
    expiresAt: z.optional(z.string()),
    reminderDueAt: z.optional(z.string()),
    remindedAt: z.optional(z.string()),
    skipReason: z.optional(z.enum(SKIP_REASONS)),
    answer: z.optional(
      z.object({
        score: z.int().check(z.gte(1), z.lte(5)),
        comment: z.optional(z.string()),
        via: z.enum(['link', 'reply']),
        firstAnsweredAt: z.string(),
        answeredAt: z.string(),
      }),
    ),
    unreadReply: z.optional(
      describe(
        z.object({ receivedAt: z.string(), text: z.string() }),
        'A reply that could not be read as a score, waiting for a person; no reminder follows it',
      ),
    ),
    automaticReplies: z.optional(
      describe(
        z.array(z.object({ receivedAt: z.string(), subject: z.string(), signal: z.string() })),
        'Automatic mail (out-of-office, vacation replies, delivery reports) that came back, newest last (at most 10): never an answer, and the reminder still goes',
      ),
    ),
    followUpComplaintId: z.optional(z.string()),
    createdAt: z.string(),
    updatedAt: z.string(),
    version: z.int(),
  })
  .register(z.globalRegistry, { id: 'Survey' });

export const surveyPage = pageOf(surveySchema, 'SurveyPage');

const days = (max: number, description: string) =>
  describe(z.int().check(z.gte(1), z.lte(max)), description);

export const surveySettingsBody = z
  .strictObject({
    afterCaseDelayHours: describe(
      z.int().check(z.gte(0), z.lte(24 * 30)),
      'Hours after a complaint closes or a revisit completes before its survey goes out',
    ),
    throttleDays: days(365, 'No customer is surveyed twice within this many days'),
    linkValidityDays: days(180, 'Answer links work this long'),
    answerGraceDays: days(90, 'An answer can be changed this long after the first'),
    sendReminder: describe(z.boolean(), 'Send non-responders one reminder'),
    reminderAfterDays: days(60, 'The reminder goes out this many days after the survey'),
    sendRatePerSecond: describe(
      z.number().check(z.gt(0), z.lte(1000)),
      "SES sending rate shared by every sender (the account's maximum send rate or less)",
    ),
    quarterlyCampaign: describe(
      z.boolean(),
      "Run the campaign on each quarter's first working day",
    ),
  })
  .register(z.globalRegistry, { id: 'SurveySettings' });

export const surveySettingsSchema = versionedSettingSchema(
  'SurveySettingsSet',
  'settings',
  surveySettingsBody,
);

/** The answer link's token: opaque, bounded. */
export const surveyTokenPath = z.strictObject({
  token: z.string().check(z.minLength(10), z.maxLength(512), z.regex(/^[A-Za-z0-9_.-]+$/)),
});

export const answerQuery = z.strictObject({
  score: z.optional(z.pipe(z.coerce.number(), z.int().check(z.gte(1), z.lte(5)))),
});

export const answerForm = z
  .strictObject({
    score: z.pipe(z.coerce.number(), z.int().check(z.gte(1), z.lte(5))),
    comment: z.optional(z.string().check(z.maxLength(2000))),
  })
  .register(z.globalRegistry, { id: 'SurveyAnswerForm' });

export const unsubscribeForm = z
  .strictObject({ 'List-Unsubscribe': z.optional(z.literal('One-Click')) })
  .register(z.globalRegistry, { id: 'UnsubscribeForm' });
