import type { Language } from '../../domain/customers/customer';
import { INBOUND_MAIL_RECORDER, type Interaction } from '../../domain/customers/interaction';
import { DomainError } from '../../domain/errors';
import { automaticMailVerdict } from '../../inbound-mail/automatic-mail';
import type { InboundMessage } from '../../inbound-mail/inbound-message';
import { surveyQuestion } from '../../presentation/mail/survey-mails';
import { readSurveyReply } from '../../inbound-mail/survey-score';
import { SCALE_LABELS, type Score } from '../../domain/surveys/scale';
import {
  type AnswerInput,
  answerSurvey,
  keepUnreadReply,
  recordAutomaticReply,
  type Survey,
  SurveyAnswerRefused,
} from '../../domain/surveys/survey';
import { correctCustomer } from '../customers/customer-service';
import type { SurveyServiceDeps } from './ports';
import { surveyEvent } from './events';
import { surveySettings } from './settings';

export type LinkProblem = 'forged' | 'expired' | 'closed' | 'not-found';

export type OpenedSurvey =
  | {
      ok: true;
      survey: Survey;
      language: Language;
      question: string;
    }
  | { ok: false; problem: LinkProblem; language?: Language };

const languageOf = async (deps: SurveyServiceDeps, survey: Survey): Promise<Language> =>
  (await deps.customers.get(survey.customerId))?.preferredLanguage ?? 'zh-CN';

/** The survey a link's token names, or why the link does not lead to one. */
export const openSurveyLink = async (
  deps: SurveyServiceDeps,
  token: string,
  { allowExpired = false } = {},
): Promise<OpenedSurvey> => {
  const reading = await deps.addresses.readAnswerToken(token, deps.clock.now());
  if (!reading.valid && reading.reason === 'forged') return { ok: false, problem: 'forged' };
  const survey = await deps.surveys.get(reading.surveyId);
  if (!survey) return { ok: false, problem: 'not-found' };
  const customer = await deps.customers.get(survey.customerId);
  // An erased customer's links lead nowhere: nothing more is recorded about them.
  if (!customer) return { ok: false, problem: 'not-found' };
  const language = customer.preferredLanguage;
  if (!reading.valid && !allowExpired && !survey.answer) {
    return { ok: false, problem: 'expired', language };
  }
  return { ok: true, survey, language, question: surveyQuestion(language, survey.about) };
};

const ATTEMPTS = 3;

const answerLine = (language: Language, input: AnswerInput) =>
  [`${input.score}/5 ${SCALE_LABELS[language][input.score]}`, input.comment?.trim()]
    .filter(Boolean)
    .join(': ');

/**
 * Records (or, within the grace window, changes) an answer with its SurveyAnswered event, a
 * line on the customer's timeline and, for a campaign's first answer, its counter — one write.
 * A concurrent answer to the same survey makes this read again and retry.
 */
export const recordAnswer = async (
  deps: SurveyServiceDeps,
  surveyId: string,
  input: AnswerInput,
): Promise<Survey> => {
  const settings = await surveySettings(deps);
  for (let attempt = 1; ; attempt++) {
    const survey = await deps.surveys.get(surveyId);
    if (!survey) throw new SurveyAnswerRefused('not-sent');
    const now = deps.clock.now();
    const at = now.toISOString();
    const next = answerSurvey(survey, input, now, settings);
    const language = await languageOf(deps, survey);
    const interaction: Interaction = {
      id: deps.ids.next(),
      customerId: survey.customerId,
      channel: input.via === 'reply' ? 'email' : 'web',
      occurredAt: at,
      need: `满意度调查 satisfaction survey (${survey.kind})`,
      result:
        `${survey.answer ? 'changed answer' : 'answered'} ${answerLine(language, input)}`.slice(
          0,
          2000,
        ),
      regarding: { type: 'survey', id: survey.id },
      recordedAt: at,
      recordedBy: `customer:${survey.customerId}`,
    };
    try {
      await deps.surveys.save(survey, next, {
        events: [
          surveyEvent(deps.ids, 'SurveyAnswered', at, {
            surveyId: survey.id,
            customerId: survey.customerId,
            kind: survey.kind,
            ...(survey.campaignId ? { campaignId: survey.campaignId } : {}),
            ...(survey.about ? { about: survey.about } : {}),
            score: input.score,
            via: input.via,
            changed: survey.answer !== undefined,
          }),
        ],
        interactions: [interaction],
        counters:
          survey.campaignId && !survey.answer
            ? { campaignId: survey.campaignId, add: { answered: 1 } }
            : undefined,
      });
      return next;
    } catch (error) {
      const stale = error instanceof DomainError && error.kind === 'stale-version';
      if (!stale || attempt >= ATTEMPTS) throw error;
    }
  }
};

export type LinkAnswerOutcome =
  | { ok: true; score: Score; language: Language }
  | { ok: false; problem: LinkProblem; language?: Language };

/** `POST /s/{token}`: the answer given on the page. */
export const answerByLink = async (
  deps: SurveyServiceDeps,
  token: string,
  answer: { score: Score; comment?: string | undefined },
): Promise<LinkAnswerOutcome> => {
  const opened = await openSurveyLink(deps, token);
  if (!opened.ok) return opened;
  try {
    await recordAnswer(deps, opened.survey.id, { ...answer, via: 'link' });
    return { ok: true, score: answer.score, language: opened.language };
  } catch (error) {
    if (!(error instanceof SurveyAnswerRefused)) throw error;
    return {
      ok: false,
      problem: error.reason === 'not-sent' ? 'not-found' : error.reason,
      language: opened.language,
    };
  }
};

/**
 * `POST /s/{token}/unsubscribe` (also RFC 8058 one-click from the mail client): withdraws the
 * customer's consent to surveys, recorded with its time and source. Works on expired links too.
 */
export const unsubscribeByLink = async (
  deps: SurveyServiceDeps,
  token: string,
): Promise<{ ok: true; language: Language } | { ok: false; problem: LinkProblem }> => {
  const opened = await openSurveyLink(deps, token, { allowExpired: true });
  if (!opened.ok) return { ok: false, problem: opened.problem };
  for (let attempt = 1; ; attempt++) {
    const customer = await deps.customers.get(opened.survey.customerId);
    if (!customer) return { ok: false, problem: 'not-found' };
    const consent = customer.consents.surveys;
    if (!consent.granted && consent.source === 'unsubscribe-link') {
      return { ok: true, language: opened.language };
    }
    try {
      await correctCustomer(deps, customer.id, customer.version, {
        consents: { surveys: { granted: false, source: 'unsubscribe-link' } },
      });
      return { ok: true, language: opened.language };
    } catch (error) {
      const stale = error instanceof DomainError && error.kind === 'stale-version';
      if (!stale || attempt >= ATTEMPTS) throw error;
    }
  }
};

export type ReplyOutcome =
  | { outcome: 'answered'; surveyId: string; score: Score }
  | { outcome: 'kept-for-review'; surveyId: string; reason: string }
  | { outcome: 'automatic-reply'; surveyId: string; signal: string }
  | { outcome: 'already-processed' }
  | { outcome: 'ignored'; reason: string };

const keepForReview = async (
  deps: SurveyServiceDeps,
  survey: Survey,
  text: string,
  reason: string,
): Promise<ReplyOutcome> => {
  const now = deps.clock.now();
  const at = now.toISOString();
  await deps.surveys.save(survey, keepUnreadReply(survey, text, now), {
    events: [
      surveyEvent(deps.ids, 'SurveyReplyUnread', at, {
        surveyId: survey.id,
        customerId: survey.customerId,
        reason,
      }),
    ],
    interactions: [
      {
        id: deps.ids.next(),
        customerId: survey.customerId,
        channel: 'email',
        occurredAt: at,
        need: `满意度调查 survey reply to read (${reason})`,
        result: text.slice(0, 2000) || '(empty)',
        regarding: { type: 'survey', id: survey.id },
        recordedAt: at,
        recordedBy: INBOUND_MAIL_RECORDER,
      },
    ],
  });
  return { outcome: 'kept-for-review', surveyId: survey.id, reason };
};

/** Automatic mail is shown on the survey for a person; it answers nothing and keeps the reminder. */
const keepAutomaticReply = async (
  deps: SurveyServiceDeps,
  survey: Survey,
  message: InboundMessage,
  signal: string,
): Promise<ReplyOutcome> => {
  const next = recordAutomaticReply(survey, { subject: message.subject, signal }, deps.clock.now());
  await deps.surveys.save(survey, next);
  return { outcome: 'automatic-reply', surveyId: survey.id, signal };
};

const surveyOfRecipients = async (deps: SurveyServiceDeps, recipients: string[]) => {
  for (const address of recipients) {
    const id = await deps.addresses.surveyOfReplyAddress(address);
    if (id) return id;
  }
  return undefined;
};

/**
 * A reply to a survey email (its Reply-To names the survey): the score is read from the new text
 * above the quoted original and recorded; a reply that cannot be read, comes from another
 * address, or arrives too late is kept on the survey for a person, never guessed. Automatic mail
 * (an out-of-office reply, a delivery report) is only noted on the survey.
 */
export const answerByReply = async (
  deps: SurveyServiceDeps,
  message: InboundMessage,
): Promise<ReplyOutcome> => {
  const surveyId = await surveyOfRecipients(deps, message.recipients);
  if (!surveyId) return { outcome: 'ignored', reason: 'not addressed to a survey' };
  const survey = await deps.surveys.get(surveyId);
  if (!survey) return { outcome: 'ignored', reason: 'unknown survey' };
  if (!(await deps.sent.claim(message.messageId, 'survey-reply'))) {
    return { outcome: 'already-processed' };
  }
  try {
    const customer = await deps.customers.get(survey.customerId);
    if (!customer) return { outcome: 'ignored', reason: 'the customer was erased' };
    const automatic = automaticMailVerdict(message);
    if (automatic.automatic) {
      return await keepAutomaticReply(deps, survey, message, automatic.signal);
    }
    const reply = readSurveyReply(message.text);
    if (!customer.email || customer.email !== message.fromAddress) {
      return await keepForReview(deps, survey, message.text, 'sent from another address');
    }
    if (!reply.understood) return await keepForReview(deps, survey, message.text, reply.reason);
    try {
      await recordAnswer(deps, survey.id, {
        score: reply.score,
        comment: reply.comment,
        via: 'reply',
      });
      return { outcome: 'answered', surveyId: survey.id, score: reply.score };
    } catch (error) {
      if (!(error instanceof SurveyAnswerRefused)) throw error;
      const current = (await deps.surveys.get(survey.id)) ?? survey;
      return await keepForReview(deps, current, message.text, `answer not taken: ${error.reason}`);
    }
  } catch (error) {
    await deps.sent.release(message.messageId, 'survey-reply');
    throw error;
  }
};
