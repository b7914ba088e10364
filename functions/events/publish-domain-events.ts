import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { Context, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { eventCatalog, isCatalogued } from '../../events/catalog';
import { outboxRecord } from '../../events/outbox-record';
import { publishEvents } from '../../shared/adapters/event-bus';
import { logger, withLogContext } from '../../shared/adapters/logger';

const processor = new BatchProcessor(EventType.DynamoDBStreams);

/**
 * Publishes each outbox item, written in the same transaction as its change, to the event bus.
 * At least once: a retried batch may publish an event again, and consumers dedupe on eventId.
 * A malformed or uncatalogued item is logged and skipped, since retrying cannot mend it.
 */
const publishRecord = async (record: DynamoDBRecord): Promise<void> => {
  const image = record.dynamodb?.NewImage;
  if (record.eventName !== 'INSERT' || !image) return;
  const parsed = outboxRecord.safeParse(unmarshall(image as Record<string, AttributeValue>));
  if (!parsed.success) {
    logger.error('skipping malformed outbox item', { sequence: record.dynamodb?.SequenceNumber });
    return;
  }
  const { event } = parsed.data;
  if (
    !isCatalogued(event.type) ||
    !eventCatalog[event.type].detail.safeParse(event.detail).success
  ) {
    logger.error('skipping uncatalogued or invalid event', { eventId: event.id, type: event.type });
    return;
  }
  await publishEvents([{ ...event, source: event.source as `kefu.${string}` }]);
};

export const handler = withLogContext((event: DynamoDBStreamEvent, context: Context) =>
  processPartialResponse(event, publishRecord, processor, { context }),
);
