import {
  CreateQueueCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SendMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { describe, expect, it } from 'vitest';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../../infra/local/local-env';
import { QueuePoller } from '../../infra/local/queue-pollers';
import type { QueueDefinition } from '../../wiring/manifest';
import { stack } from '../support/harness';

const sqs = new SQSClient({
  endpoint: stack.urls.sqs,
  region: LOCAL_REGION,
  credentials: LOCAL_CREDENTIALS,
});
const handled = () => (globalThis as { __flakyHandled?: string[] }).__flakyHandled ?? [];

const queueWithDlq = async (name: string, maxReceiveCount: number) => {
  const { QueueUrl: dlqUrl } = await sqs.send(new CreateQueueCommand({ QueueName: `${name}-dlq` }));
  const { Attributes } = await sqs.send(
    new GetQueueAttributesCommand({ QueueUrl: dlqUrl, AttributeNames: ['QueueArn'] }),
  );
  const { QueueUrl } = await sqs.send(
    new CreateQueueCommand({
      QueueName: name,
      Attributes: {
        VisibilityTimeout: '1',
        RedrivePolicy: JSON.stringify({
          deadLetterTargetArn: Attributes?.QueueArn,
          maxReceiveCount,
        }),
      },
    }),
  );
  return { queueUrl: QueueUrl ?? '', dlqUrl: dlqUrl ?? '' };
};

const definition = (name: string, maxReceiveCount: number): QueueDefinition => ({
  name,
  fifo: false,
  visibilityTimeoutSeconds: 1,
  maxReceiveCount,
  consumer: {
    handler: 'test/support/fixtures/flaky-consumer.ts',
    batchSize: 10,
    maxBatchingWindowSeconds: 0,
  },
});

describe('local queue pollers behave like Lambda event source mappings', () => {
  it('deletes what succeeded, redelivers only the failed message, then moves it to the DLQ', async () => {
    const name = `poller-test-${Date.now()}`;
    const { queueUrl, dlqUrl } = await queueWithDlq(name, 2);
    for (const body of [`ok-a-${name}`, `fail-b-${name}`, `ok-c-${name}`]) {
      await sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: body }));
    }
    const poller = new QueuePoller(definition(name, 2), queueUrl, sqs, { error: () => undefined });

    expect(await poller.pollOnce(1)).toBe(3);
    expect(
      handled()
        .filter((entry) => entry.endsWith(`${name}#1`))
        .sort(),
    ).toEqual([`ok-a-${name}#1`, `ok-c-${name}#1`]);

    await new Promise((resolve) => setTimeout(resolve, 1200));
    expect(await poller.pollOnce(1)).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 1200));
    expect(await poller.pollOnce(1)).toBe(0);

    const { Messages = [] } = await sqs.send(
      new ReceiveMessageCommand({ QueueUrl: dlqUrl, WaitTimeSeconds: 1 }),
    );
    expect(Messages.map((message) => message.Body)).toEqual([`fail-b-${name}`]);
    expect(handled().filter((entry) => entry.includes(name))).toHaveLength(2);
  });

  it('hands duplicates to the consumer as separate records, as SQS may', async () => {
    const name = `poller-dup-${Date.now()}`;
    const { queueUrl } = await queueWithDlq(name, 3);
    for (let i = 0; i < 2; i++)
      await sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: `same-${name}` }));
    const poller = new QueuePoller(definition(name, 3), queueUrl, sqs, { error: () => undefined });
    let total = 0;
    for (let i = 0; i < 3 && total < 2; i++) total += await poller.pollOnce(1);
    expect(total).toBe(2);
    expect(handled().filter((entry) => entry.startsWith(`same-${name}`))).toHaveLength(2);
  });
});
