import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import type { Context, SQSEvent, SQSRecord } from 'aws-lambda';
import { logger, withLogContext } from '../adapters/logger';
import * as z from '../zod';
import { MalformedMessage } from './bus-event';

const processor = new BatchProcessor(EventType.SQS);

/** Reads an SQS body as JSON of the given shape; throws MalformedMessage otherwise. */
export const parseWork = <S extends z.ZodMiniType>(schema: S, body: string): z.output<S> => {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    throw new MalformedMessage('the message body is not JSON');
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw new MalformedMessage('the message does not match its schema');
  return parsed.data as z.output<S>;
};

/**
 * A queue consumer of Kefu's own work messages (not bus events), with partial batch failure:
 * each message is read by `read` and handled alone; one that throws is retried alone and, after
 * the queue's maxReceiveCount, lands in the DLQ. Logs ids and outcomes, never bodies.
 */
export const workConsumer = <T>(
  name: string,
  read: (body: string) => T,
  handle: (work: T) => Promise<string>,
  /** Ids worth logging with the outcome (never personal data). */
  describe: (work: T) => Record<string, string> = () => ({}),
) =>
  withLogContext((event: SQSEvent, context: Context) =>
    processPartialResponse(
      event,
      async (record: SQSRecord) => {
        try {
          const work = read(record.body);
          const outcome = await handle(work);
          logger.info(`${name} handled`, {
            messageId: record.messageId,
            ...describe(work),
            outcome,
          });
        } catch (error) {
          logger.error(`${name} failed`, {
            messageId: record.messageId,
            receiveCount: record.attributes.ApproximateReceiveCount,
            reason: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
          });
          throw error;
        }
      },
      processor,
      { context, throwOnFullBatchFailure: false },
    ),
  );
