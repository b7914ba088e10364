import {
  DeleteMessageBatchCommand,
  type Message,
  ReceiveMessageCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import type { SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import type { QueueDefinition } from '../../wiring/manifest';
import { invoke } from './lambda-runtime';
import { LOCAL_ACCOUNT, LOCAL_REGION } from './local-env';
import { type PollerLog, PollingLoop } from './polling-loop';

/** SQS receives at most 10 messages a call; larger manifest batches are gathered over the window. */
const SQS_RECEIVE_MAX = 10;

const toRecord = (message: Message, queueName: string): SQSRecord => ({
  messageId: message.MessageId ?? '',
  receiptHandle: message.ReceiptHandle ?? '',
  body: message.Body ?? '',
  attributes: {
    ApproximateReceiveCount: message.Attributes?.ApproximateReceiveCount ?? '1',
    SentTimestamp: message.Attributes?.SentTimestamp ?? String(Date.now()),
    SenderId: message.Attributes?.SenderId ?? LOCAL_ACCOUNT,
    ApproximateFirstReceiveTimestamp:
      message.Attributes?.ApproximateFirstReceiveTimestamp ?? String(Date.now()),
    ...(message.Attributes?.MessageGroupId
      ? { MessageGroupId: message.Attributes.MessageGroupId }
      : {}),
    ...(message.Attributes?.MessageDeduplicationId
      ? { MessageDeduplicationId: message.Attributes.MessageDeduplicationId }
      : {}),
  },
  messageAttributes: Object.fromEntries(
    Object.entries(message.MessageAttributes ?? {}).map(([name, value]) => [
      name,
      {
        dataType: value.DataType ?? 'String',
        stringValue: value.StringValue,
        binaryValue: undefined,
        stringListValues: [],
        binaryListValues: [],
      },
    ]),
  ),
  md5OfBody: message.MD5OfBody ?? '',
  eventSource: 'aws:sqs',
  eventSourceARN: `arn:aws:sqs:${LOCAL_REGION}:${LOCAL_ACCOUNT}:${queueName}`,
  awsRegion: LOCAL_REGION,
});

/**
 * Behaves like a Lambda event source mapping with ReportBatchItemFailures: receives a batch,
 * invokes the consumer, deletes what succeeded; failures (or a thrown batch) stay on the queue,
 * reappear after the visibility timeout and reach the DLQ after maxReceiveCount receives.
 */
export class QueuePoller {
  private readonly loop: PollingLoop;
  /** Receipt handles of the batch being handled now. */
  private readonly handling = new Set<string>();

  constructor(
    private readonly queue: QueueDefinition,
    private readonly queueUrl: string,
    private readonly sqs: SQSClient,
    private readonly log: PollerLog,
  ) {
    this.loop = new PollingLoop(queue.name, (signal) => this.pollOnce(1, signal), log, {
      idleDelayMs: 0,
      retryDelayMs: 1000,
    });
  }

  start(): void {
    this.loop.start();
  }

  stop(): Promise<void> {
    return this.loop.stop();
  }

  isHandling(receiptHandle: string): boolean {
    return this.handling.has(receiptHandle);
  }

  /**
   * Receives and processes one batch; returns how many messages it handled. `signal` ends a long
   * poll early (the stack is stopping); a batch already received is still handled.
   */
  async pollOnce(waitSeconds = 1, signal?: AbortSignal): Promise<number> {
    const messages: Message[] = [];
    const deadline = Date.now() + this.queue.consumer.maxBatchingWindowSeconds * 1000;
    do {
      const { Messages = [] } = await this.sqs.send(
        new ReceiveMessageCommand({
          QueueUrl: this.queueUrl,
          MaxNumberOfMessages: Math.min(
            SQS_RECEIVE_MAX,
            this.queue.consumer.batchSize - messages.length,
          ),
          WaitTimeSeconds: messages.length === 0 ? waitSeconds : 0,
          MessageSystemAttributeNames: ['All'],
          MessageAttributeNames: ['All'],
        }),
        // Only the long poll is cut short; the quick ones that fill a batch run to the end.
        messages.length === 0 ? { abortSignal: signal } : {},
      );
      messages.push(...Messages);
      if (Messages.length === 0) break;
    } while (
      messages.length < this.queue.consumer.batchSize &&
      Date.now() < deadline &&
      !signal?.aborted
    );
    if (messages.length === 0) return 0;
    for (const message of messages) this.handling.add(message.ReceiptHandle ?? '');
    try {
      return await this.handle(messages);
    } finally {
      this.handling.clear();
    }
  }

  private async handle(messages: Message[]): Promise<number> {
    const event: SQSEvent = {
      Records: messages.map((message) => toRecord(message, this.queue.name)),
    };
    let failed = new Set<string>();
    try {
      const response = (await invoke(this.queue.consumer.handler, event)) as
        SQSBatchResponse | undefined;
      failed = new Set(
        (response?.batchItemFailures ?? []).map((failure) => failure.itemIdentifier),
      );
    } catch (error) {
      this.log.error(
        `${this.queue.name}: consumer threw, the whole batch will be retried: ${(error as Error).message}`,
      );
      return messages.length;
    }
    const done = messages.filter((message) => !failed.has(message.MessageId ?? ''));
    for (let start = 0; start < done.length; start += SQS_RECEIVE_MAX) {
      await this.sqs.send(
        new DeleteMessageBatchCommand({
          QueueUrl: this.queueUrl,
          Entries: done.slice(start, start + SQS_RECEIVE_MAX).map((message, index) => ({
            Id: String(index),
            ReceiptHandle: message.ReceiptHandle,
          })),
        }),
      );
    }
    return messages.length;
  }
}
