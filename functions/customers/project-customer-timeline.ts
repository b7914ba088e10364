import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { Context, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { DynamoComplaintRepository } from '../../shared/adapters/dynamodb/complaint-repository';
import { DynamoCustomerTimeline } from '../../shared/adapters/dynamodb/customer-timeline';
import { fromItem } from '../../shared/adapters/dynamodb/from-item';
import { logger, withLogContext } from '../../shared/adapters/logger';
import {
  projectIntoTimeline,
  type TimelineProjectionDeps,
} from '../../shared/services/customers/timeline';

const processor = new BatchProcessor(EventType.DynamoDBStreams);

let deps: TimelineProjectionDeps | undefined;
const projectionDeps = (): TimelineProjectionDeps =>
  (deps ??= {
    timeline: new DynamoCustomerTimeline(),
    complaints: new DynamoComplaintRepository(),
  });

/**
 * The table's stream → each customer's one timeline: new contacts, public complaint steps,
 * revisits and surveys become lines in the customer's item collection (sealed again under the
 * customer's key for their new place). A failing record is retried alone.
 */
const projectRecord = async (record: DynamoDBRecord): Promise<void> => {
  const image = record.dynamodb?.NewImage as Record<string, AttributeValue> | undefined;
  const entityType = image?.entityType?.S;
  if (!image || !entityType) return;
  const next = await fromItem<Record<string, unknown>>(unmarshall(image));
  const lines = await projectIntoTimeline(projectionDeps(), entityType, next);
  logger.debug('projected into the customer timeline', { entityType, lines });
};

export const handler = withLogContext((event: DynamoDBStreamEvent, context: Context) =>
  processPartialResponse(event, projectRecord, processor, { context }),
);
