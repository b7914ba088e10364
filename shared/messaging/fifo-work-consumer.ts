import { processPartialResponse, SqsFifoPartialProcessorAsync } from '@aws-lambda-powertools/batch';
import type { Context, SQSEvent, SQSRecord } from 'aws-lambda';
import { logger, withLogContext } from '../adapters/logger';
import { type GroupedMessage, postponeMessage, sendGroupedMessages } from '../adapters/sqs-queues';

/** What a FIFO consumer does with its own queue besides receiving: postpone a message, park one. */
export interface FifoQueue {
  /** Keeps a received message out of sight for `seconds`; it comes back then, still first. */
  postpone(receiptHandle: string, seconds: number): Promise<void>;
  /** Sends a message to the queue's DLQ (kept for inspection and redrive). */
  deadLetter(message: GroupedMessage): Promise<void>;
}

/** A FIFO queue of the stack (and its DLQ) by its manifest name. */
export const sqsFifoQueue = (queue: string): FifoQueue => ({
  postpone: (receiptHandle, seconds) => postponeMessage(queue, receiptHandle, seconds),
  deadLetter: (message) => sendGroupedMessages(queue, [message], { toDeadLetterQueue: true }),
});

/** What handling one message came to: fields to log with it, and whether to try again later. */
export interface FifoWorkResult {
  /** Ids and outcome worth logging (never personal data). */
  log: Record<string, unknown>;
  /** Try again in so many seconds: the message stays first in its group until then. */
  retryAfterSeconds?: number | undefined;
}

/** Reported as the failure of a message that waits, postponed, for its next attempt. */
class RetryLater extends Error {
  override name = 'RetryLater';
}

/**
 * A consumer of one of Kefu's FIFO work queues, with Powertools' SqsFifoPartialProcessor and
 * `skipGroupOnError`: a message that fails is reported failed with every later message of its
 * message group in the batch (so order holds within the group), while other groups go on.
 * - `retryAfterSeconds` postpones the message and reports it failed: it (and its group) come back
 *   when the attempt is due. How many attempts before a message is given up is `handle`'s to say.
 * - A message `read` refuses (MalformedMessage) goes to the DLQ at once, its body base64-encoded,
 *   rather than blocking its group until the queue's maxReceiveCount.
 * - Any other error fails the message (and its group), to be received again.
 * At-least-once: a message can come twice (a lost acknowledgement, a redrive); `handle` must be
 * idempotent. Logs ids and outcomes, never bodies.
 */
export const fifoWorkConsumer = <T>(options: {
  name: string;
  queue: () => FifoQueue;
  read: (body: string) => T;
  handle: (work: T) => Promise<FifoWorkResult>;
  /** Ids worth logging with the outcome (never personal data). */
  describe?: (work: T) => Record<string, string>;
}) => {
  const { name, queue, read, handle, describe = () => ({}) } = options;
  const processor = new SqsFifoPartialProcessorAsync();
  const deadLetterMalformed = async (record: SQSRecord) => {
    await queue().deadLetter({
      // Encoded: the body may hold characters SQS refuses to send again.
      body: JSON.stringify({
        malformedBase64: Buffer.from(record.body, 'utf8').toString('base64'),
        messageId: record.messageId,
      }),
      groupId: record.attributes.MessageGroupId ?? 'malformed',
      deduplicationId: record.messageId,
    });
    logger.error(`${name} dead-lettered: malformed message`, { messageId: record.messageId });
  };
  const consume = async (record: SQSRecord): Promise<void> => {
    try {
      const work = read(record.body);
      const result = await handle(work);
      logger.info(name, { messageId: record.messageId, ...describe(work), ...result.log });
      if (result.retryAfterSeconds !== undefined) {
        await queue().postpone(record.receiptHandle, result.retryAfterSeconds);
        throw new RetryLater(`next attempt in ${result.retryAfterSeconds} s`);
      }
    } catch (error) {
      if (error instanceof RetryLater) throw error;
      if (error instanceof Error && error.name === 'MalformedMessage') {
        await deadLetterMalformed(record);
        return;
      }
      logger.error(`${name} failed`, {
        messageId: record.messageId,
        receiveCount: record.attributes.ApproximateReceiveCount,
        reason: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
      });
      throw error;
    }
  };
  return withLogContext((event: SQSEvent, context: Context) =>
    processPartialResponse(event, consume, processor, {
      context,
      throwOnFullBatchFailure: false,
      skipGroupOnError: true,
    }),
  );
};
