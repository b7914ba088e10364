import {
  CreateQueueCommand,
  DeleteMessageBatchCommand,
  GetQueueAttributesCommand,
  type Message,
  type MessageAttributeValue,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  type SendMessageBatchRequestEntry,
  SendMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { describe, expect, it } from 'vitest';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../../infra/local/local-env';
import { freePort } from '../../infra/local/ports';
import { redrive } from '../../infra/local/redrive';
import { wiring } from '../../wiring/manifest';
import { stack } from '../support/harness';
import { runTool, type ToolOutcome } from '../support/tool-cli';

const sqs = new SQSClient({
  endpoint: stack.urls.sqs,
  region: LOCAL_REGION,
  credentials: LOCAL_CREDENTIALS,
});

let queueSequence = 0;
/** A source queue and its DLQ of this test's own, away from the manifest queues' pollers. */
const queuePair = async (options: { fifo?: boolean; maximumMessageSize?: number } = {}) => {
  queueSequence += 1;
  const base = `redrive-test-${Date.now()}-${queueSequence}`;
  const suffix = options.fifo ? '.fifo' : '';
  const fifoAttributes: Record<string, string> = options.fifo ? { FifoQueue: 'true' } : {};
  const { QueueUrl: deadLetterQueueUrl = '' } = await sqs.send(
    new CreateQueueCommand({ QueueName: `${base}-dlq${suffix}`, Attributes: fifoAttributes }),
  );
  const { Attributes } = await sqs.send(
    new GetQueueAttributesCommand({
      QueueUrl: deadLetterQueueUrl,
      AttributeNames: ['QueueArn'],
    }),
  );
  const { QueueUrl: queueUrl = '' } = await sqs.send(
    new CreateQueueCommand({
      QueueName: `${base}${suffix}`,
      Attributes: {
        ...fifoAttributes,
        ...(options.fifo ? { ContentBasedDeduplication: 'true' } : {}),
        ...(options.maximumMessageSize
          ? { MaximumMessageSize: String(options.maximumMessageSize) }
          : {}),
        RedrivePolicy: JSON.stringify({
          deadLetterTargetArn: Attributes?.QueueArn,
          maxReceiveCount: 3,
        }),
      },
    }),
  );
  return { queueUrl, deadLetterQueueUrl };
};

const sendAll = async (queueUrl: string, entries: SendMessageBatchRequestEntry[]) => {
  for (let start = 0; start < entries.length; start += 10) {
    const { Failed = [] } = await sqs.send(
      new SendMessageBatchCommand({
        QueueUrl: queueUrl,
        Entries: entries.slice(start, start + 10),
      }),
    );
    expect(Failed).toEqual([]);
  }
};

/** Receives (and deletes) until the queue answers empty, keeping the order of arrival. */
const drain = async (queueUrl: string): Promise<Message[]> => {
  const drained: Message[] = [];
  for (;;) {
    const { Messages = [] } = await sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: queueUrl,
        MaxNumberOfMessages: 10,
        WaitTimeSeconds: 0,
        MessageAttributeNames: ['All'],
        MessageSystemAttributeNames: ['All'],
      }),
    );
    if (Messages.length === 0) return drained;
    drained.push(...Messages);
    await sqs.send(
      new DeleteMessageBatchCommand({
        QueueUrl: queueUrl,
        Entries: Messages.map((message, index) => ({
          Id: `d${index}`,
          ReceiptHandle: message.ReceiptHandle,
        })),
      }),
    );
  }
};

const messageCounts = async (queueUrl: string) => {
  const { Attributes = {} } = await sqs.send(
    new GetQueueAttributesCommand({
      QueueUrl: queueUrl,
      AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'],
    }),
  );
  return {
    visible: Number(Attributes.ApproximateNumberOfMessages),
    inFlight: Number(Attributes.ApproximateNumberOfMessagesNotVisible),
  };
};

const attributesOf = (index: number): Record<string, MessageAttributeValue> | undefined =>
  index % 3 === 0
    ? {
        reason: { DataType: 'String', StringValue: `poison ${index} 毒` },
        attempt: { DataType: 'Number', StringValue: String(index) },
        fingerprint: { DataType: 'Binary', BinaryValue: new Uint8Array([index, 0, 255]) },
      }
    : undefined;

const comparableAttributes = (attributes: Record<string, MessageAttributeValue> = {}) =>
  Object.fromEntries(
    Object.entries(attributes).map(([name, value]) => [
      name,
      {
        DataType: value.DataType,
        StringValue: value.StringValue,
        BinaryValue: value.BinaryValue ? [...value.BinaryValue] : undefined,
      },
    ]),
  );

describe('redrive moves dead letters back to their source queue', () => {
  it('moves every message with its body and attributes, and a second run moves nothing', async () => {
    const { queueUrl, deadLetterQueueUrl } = await queuePair();
    const originals = Array.from({ length: 25 }, (_, index) => ({
      body: JSON.stringify({ poison: index, note: `消息 ${index}` }),
      attributes: attributesOf(index),
    }));
    await sendAll(
      deadLetterQueueUrl,
      originals.map(({ body, attributes }, index) => ({
        Id: `e${index}`,
        MessageBody: body,
        ...(attributes ? { MessageAttributes: attributes } : {}),
      })),
    );

    const progress: number[] = [];
    const result = await redrive(sqs, {
      queueUrl,
      deadLetterQueueUrl,
      onProgress: (moved) => progress.push(moved),
    });

    expect(result).toEqual({ moved: 25, failed: [] });
    expect(progress.at(-1)).toBe(25);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    expect(await messageCounts(deadLetterQueueUrl)).toEqual({ visible: 0, inFlight: 0 });
    const redriven = await drain(queueUrl);
    expect(
      redriven
        .map((message) => ({
          body: message.Body,
          attributes: comparableAttributes(message.MessageAttributes),
        }))
        .sort((a, b) => (a.body ?? '').localeCompare(b.body ?? '')),
    ).toEqual(
      originals
        .map(({ body, attributes }) => ({ body, attributes: comparableAttributes(attributes) }))
        .sort((a, b) => a.body.localeCompare(b.body)),
    );

    expect(await redrive(sqs, { queueUrl, deadLetterQueueUrl })).toEqual({ moved: 0, failed: [] });
  });

  it('stops after max messages and leaves the rest in the DLQ', async () => {
    const { queueUrl, deadLetterQueueUrl } = await queuePair();
    await sendAll(
      deadLetterQueueUrl,
      Array.from({ length: 12 }, (_, index) => ({ Id: `e${index}`, MessageBody: `m${index}` })),
    );

    expect(await redrive(sqs, { queueUrl, deadLetterQueueUrl, max: 5 })).toEqual({
      moved: 5,
      failed: [],
    });
    expect(await messageCounts(deadLetterQueueUrl)).toEqual({ visible: 7, inFlight: 0 });
    expect(await drain(queueUrl)).toHaveLength(5);
  });

  it('keeps FIFO group ids and order, even for a deduplication id the source queue has seen', async () => {
    const { queueUrl, deadLetterQueueUrl } = await queuePair({ fifo: true });
    // The message first went through the source queue moments ago with this deduplication id;
    // a redrive reusing it would be accepted and silently dropped within SQS's 5-minute window.
    await sqs.send(
      new SendMessageCommand({
        QueueUrl: queueUrl,
        MessageBody: 'a-0',
        MessageGroupId: 'group-a',
        MessageDeduplicationId: 'original-a-0',
      }),
    );
    expect(await drain(queueUrl)).toHaveLength(1);
    const groups = ['group-a', 'group-b'];
    await sendAll(
      deadLetterQueueUrl,
      Array.from({ length: 12 }, (_, index) => {
        const group = groups[index % 2] ?? '';
        const position = Math.floor(index / 2);
        const body = `${group.slice(-1)}-${position}`;
        return {
          Id: `e${index}`,
          MessageBody: body,
          MessageGroupId: group,
          MessageDeduplicationId: `original-${body}`,
        };
      }),
    );

    expect(await redrive(sqs, { queueUrl, deadLetterQueueUrl })).toEqual({
      moved: 12,
      failed: [],
    });

    const redriven = await drain(queueUrl);
    const bodiesOf = (group: string) =>
      redriven
        .filter((message) => message.Attributes?.MessageGroupId === group)
        .map((message) => message.Body);
    expect(bodiesOf('group-a')).toEqual(['a-0', 'a-1', 'a-2', 'a-3', 'a-4', 'a-5']);
    expect(bodiesOf('group-b')).toEqual(['b-0', 'b-1', 'b-2', 'b-3', 'b-4', 'b-5']);
    expect(await messageCounts(deadLetterQueueUrl)).toEqual({ visible: 0, inFlight: 0 });
  });

  it('leaves a message the source queue refuses in the DLQ and reports it', async () => {
    const { queueUrl, deadLetterQueueUrl } = await queuePair({ maximumMessageSize: 1024 });
    await sendAll(deadLetterQueueUrl, [
      { Id: 'small', MessageBody: 'fits' },
      { Id: 'large', MessageBody: 'x'.repeat(2048) },
      { Id: 'other', MessageBody: 'fits too' },
    ]);

    const result = await redrive(sqs, { queueUrl, deadLetterQueueUrl });

    expect(result.moved).toBe(2);
    expect(result.failed).toEqual([
      {
        messageId: expect.any(String),
        reason: expect.stringMatching(/^not sent, still in the DLQ: /),
      },
    ]);
    expect((await drain(queueUrl)).map((message) => message.Body).sort()).toEqual([
      'fits',
      'fits too',
    ]);
    // Still in the DLQ, invisible until the receive's visibility timeout ends.
    expect(await messageCounts(deadLetterQueueUrl)).toEqual({ visible: 0, inFlight: 1 });
  });
});

const runCli = (args: string[], sqsPort: string): Promise<ToolOutcome> =>
  runTool('redrive', args, { KEFU_SQS_PORT: sqsPort }, 25_000);

const stackSqsPort = new URL(stack.urls.sqs).port;

describe('npm run redrive', () => {
  it('refuses an unknown queue with exit code 2, naming the known ones', async () => {
    const outcome = await runCli(['no-such-queue'], stackSqsPort);

    expect(outcome.exitCode).toBe(2);
    const message = outcome.stderr.trim();
    expect(message.split('\n')).toHaveLength(1);
    expect(message).toContain('no-such-queue');
    for (const queue of wiring.queues) expect(message).toContain(queue.name);
  });

  it('says the local stack is not running when nothing answers on the SQS port', async () => {
    const outcome = await runCli(['notifications'], String(await freePort()));

    expect(outcome.exitCode).toBe(1);
    expect(outcome.stderr.trim()).toMatch(/^Cannot reach SQS at .+: is `npm start` running\?$/);
  });

  it("moves a manifest queue's dead letters back and says how many", async () => {
    const deadLetterQueueUrl = stack.queueUrls['notifications-dlq'] ?? '';
    // An event the notifications consumer knows and ignores, so its live poller stays quiet.
    await sqs.send(
      new SendMessageCommand({
        QueueUrl: deadLetterQueueUrl,
        MessageBody: JSON.stringify({
          id: 'redrive-cli-test',
          source: 'kefu.customers',
          'detail-type': 'CustomerCreated',
          time: new Date().toISOString(),
          detail: {
            eventId: 'redrive-cli-test',
            occurredAt: new Date().toISOString(),
            data: { customerId: '01JZ0000000000000000000000', version: 1 },
          },
        }),
      }),
    );

    const outcome = await runCli(['notifications', '--max', '1'], stackSqsPort);

    expect(outcome).toMatchObject({ exitCode: 0, stderr: expect.stringMatching(/^moved 1\n?$/) });
    expect(outcome.stdout.trim()).toBe(
      'moved 1 messages from notifications-dlq back to notifications',
    );
  });
});
