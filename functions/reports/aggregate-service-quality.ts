import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { Context, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { fromItem } from '../../shared/adapters/dynamodb/from-item';
import { logger, withLogContext } from '../../shared/adapters/logger';
import { aggregateChange } from '../../shared/services/reports/aggregation';
import { reportDeps } from './report-deps';

const processor = new BatchProcessor(EventType.DynamoDBStreams);

/** A stream image as a domain object; an erased customer's text counts for nothing. */
const image = async (value: Record<string, unknown> | undefined) =>
  value
    ? fromItem<Record<string, unknown>>(unmarshall(value as Record<string, AttributeValue>), '')
    : undefined;

/**
 * The table's stream → service-quality counters: each new or changed complaint, survey, service
 * record and revisit adds what it means to its periods' counters, once per stream record (its
 * eventID), so a replayed batch changes nothing. A failing record is retried alone.
 */
const aggregateRecord = async (record: DynamoDBRecord): Promise<void> => {
  const next = await image(record.dynamodb?.NewImage as Record<string, unknown> | undefined);
  const entityType = (record.dynamodb?.NewImage?.entityType as { S?: string } | undefined)?.S;
  if (!next || !entityType || !record.eventID) return;
  const outcome = await aggregateChange(reportDeps(), {
    changeId: record.eventID,
    entityType,
    previous: await image(record.dynamodb?.OldImage as Record<string, unknown> | undefined),
    next,
  });
  logger.debug('aggregated', { entityType, outcome });
};

export const handler = withLogContext((event: DynamoDBStreamEvent, context: Context) =>
  processPartialResponse(event, aggregateRecord, processor, { context }),
);
