import { marshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { invoke } from '../../infra/local/lambda-runtime';
import { invokeHandlersInThisProcess } from './sqs-records';

const AGGREGATOR = 'functions/reports/aggregate-service-quality.ts';

/**
 * A complaint of a far period (no other file writes there) as the stream reports its
 * assignment to `ownerId`: routed → assigned, optionally resolved and answered first by its owner.
 */
export const assignedComplaintRecord = (
  eventId: string,
  {
    id,
    ownerId,
    receivedAt,
    department = 'logistics',
    resolved = false,
    firstResponseHours,
  }: {
    id: string;
    ownerId: string;
    receivedAt: string;
    department?: string;
    resolved?: boolean;
    firstResponseHours?: number;
  },
): DynamoDBRecord => {
  const complaint = {
    id,
    number: `KF-20320301-${id.slice(-6).padStart(6, 'X')}`,
    customerId: 'K',
    channel: 'phone',
    subject: 's',
    description: 'd',
    category: 'delivery',
    severity: 'normal',
    attachments: [],
    status: resolved ? 'resolved' : 'assigned',
    department,
    ownerId,
    escalationLevel: 0,
    receivedAt,
    updatedAt: receivedAt,
    version: 3,
    ...(firstResponseHours === undefined
      ? {}
      : {
          firstRespondedAt: new Date(
            Date.parse(receivedAt) + firstResponseHours * 3_600_000,
          ).toISOString(),
          firstResponderId: ownerId,
          firstResponseBusinessMs: firstResponseHours * 3_600_000,
        }),
    ...(resolved
      ? {
          resolution: {
            plan: 'p',
            customerAgreed: true,
            resolvedAt: new Date(Date.parse(receivedAt) + 30 * 3_600_000).toISOString(),
            resolvedBy: ownerId,
          },
        }
      : {}),
  };
  const image = (value: Record<string, unknown>) =>
    marshall(
      { pk: `COMPLAINT#${id}`, sk: 'COMPLAINT', entityType: 'Complaint', ...value },
      { removeUndefinedValues: true },
    ) as never;
  return {
    eventID: eventId,
    eventName: 'MODIFY',
    eventSource: 'aws:dynamodb',
    dynamodb: {
      Keys: {},
      NewImage: image(complaint),
      OldImage: image({ ...complaint, status: 'routed', ownerId: undefined, version: 2 }),
      SequenceNumber: '1',
      StreamViewType: 'NEW_AND_OLD_IMAGES',
    },
  };
};

/** The stream records through the real aggregator, in this process; its batch failures. */
export const aggregate = async (records: DynamoDBRecord[]): Promise<unknown[]> => {
  invokeHandlersInThisProcess();
  const outcome = (await invoke(AGGREGATOR, {
    Records: records,
  } satisfies DynamoDBStreamEvent)) as {
    batchItemFailures: unknown[];
  };
  return outcome.batchItemFailures;
};
