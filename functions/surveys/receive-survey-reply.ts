import { withBusinessMetrics } from '../../shared/adapters/metrics';
import { inboundMailHandler } from '../../shared/messaging/inbound-mail-handler';
import { answerByReply } from '../../shared/services/surveys/answers';
import { meteredSurveyDeps } from './survey-deps';

/**
 * A reply to a survey's own address: the answer is read from it and recorded (SurveysAnswered or
 * SurveyAnswersChanged), or kept for a person (SurveyRepliesUnread); automatic mail (an
 * out-of-office reply, a bounce) is only noted on the survey.
 */
export const handler = withBusinessMetrics(
  inboundMailHandler('survey reply', (message) => answerByReply(meteredSurveyDeps(), message)),
);
