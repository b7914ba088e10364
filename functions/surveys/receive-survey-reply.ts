import { inboundMailHandler } from '../../shared/messaging/inbound-mail-handler';
import { answerByReply } from '../../shared/services/surveys/answers';
import { surveyDeps } from './survey-deps';

/** A reply to a survey's own address: the answer is read from it and recorded, or kept for a person. */
export const handler = inboundMailHandler('survey reply', (message) =>
  answerByReply(surveyDeps(), message),
);
