import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { beforeAll, describe, expect, it } from 'vitest';
import { invoke } from '../../infra/local/lambda-runtime';
import { invokeHandlersInThisProcess, sqsRecord } from '../support/sqs-records';
import { busMessage } from '../support/surveys';

beforeAll(invokeHandlersInThisProcess);

const record = sqsRecord;

const UNKNOWN = '01KZ0000000000000000000009';
const sns = (message: unknown) =>
  JSON.stringify({
    Type: 'Notification',
    Message: typeof message === 'string' ? message : JSON.stringify(message),
  });
const event = (type: string, data: Record<string, unknown>) =>
  JSON.stringify(busMessage(type, 'kefu.surveys', data, '01KZEVENT00000000000000001'));

/** Each survey consumer: poison messages fail alone (retried, then DLQ); a harmless one passes. */
const cases: [string, Record<string, string>, string][] = [
  [
    'functions/surveys/send-surveys.ts',
    {
      'not-a-ulid': JSON.stringify({ surveyId: 'x', purpose: 'survey' }),
      'unknown-purpose': JSON.stringify({ surveyId: UNKNOWN, purpose: 'spam' }),
      'extra-field': JSON.stringify({ surveyId: UNKNOWN, purpose: 'survey', to: 'a@b.c' }),
    },
    JSON.stringify({ surveyId: UNKNOWN, purpose: 'survey' }),
  ],
  [
    'functions/surveys/enumerate-campaign.ts',
    {
      'bad-cursor': JSON.stringify({ campaignId: UNKNOWN, cursor: 1 }),
      'wrong-detail': event('SurveyCampaignStarted', { campaignId: 'nope', trigger: 'manual' }),
    },
    event('SurveyCampaignStarted', { campaignId: UNKNOWN, trigger: 'manual' }),
  ],
  [
    'functions/surveys/record-mail-feedback.ts',
    {
      'not-sns': JSON.stringify({ hello: 'world' }),
      'message-not-json': sns('{"half'),
      'bounce-without-details': sns({ eventType: 'Bounce' }),
      'hostile-recipients': sns({
        eventType: 'Complaint',
        complaint: { complainedRecipients: [{ emailAddress: 'x'.repeat(400) }], timestamp: 't' },
      }),
    },
    sns({ eventType: 'Delivery', delivery: {} }),
  ],
  [
    'functions/surveys/plan-surveys.ts',
    { 'wrong-detail': event('ComplaintClosed', { complaintId: 'x' }) },
    event('SurveyCampaignStarted', { campaignId: UNKNOWN, trigger: 'manual' }),
  ],
  [
    'functions/surveys/open-survey-follow-ups.ts',
    { 'wrong-detail': event('SurveyAnswered', { surveyId: UNKNOWN, score: 'low' }) },
    event('SurveyAnswered', {
      surveyId: UNKNOWN,
      customerId: UNKNOWN,
      kind: 'quarterly',
      score: 1,
      via: 'link',
      changed: false,
    }),
  ],
];

describe.each(cases)('%s with poison messages', (handler, poison, harmless) => {
  it('fails only the poison messages of a batch, so only they are retried and reach the DLQ', async () => {
    const response = (await invoke(handler, {
      Records: [
        record('not-json', '{"half'),
        ...Object.entries(poison).map(([id, body]) => record(id, body)),
        record('harmless', harmless),
      ],
    } satisfies SQSEvent)) as SQSBatchResponse;
    expect(response.batchItemFailures.map((failure) => failure.itemIdentifier).sort()).toEqual(
      ['not-json', ...Object.keys(poison)].sort(),
    );
  });
});
