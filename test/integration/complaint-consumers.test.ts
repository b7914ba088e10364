import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { beforeAll, describe, expect, it } from 'vitest';
import { invoke } from '../../infra/local/lambda-runtime';
import { invokeHandlersInThisProcess, sqsRecord } from '../support/sqs-records';

const record = sqsRecord;

const busEvent = (type: string, data: object) =>
  JSON.stringify({
    version: '0',
    id: 'e1',
    source: 'kefu.complaints',
    'detail-type': type,
    time: '2026-11-23T00:00:00Z',
    detail: { eventId: '01KZEVENT00000000000000001', occurredAt: '2026-11-23T00:00:00Z', data },
  });

beforeAll(invokeHandlersInThisProcess);

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
