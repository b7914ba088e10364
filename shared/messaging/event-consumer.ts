import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import type { Context, SQSEvent, SQSRecord } from 'aws-lambda';
import { logger } from '../adapters/logger';
import { type ParsedBusEvent, parseBusEvent } from './bus-event';

const processor = new BatchProcessor(EventType.SQS);

/**
 * A queue consumer of bus events with partial batch failure: each message is parsed and handled
 * on its own; one that throws is retried alone and, after the queue's maxReceiveCount, lands in
 * the DLQ. The reason is logged (ids only, never message bodies).
 */
export const busEventConsumer =
  (name: string, handle: (event: ParsedBusEvent, record: SQSRecord) => Promise<string>) =>
  (event: SQSEvent, context: Context) =>
    processPartialResponse(
      event,
      async (record: SQSRecord) => {
        try {
          const parsed = parseBusEvent(record.body);
          const outcome = await handle(parsed, record);
          logger.info(`${name} handled`, { eventId: parsed.eventId, type: parsed.type, outcome });
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
    );
