import type { SurveyAddresses } from '../services/surveys/ports';
import {
  issueSurveyToken,
  readSurveyToken,
  surveyOfReplyAddress,
  surveyReplyAddress,
} from './survey-tokens';
import { ENVIRONMENT, requiredVariable } from './environment';

/** Survey links on the public API (`PUBLIC_BASE_URL`) and replies to `SURVEY_REPLY_DOMAIN`. */
export const surveyAddresses: SurveyAddresses = {
  answerToken: issueSurveyToken,
  readAnswerToken: readSurveyToken,
  answerUrl: (token, score) =>
    `${requiredVariable(ENVIRONMENT.publicBaseUrl)}/s/${encodeURIComponent(token)}${score ? `?score=${score}` : ''}`,
  unsubscribeUrl: (token) =>
    `${requiredVariable(ENVIRONMENT.publicBaseUrl)}/s/${encodeURIComponent(token)}/unsubscribe`,
  replyAddress: (surveyId) =>
    surveyReplyAddress(surveyId, requiredVariable(ENVIRONMENT.surveyReplyDomain)),
  surveyOfReplyAddress: (address) =>
    surveyOfReplyAddress(address, requiredVariable(ENVIRONMENT.surveyReplyDomain)),
};
