import type { Customer } from '../../domain/customers/customer';
import { DomainError } from '../../domain/errors';
import { surveyMail } from '../../presentation/mail/survey-mails';
import { surveyEligibility, throttleCutoff } from '../../domain/surveys/eligibility';
import type { Score } from '../../domain/surveys/scale';
import {
  markFailed,
  markReminded,
  markSent,
  markSkipped,
  reminderOwed,
  type SkipReason,
  type Survey,
} from '../../domain/surveys/survey';
import type { SurveySettings } from '../../domain/surveys/settings';
import type { CounterChange, SurveyServiceDeps, SurveyWork } from './ports';
import { recordSentMail } from '../customers/timeline';
import { noticesOfConsents } from '../customers/customer-service';
import { surveyEvent } from './events';
import { surveySettings } from './settings';

const countersOf = (
  survey: Survey,
  add: CounterChange['add'],
  skipped?: SkipReason,
): CounterChange | undefined =>
  survey.campaignId
    ? { campaignId: survey.campaignId, add, ...(skipped ? { skipped } : {}) }
    : undefined;

const sentEvent = (deps: SurveyServiceDeps, survey: Survey, now: Date, reminder: boolean) =>
  surveyEvent(deps.ids, 'SurveySent', now.toISOString(), {
    surveyId: survey.id,
    customerId: survey.customerId,
    kind: survey.kind,
    ...(survey.campaignId ? { campaignId: survey.campaignId } : {}),
    reminder,
  });

/** SES refused the message itself (bad address, rejected content): sending again cannot help. */
const isPermanentSesError = (error: unknown) =>
  error instanceof Error &&
  ['MessageRejected', 'BadRequestException', 'MailFromDomainNotVerifiedException'].includes(
    error.name,
  );

const aboutLabel = async (deps: SurveyServiceDeps, survey: Survey) =>
  survey.about?.type === 'complaint'
    ? (await deps.complaints.get(survey.about.id))?.number
    : undefined;

const emailSurvey = async (
  deps: SurveyServiceDeps,
  survey: Survey,
  customer: Customer,
  email: string,
  expiresAt: string,
  reminder: boolean,
) => {
  const token = await deps.addresses.answerToken(survey.id, new Date(expiresAt));
  const unsubscribe = deps.addresses.unsubscribeUrl(token);
  const label = await aboutLabel(deps, survey);
  const mail = surveyMail({
    language: customer.preferredLanguage,
    customerName: customer.name,
    about: survey.about ? { ...survey.about, ...(label ? { label } : {}) } : undefined,
    links: {
      rate: (score: Score) => deps.addresses.answerUrl(token, score),
      comment: deps.addresses.answerUrl(token),
      unsubscribe,
    },
    reminder,
  });
  await deps.mailer.send({
    to: email,
    ...mail,
    replyTo: await deps.addresses.replyAddress(survey.id),
    headers: {
      'List-Unsubscribe': `<${unsubscribe}>`,
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
    },
  });
  await recordSentMail(deps, {
    customerId: survey.customerId,
    mailKind: reminder ? 'survey-reminder' : 'survey',
    subject: mail.subject,
    at: deps.clock.now().toISOString(),
    relatedId: survey.id,
    sendingId: survey.id,
    number: label,
  });
};

const skip = async (deps: SurveyServiceDeps, survey: Survey, reason: SkipReason) => {
  await deps.surveys.save(survey, markSkipped(survey, reason, deps.clock.now()), {
    counters: countersOf(survey, {}, reason),
  });
  return `skipped: ${reason}`;
};

const eligibilityNow = async (
  deps: SurveyServiceDeps,
  survey: Survey,
  settings: SurveySettings,
) => {
  const customer = await deps.customers.get(survey.customerId);
  const suppressed = customer?.email ? await deps.suppressions.isSuppressed(customer.email) : false;
  const notices = customer ? await noticesOfConsents(deps, [customer]) : new Map();
  return {
    customer,
    // The throttle window is checked atomically when the slot is claimed, not here.
    eligibility: surveyEligibility({
      customer,
      suppressed: () => suppressed,
      lastSurveyedAt: undefined,
      now: deps.clock.now(),
      throttleDays: settings.throttleDays,
      noticeOf: (id) => notices.get(id),
    }),
  };
};

/**
 * Sends a scheduled survey, at most once: the send is claimed in the notification log first (a
 * redelivery finding it claimed records the survey as sent rather than risk a second email), the
 * customer's throttle slot is taken atomically, and the shared send rate is respected.
 */
const sendFirst = async (deps: SurveyServiceDeps, survey: Survey): Promise<string> => {
  const now = deps.clock.now();
  if (survey.status !== 'scheduled') return `already ${survey.status}`;
  if (survey.sendAt > now.toISOString()) return 'not due yet';
  const settings = await surveySettings(deps);
  const { customer, eligibility } = await eligibilityNow(deps, survey, settings);
  if (!eligibility.eligible || !customer) {
    return skip(deps, survey, eligibility.eligible ? 'not-in-archive' : eligibility.reason);
  }
  const sent = markSent(survey, now, settings);
  const record = () =>
    deps.surveys.save(survey, sent, {
      events: [sentEvent(deps, survey, now, false)],
      counters: countersOf(survey, { sent: 1 }),
    });
  if (!(await deps.sent.claim(survey.id, 'survey'))) {
    await record();
    return 'sent earlier (recorded now)';
  }
  try {
    const slot = await deps.surveys.claimSurveySlot(
      survey.customerId,
      survey.id,
      now.toISOString(),
      throttleCutoff(now, settings.throttleDays),
    );
    if (!slot) {
      await deps.sent.release(survey.id, 'survey');
      return await skip(deps, survey, 'recently-surveyed');
    }
    await deps.sendRate.acquire(settings.sendRatePerSecond);
    await emailSurvey(deps, survey, customer, eligibility.email, sent.expiresAt ?? '', false);
  } catch (error) {
    await deps.sent.release(survey.id, 'survey');
    if (!isPermanentSesError(error)) throw error;
    await deps.surveys.save(survey, markFailed(survey, now), {
      counters: countersOf(survey, { failed: 1 }),
    });
    return `failed: ${(error as Error).name}`;
  }
  await record();
  return 'sent';
};

/** The one reminder to a non-responder, if still owed and the customer may still be surveyed. */
const sendReminder = async (deps: SurveyServiceDeps, survey: Survey): Promise<string> => {
  const now = deps.clock.now();
  if (!reminderOwed(survey, now)) return 'no reminder owed';
  const settings = await surveySettings(deps);
  const { customer, eligibility } = await eligibilityNow(deps, survey, settings);
  const reminded = markReminded(survey, now);
  if (!eligibility.eligible || !customer) {
    await deps.surveys.save(survey, reminded);
    return `reminder not sent: ${eligibility.eligible ? 'not-in-archive' : eligibility.reason}`;
  }
  if (await deps.sent.claim(survey.id, 'survey-reminder')) {
    try {
      await deps.sendRate.acquire(settings.sendRatePerSecond);
      await emailSurvey(deps, survey, customer, eligibility.email, survey.expiresAt ?? '', true);
    } catch (error) {
      await deps.sent.release(survey.id, 'survey-reminder');
      throw error;
    }
  }
  await deps.surveys.save(survey, reminded, {
    events: [sentEvent(deps, survey, now, true)],
    counters: countersOf(survey, { reminded: 1 }),
  });
  return 'reminded';
};

/** survey-sending queue: one survey or reminder per message; duplicates and late ones are harmless. */
export const sendSurveyWork = async (
  deps: SurveyServiceDeps,
  work: SurveyWork,
): Promise<string> => {
  const survey = await deps.surveys.get(work.surveyId);
  if (!survey) return 'unknown survey';
  try {
    return work.purpose === 'reminder'
      ? await sendReminder(deps, survey)
      : await sendFirst(deps, survey);
  } catch (error) {
    // A concurrent copy of this message won the race: it did the work.
    if (error instanceof DomainError && error.kind === 'stale-version')
      return 'handled concurrently';
    throw error;
  }
};

/**
 * The sweep (every 15 minutes): surveys whose send time or reminder time has come are queued,
 * read from the due-time index (never a scan). Queuing again is harmless: sending is idempotent.
 */
export const queueDueSurveys = async (
  deps: SurveyServiceDeps,
): Promise<{ surveys: number; reminders: number }> => {
  const now = deps.clock.now();
  const work: SurveyWork[] = [];
  for (const id of await deps.surveys.dueIds(now.toISOString(), 1000)) {
    const survey = await deps.surveys.get(id);
    if (!survey) continue;
    if (survey.status === 'scheduled' && survey.sendAt <= now.toISOString()) {
      work.push({ surveyId: id, purpose: 'survey' });
    } else if (reminderOwed(survey, now)) {
      work.push({ surveyId: id, purpose: 'reminder' });
    }
  }
  await deps.queues.send(work);
  return {
    surveys: work.filter((item) => item.purpose === 'survey').length,
    reminders: work.filter((item) => item.purpose === 'reminder').length,
  };
};
