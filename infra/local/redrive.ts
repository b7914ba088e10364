import {
  DeleteMessageBatchCommand,
  GetQueueAttributesCommand,
  type Message,
  type MessageAttributeValue,
  ReceiveMessageCommand,
  type SendMessageBatchRequestEntry,
  SendMessageBatchCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs';

export interface RedriveOptions {
  /** The source queue the messages go back to. */
  queueUrl: string;
  /** The dead-letter queue they are taken from. */
  deadLetterQueueUrl: string;
  /** Move at most this many messages (default: all). */
  max?: number;
  /** Called after every batch with the running total of moved messages. */
  onProgress?: (moved: number) => void;
}

export interface RedriveFailure {
  messageId: string;
  reason: string;
}

export interface RedriveResult {
  /** Messages now in the source queue and gone from the DLQ. */
  moved: number;
  /** Messages left in the DLQ (or, for a failed delete, in both queues), with the reason. */
  failed: RedriveFailure[];
}

const SQS_BATCH_MAX = 10;
/** SQS long-polls at least this long, so that an empty answer means empty, not "not sampled". */
const RECEIVE_WAIT_SECONDS = 1;
/** Long enough for one batch's send and delete; a message left in flight reappears after it. */
const RECEIVE_VISIBILITY_SECONDS = 60;
const EMPTY_RECEIVES_BEFORE_STOPPING = 2;
/**
 * 256 KiB was the SQS limit for a whole batch request until AWS raised it to 1 MiB; staying
 * under the older limit keeps large poison messages from failing their neighbours' send.
 */
const BATCH_PAYLOAD_LIMIT_BYTES = 256 * 1024;

/**
 * Moves the messages of a dead-letter queue back to its source queue: receive, send to the
 * source, delete from the DLQ only what the source accepted. A message whose send fails stays
 * in the DLQ (visible again after the receive's visibility timeout) and is reported.
 *
 * At least once, like every SQS delivery: a crash between the send and the delete leaves the
 * message in both queues, and the next redrive sends it again. Kefu's consumers drop repeats
 * (by event id), so a duplicate costs a little work and changes nothing.
 *
 * Plain SQS API calls only, so it works on AWS and on fauxqs alike (SQS's own
 * StartMessageMoveTask is not emulated locally).
 */
export const redrive = async (sqs: SQSClient, options: RedriveOptions): Promise<RedriveResult> => {
  const { queueUrl, deadLetterQueueUrl, max = Number.POSITIVE_INFINITY, onProgress } = options;
  const fifo = await isFifoQueue(sqs, queueUrl);
  const failed: RedriveFailure[] = [];
  const failedIds = new Set<string>();
  let moved = 0;
  let received = 0;
  let emptyReceives = 0;

  while (received < max && emptyReceives < EMPTY_RECEIVES_BEFORE_STOPPING) {
    const { Messages = [] } = await sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: deadLetterQueueUrl,
        MaxNumberOfMessages: Math.min(SQS_BATCH_MAX, max - received),
        WaitTimeSeconds: RECEIVE_WAIT_SECONDS,
        VisibilityTimeout: RECEIVE_VISIBILITY_SECONDS,
        MessageAttributeNames: ['All'],
        MessageSystemAttributeNames: ['All'],
      }),
    );
    // A message that failed earlier in this run and became visible again would fail again:
    // leave it in the DLQ and count the answer as empty, so that the run ends.
    const messages = Messages.filter((message) => !failedIds.has(message.MessageId ?? ''));
    if (messages.length === 0) {
      emptyReceives += 1;
      continue;
    }
    emptyReceives = 0;
    received += messages.length;

    for (const chunk of chunkByPayloadSize(messages)) {
      const outcome = await moveBatch(sqs, chunk, { queueUrl, deadLetterQueueUrl, fifo });
      moved += outcome.moved;
      for (const failure of outcome.failed) {
        failed.push(failure);
        failedIds.add(failure.messageId);
      }
    }
    onProgress?.(moved);
  }
  return { moved, failed };
};

const isFifoQueue = async (sqs: SQSClient, queueUrl: string): Promise<boolean> => {
  const { Attributes } = await sqs.send(
    new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['FifoQueue'] }),
  );
  return Attributes?.FifoQueue === 'true';
};

const moveBatch = async (
  sqs: SQSClient,
  messages: Message[],
  target: { queueUrl: string; deadLetterQueueUrl: string; fifo: boolean },
): Promise<RedriveResult> => {
  const entryId = (index: number) => `m${index}`;
  const byEntryId = new Map(messages.map((message, index) => [entryId(index), message]));
  const failed: RedriveFailure[] = [];

  const sent = await sqs.send(
    new SendMessageBatchCommand({
      QueueUrl: target.queueUrl,
      Entries: messages.map((message, index) => sendEntry(entryId(index), message, target.fifo)),
    }),
  );
  for (const failure of sent.Failed ?? []) {
    failed.push({
      messageId: byEntryId.get(failure.Id ?? '')?.MessageId ?? '',
      reason: `not sent, still in the DLQ: ${failure.Code ?? 'error'}: ${failure.Message ?? ''}`,
    });
  }

  const accepted = (sent.Successful ?? []).flatMap(({ Id }) => {
    const message = Id === undefined ? undefined : byEntryId.get(Id);
    return message ? [{ Id, ReceiptHandle: message.ReceiptHandle }] : [];
  });
  if (accepted.length === 0) return { moved: 0, failed };

  const deleted = await sqs.send(
    new DeleteMessageBatchCommand({ QueueUrl: target.deadLetterQueueUrl, Entries: accepted }),
  );
  for (const failure of deleted.Failed ?? []) {
    failed.push({
      messageId: byEntryId.get(failure.Id ?? '')?.MessageId ?? '',
      reason:
        `sent, but not deleted from the DLQ (the next redrive sends it again): ` +
        `${failure.Code ?? 'error'}: ${failure.Message ?? ''}`,
    });
  }
  return { moved: deleted.Successful?.length ?? 0, failed };
};

const sendEntry = (id: string, message: Message, fifo: boolean): SendMessageBatchRequestEntry => {
  const attributes = messageAttributes(message);
  const traceHeader = message.Attributes?.AWSTraceHeader;
  return {
    Id: id,
    MessageBody: message.Body ?? '',
    ...(attributes ? { MessageAttributes: attributes } : {}),
    ...(traceHeader
      ? {
          MessageSystemAttributes: {
            AWSTraceHeader: { DataType: 'String', StringValue: traceHeader },
          },
        }
      : {}),
    ...(fifo
      ? {
          MessageGroupId: message.Attributes?.MessageGroupId,
          // Not the original deduplication id: the source queue saw that one when the message
          // was first sent and, within its 5-minute window, would accept the redriven copy and
          // silently drop it. The DLQ message id is new to the source queue, and stable across
          // retries of this redrive, so a retry after a crash is deduplicated.
          MessageDeduplicationId: message.MessageId,
        }
      : {}),
  };
};

/** The attributes as sent; the list types SQS returns are reserved and refused on send. */
const messageAttributes = (message: Message): Record<string, MessageAttributeValue> | undefined => {
  const entries = Object.entries(message.MessageAttributes ?? {});
  if (entries.length === 0) return undefined;
  return Object.fromEntries(
    entries.map(([name, value]) => [
      name,
      {
        DataType: value.DataType,
        ...(value.StringValue === undefined ? {} : { StringValue: value.StringValue }),
        ...(value.BinaryValue === undefined ? {} : { BinaryValue: value.BinaryValue }),
      },
    ]),
  );
};

const payloadSize = (message: Message): number => {
  const encoder = new TextEncoder();
  let size = encoder.encode(message.Body ?? '').byteLength;
  for (const [name, value] of Object.entries(message.MessageAttributes ?? {})) {
    size += encoder.encode(name).byteLength + encoder.encode(value.DataType ?? '').byteLength;
    size += value.StringValue === undefined ? 0 : encoder.encode(value.StringValue).byteLength;
    size += value.BinaryValue?.byteLength ?? 0;
  }
  return size;
};

/** Consecutive runs of messages whose payloads fit one batch request; order is kept (FIFO). */
const chunkByPayloadSize = (messages: Message[]): Message[][] => {
  const chunks: Message[][] = [];
  let current: Message[] = [];
  let currentSize = 0;
  for (const message of messages) {
    const size = payloadSize(message);
    if (current.length > 0 && currentSize + size > BATCH_PAYLOAD_LIMIT_BYTES) {
      chunks.push(current);
      current = [];
      currentSize = 0;
    }
    current.push(message);
    currentSize += size;
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
};
