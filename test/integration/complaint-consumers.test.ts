import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { beforeAll, describe, expect, it } from 'vitest';
import { invoke } from '../../infra/local/lambda-runtime';
import { LOCAL_CREDENTIALS, LOCAL_NAMES, LOCAL_REGION } from '../../infra/local/local-env';
import { stack } from '../support/harness';

const record = (messageId: string, body: string): SQSEvent['Records'][number] => ({
  messageId,
  receiptHandle: messageId,
  body,
  attributes: {
    ApproximateReceiveCount: '1',
    SentTimestamp: '0',
    SenderId: 'test',
    ApproximateFirstReceiveTimestamp: '0',
  },
  messageAttributes: {},
  md5OfBody: '',
  eventSource: 'aws:sqs',
  eventSourceARN: 'arn:aws:sqs:us-east-1:000000000000:test',
  awsRegion: 'us-east-1',
});

const busEvent = (type: string, data: object) =>
  JSON.stringify({
    version: '0',
    id: 'e1',
    source: 'kefu.complaints',
    'detail-type': type,
    time: '2026-11-23T00:00:00Z',
    detail: { eventId: '01KZEVENT00000000000000001', occurredAt: '2026-11-23T00:00:00Z', data },
  });

beforeAll(() => {
  Object.assign(process.env, {
    AWS_REGION: LOCAL_REGION,
    AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
    AWS_ENDPOINT_URL_DYNAMODB: stack.urls.dynamodb,
    TABLE_NAME: LOCAL_NAMES.table,
    POWERTOOLS_LOG_LEVEL: 'CRITICAL',
  });
});

describe.each([
  ['functions/complaints/route-complaint.ts', 'ComplaintFiled'],
  ['functions/complaints/auto-assign-complaint.ts', 'ComplaintRouted'],
  ['functions/notifications/send-notification.ts', 'ComplaintAssigned'],
])('%s with poison messages', (handler, type) => {
  it('fails only the poison messages of a batch, so only they are retried and reach the DLQ', async () => {
    const missing = busEvent('ComplaintFiled', {
      complaintId: '01KZ0000000000000000000001',
      customerId: '01KZ0000000000000000000002',
      channel: 'web',
    });
    const event: SQSEvent = {
      Records: [
        record('not-json', '{"half'),
        record('not-an-event', JSON.stringify({ hello: 'world' })),
        record('wrong-detail', busEvent(type, { complaintId: 'not-a-ulid' })),
        record('unknown-type', busEvent('ComplaintTeleported', {})),
        record('harmless', missing),
      ],
    };
    const response = (await invoke(handler, event)) as SQSBatchResponse;
    expect(response.batchItemFailures.map((failure) => failure.itemIdentifier).sort()).toEqual(
      ['not-an-event', 'not-json', 'unknown-type', 'wrong-detail'].sort(),
    );
  });
});
