import type { SurveyAddresses } from '../services/surveys/deps';
import {
  issueSurveyToken,
  readSurveyToken,
  surveyOfReplyAddress,
  surveyReplyAddress,
} from './survey-tokens';

const required = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
};

/** Survey links on the public API (`PUBLIC_BASE_URL`) and replies to `SURVEY_REPLY_DOMAIN`. */
export const surveyAddresses: SurveyAddresses = {
  answerToken: issueSurveyToken,
  readAnswerToken: readSurveyToken,
  answerUrl: (token, score) =>
    `${required('PUBLIC_BASE_URL')}/s/${encodeURIComponent(token)}${score ? `?score=${score}` : ''}`,
  unsubscribeUrl: (token) =>
    `${required('PUBLIC_BASE_URL')}/s/${encodeURIComponent(token)}/unsubscribe`,
  replyAddress: (surveyId) => surveyReplyAddress(surveyId, required('SURVEY_REPLY_DOMAIN')),
  surveyOfReplyAddress: (address) => surveyOfReplyAddress(address, required('SURVEY_REPLY_DOMAIN')),
};
