import { SCOPES } from '../names';
import { operationGroup } from './operation';
import { customerPathParams } from '../../shared/http/contracts/customers';
import {
  answerForm,
  answerQuery,
  campaignPathParams,
  campaignSchema,
  customerSurveysQuery,
  newCampaignBody,
  surveyPage,
  surveyPathParams,
  surveySchema,
  surveyTokenPath,
  unsubscribeForm,
} from '../../shared/http/contracts/surveys';

/**
 * The operations of surveys and their public pages: route, scopes and contract of each, in one entry. The manifest, the
 * OpenAPI document and the handlers all read them.
 */
export const surveyOperations = operationGroup(
  { tag: 'Surveys', folder: 'surveys' },
  {
    startSurveyCampaign: {
      method: 'POST',
      path: '/survey-campaigns',
      file: 'start-survey-campaign',
      scopes: [SCOPES.surveysWrite],
      summary: 'Start a survey campaign by hand over an audience (tags, tiers, recent service)',
      body: newCampaignBody,
      idempotent: true,
      responses: {
        202: {
          description: 'Started; the audience is enumerated and emailed',
          schema: campaignSchema,
        },
      },
    },
    getSurveyCampaign: {
      method: 'GET',
      path: '/survey-campaigns/{campaignId}',
      file: 'get-survey-campaign',
      scopes: [SCOPES.surveysRead],
      summary: "A campaign's progress: planned, sent, skipped by reason, failed, answered",
      params: campaignPathParams,
      responses: { 200: { description: 'The campaign and its counters', schema: campaignSchema } },
    },
    getSurvey: {
      method: 'GET',
      path: '/surveys/{surveyId}',
      file: 'get-survey',
      scopes: [SCOPES.surveysRead],
      summary: 'One survey with its answer',
      params: surveyPathParams,
      responses: { 200: { description: 'The survey', schema: surveySchema } },
    },
    listCustomerSurveys: {
      method: 'GET',
      path: '/customers/{customerId}/surveys',
      file: 'list-customer-surveys',
      scopes: [SCOPES.surveysRead],
      summary: "The customer's surveys, newest first",
      params: customerPathParams,
      query: customerSurveysQuery,
      responses: { 200: { description: 'Newest first', schema: surveyPage } },
    },
    openSurveyPage: {
      method: 'GET',
      path: '/s/{token}',
      file: 'open-survey-page',
      scopes: [],
      summary: 'The answer page of a survey link (records nothing: scanners follow links)',
      tag: 'Survey pages',
      params: surveyTokenPath,
      query: answerQuery,
      html: true,
      responses: { 200: { description: 'The answer page (text/html)' } },
    },
    answerSurvey: {
      method: 'POST',
      path: '/s/{token}',
      file: 'answer-survey',
      scopes: [],
      summary: 'Record the answer given on the page (form post)',
      tag: 'Survey pages',
      params: surveyTokenPath,
      body: answerForm,
      mediaTypes: ['application/x-www-form-urlencoded'],
      html: true,
      responses: { 200: { description: 'Thank-you page (text/html)' } },
    },
    openUnsubscribePage: {
      method: 'GET',
      path: '/s/{token}/unsubscribe',
      file: 'open-unsubscribe-page',
      scopes: [],
      summary: 'Asks to confirm the unsubscribe (records nothing)',
      tag: 'Survey pages',
      params: surveyTokenPath,
      html: true,
      responses: { 200: { description: 'Confirmation page (text/html)' } },
    },
    unsubscribeFromSurveys: {
      method: 'POST',
      path: '/s/{token}/unsubscribe',
      file: 'unsubscribe-from-surveys',
      scopes: [],
      summary: 'Withdraw consent to surveys (also RFC 8058 one-click)',
      tag: 'Survey pages',
      params: surveyTokenPath,
      body: unsubscribeForm,
      mediaTypes: ['application/x-www-form-urlencoded'],
      html: true,
      responses: { 200: { description: 'Unsubscribed (text/html)' } },
    },
  },
);
