import { fileKeyReference, KEY_VARIABLES } from '../../shared/adapters/key-material';
import { join } from 'node:path';
import type { SQSEvent } from 'aws-lambda';
import { LOCAL_CREDENTIALS, LOCAL_NAMES, LOCAL_REGION } from '../../infra/local/local-env';
import { localKeyFiles } from '../../infra/local/local-keys';
import { queueUrlVariable } from '../../wiring/manifest';
import { stack } from './harness';

/** One SQS record as Lambda's event source mapping hands it to a consumer (first delivery). */
export const sqsRecord = (messageId: string, body: string): SQSEvent['Records'][number] => ({
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

/** For tests that invoke consumers directly: the environment their adapters need, quiet logs. */
export const invokeHandlersInThisProcess = () => {
  Object.assign(process.env, {
    AWS_REGION: LOCAL_REGION,
    AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
    AWS_ENDPOINT_URL_DYNAMODB: stack.urls.dynamodb,
    // Consumers that move messages on (the webhook delivery consumer to its DLQ) reach the stack's queues.
    AWS_ENDPOINT_URL_SQS: stack.urls.sqs,
    ...Object.fromEntries(
      Object.entries(stack.queueUrls).map(([queue, url]) => [queueUrlVariable(queue), url]),
    ),
    TABLE_NAME: LOCAL_NAMES.table,
    POWERTOOLS_LOG_LEVEL: 'CRITICAL',
    ...localKeyFiles(stack.dataDir),
    [KEY_VARIABLES.signing]: fileKeyReference(join(stack.dataDir, 'local-auth', 'signing-key.txt')),
  });
};
