import { customerPathParams } from './customers';
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
} from './surveys';
import type { OperationContract } from './operation-contract';

/**
 * The contracts of surveys and their public pages: handlers validate with them, the OpenAPI
 * document lists them.
 */
export const surveyOperations = {
  startSurveyCampaign: {
    operationId: 'startSurveyCampaign',
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
    operationId: 'getSurveyCampaign',
    path: campaignPathParams,
    responses: { 200: { description: 'The campaign and its counters', schema: campaignSchema } },
  },
  getSurvey: {
    operationId: 'getSurvey',
    path: surveyPathParams,
    responses: { 200: { description: 'The survey', schema: surveySchema } },
  },
  listCustomerSurveys: {
    operationId: 'listCustomerSurveys',
    path: customerPathParams,
    query: customerSurveysQuery,
    responses: { 200: { description: 'Newest first', schema: surveyPage } },
  },
  openSurveyPage: {
    operationId: 'openSurveyPage',
    path: surveyTokenPath,
    query: answerQuery,
    html: true,
    responses: { 200: { description: 'The answer page (text/html)' } },
  },
  answerSurvey: {
    operationId: 'answerSurvey',
    path: surveyTokenPath,
    body: answerForm,
    mediaTypes: ['application/x-www-form-urlencoded'],
    html: true,
    responses: { 200: { description: 'Thank-you page (text/html)' } },
  },
  openUnsubscribePage: {
    operationId: 'openUnsubscribePage',
    path: surveyTokenPath,
    html: true,
    responses: { 200: { description: 'Confirmation page (text/html)' } },
  },
  unsubscribeFromSurveys: {
    operationId: 'unsubscribeFromSurveys',
    path: surveyTokenPath,
    body: unsubscribeForm,
    mediaTypes: ['application/x-www-form-urlencoded'],
    html: true,
    responses: { 200: { description: 'Unsubscribed (text/html)' } },
  },
} as const satisfies Record<string, OperationContract>;
