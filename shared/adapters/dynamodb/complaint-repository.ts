import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import {
  GetCommand,
  PutCommand,
  QueryCommand,
  type QueryCommandInput,
} from '@aws-sdk/lib-dynamodb';
import type { Complaint, TimelineEntry } from '../../domain/complaints/complaint';
import type { ComplaintStatus } from '../../domain/complaints/lifecycle';
import { DomainError } from '../../domain/errors';
import type { Page, PageRequest } from '../../domain/pagination';
import type {
  ComplaintChange,
  ComplaintQuery,
  ComplaintRepository,
} from '../../services/complaints/ports';
import { documentClient, tableName } from './document-client';
import { dueIdsInIndex } from './due-index';
import { sealItem } from '../privacy/personal-fields';
import { fromItem } from './from-item';
import { interactionPut } from './interaction-put';
import { keys } from './keys';
import { expiresAfterRetention } from './retention';
import { outboxPut } from './outbox';
import { queryPage } from './query-page';
import { TransactionCancelled, transactWrite } from './transactions';

const complaintItem = (complaint: Complaint) =>
  sealItem(
    {
      ...keys.complaint(complaint.id),
      ...keys.complaintIndexes(complaint),
      entityType: 'Complaint',
      ...complaint,
      ...(complaint.status === 'closed' && complaint.closedAt
        ? expiresAfterRetention('complaints', complaint.closedAt)
        : {}),
    },
    complaint.customerId,
  );

/** A timeline entry is written once; a repeated write with the same id changes nothing. */
const timelinePut = async (table: string, entry: TimelineEntry, customerId: string) => ({
  TableName: table,
  Item: await sealItem(
    {
      ...keys.timelineEntry(entry.complaintId, entry.at, entry.id),
      entityType: 'TimelineEntry',
      ...entry,
      ...expiresAfterRetention('complaints', entry.at),
    },
    customerId,
  ),
  ConditionExpression: 'attribute_not_exists(pk)',
});

/** Picks the most selective index for a query; the remaining criteria become filters. */
const indexQuery = (query: ComplaintQuery): Omit<QueryCommandInput, 'TableName'> => {
  const filters: string[] = [];
  const values: Record<string, unknown> = {};
  const names: Record<string, string> = {};
  const filterOn = (attribute: string, value: string | undefined) => {
    if (value === undefined) return;
    names[`#${attribute}`] = attribute;
    values[`:${attribute}`] = value;
    filters.push(`#${attribute} = :${attribute}`);
  };
  /** The partition, narrowed to one status where the index's sort key starts with it. */
  const byStatusWithin = (index: string, partition: string) => {
    values[':pk'] = partition;
    if (!query.status) return { IndexName: index, KeyConditionExpression: `${index}pk = :pk` };
    values[':prefix'] = `${query.status}#`;
    return {
      IndexName: index,
      KeyConditionExpression: `${index}pk = :pk AND begins_with(${index}sk, :prefix)`,
    };
  };
  let key: Pick<QueryCommandInput, 'IndexName' | 'KeyConditionExpression'>;
  if (query.breached === false) {
    names['#breachedAt'] = 'breachedAt';
    filters.push('attribute_not_exists(#breachedAt)');
  }
  if (query.breached) {
    key = { IndexName: 'gsi6', KeyConditionExpression: 'gsi6pk = :pk' };
    values[':pk'] = 'COMPLAINTS_BREACHED';
    if (query.department) {
      key.KeyConditionExpression = 'gsi6pk = :pk AND begins_with(gsi6sk, :department)';
      values[':department'] = `${query.department}#`;
    }
    filterOn('status', query.status);
    filterOn('ownerId', query.ownerId);
    filterOn('customerId', query.customerId);
  } else if (query.ownerId) {
    key = byStatusWithin('gsi4', `COMPLAINTS_OF#${query.ownerId}`);
    filterOn('department', query.department);
    filterOn('customerId', query.customerId);
  } else if (query.department) {
    key = byStatusWithin('gsi3', `COMPLAINTS_IN#${query.department}`);
    filterOn('customerId', query.customerId);
  } else if (query.customerId) {
    key = { IndexName: 'gsi1', KeyConditionExpression: 'gsi1pk = :pk' };
    values[':pk'] = `CUSTOMER_COMPLAINTS#${query.customerId}`;
    filterOn('status', query.status);
  } else if (query.status) {
    key = { IndexName: 'gsi5', KeyConditionExpression: 'gsi5pk = :pk' };
    values[':pk'] = `COMPLAINTS_STATUS#${query.status}`;
  } else {
    throw new Error('a complaint query needs at least one criterion');
  }
  return {
    ...key,
    ExpressionAttributeValues: values,
    ...(filters.length > 0
      ? { FilterExpression: filters.join(' AND '), ExpressionAttributeNames: names }
      : {}),
  };
};

export class DynamoComplaintRepository implements ComplaintRepository {
  constructor(private readonly table: string = tableName()) {}

  async save(change: ComplaintChange): Promise<void> {
    const { previous, next } = change;
    const items: object[] = [
      {
        Put: {
          TableName: this.table,
          Item: await complaintItem(next),
          ...(previous
            ? {
                ConditionExpression: 'version = :expected',
                ExpressionAttributeValues: { ':expected': previous.version },
              }
            : { ConditionExpression: 'attribute_not_exists(pk)' }),
        },
      },
      ...(previous
        ? []
        : [
            {
              Put: {
                TableName: this.table,
                Item: {
                  ...keys.complaintNumber(next.number),
                  entityType: 'ComplaintNumber',
                  complaintId: next.id,
                },
                ConditionExpression: 'attribute_not_exists(pk)',
              },
            },
          ]),
      ...(await Promise.all(
        change.timeline.map(async (entry) => ({
          Put: await timelinePut(this.table, entry, next.customerId),
        })),
      )),
      ...(change.openWork ?? [])
        .filter((counter) => counter.delta !== 0)
        .map((counter) => ({
          Update: {
            TableName: this.table,
            Key: keys.staffMember(counter.staffId),
            UpdateExpression: 'SET openComplaints = if_not_exists(openComplaints, :zero) + :delta',
            ConditionExpression: 'attribute_exists(pk)',
            ExpressionAttributeValues: { ':zero': 0, ':delta': counter.delta },
          },
        })),
      ...(change.lastAssigned
        ? [
            {
              Update: {
                TableName: this.table,
                Key: keys.department(change.lastAssigned.department),
                UpdateExpression: 'SET lastAssignedStaffId = :staff',
                ConditionExpression: 'attribute_exists(pk)',
                ExpressionAttributeValues: { ':staff': change.lastAssigned.staffId },
              },
            },
          ]
        : []),
      ...(await Promise.all(
        (change.interactions ?? []).map((interaction) => interactionPut(this.table, interaction)),
      )),
      ...change.events.map((event) => outboxPut(this.table, event)),
    ];
    await transactWrite({ TransactItems: items }).catch((error) => {
      if (error instanceof TransactionCancelled && error.failedCondition(0)) {
        throw new DomainError(
          'stale-version',
          'The complaint was changed meanwhile; read it again.',
        );
      }
      if (
        error instanceof TransactionCancelled &&
        error.reasons.some((r) => r.code === 'ConditionalCheckFailed')
      ) {
        throw new DomainError('rule-violated', 'The staff member or department no longer exists.');
      }
      throw error;
    });
  }

  dueForSlaCheck(until: string, limit: number): Promise<string[]> {
    return dueIdsInIndex(this.table, 'SLA_DUE', until, limit);
  }

  dueForAutoClose(until: string, limit: number): Promise<string[]> {
    return dueIdsInIndex(this.table, 'CLOSE_DUE', until, limit);
  }

  async idsInStatusReceivedBefore(
    status: ComplaintStatus,
    before: string,
    limit: number,
  ): Promise<string[]> {
    const { Items = [] } = await documentClient().send(
      new QueryCommand({
        TableName: this.table,
        IndexName: 'gsi5',
        KeyConditionExpression: 'gsi5pk = :pk AND gsi5sk < :before',
        ExpressionAttributeValues: { ':pk': `COMPLAINTS_STATUS#${status}`, ':before': before },
        ProjectionExpression: 'id',
        Limit: limit,
      }),
    );
    return Items.map((item) => String(item.id));
  }

  async appendTimeline(entry: TimelineEntry, customerId: string): Promise<void> {
    try {
      await documentClient().send(new PutCommand(await timelinePut(this.table, entry, customerId)));
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
  }

  async getByNumber(number: string): Promise<Complaint | undefined> {
    const { Item } = await documentClient().send(
      new GetCommand({
        TableName: this.table,
        Key: keys.complaintNumber(number),
        ConsistentRead: true,
      }),
    );
    return typeof Item?.complaintId === 'string' ? this.get(Item.complaintId) : undefined;
  }

  async get(id: string): Promise<Complaint | undefined> {
    const { Item } = await documentClient().send(
      new GetCommand({ TableName: this.table, Key: keys.complaint(id), ConsistentRead: true }),
    );
    return Item ? fromItem<Complaint>(Item) : undefined;
  }

  async timeline(id: string): Promise<TimelineEntry[]> {
    const entries: TimelineEntry[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const page = await documentClient().send(
        new QueryCommand({
          TableName: this.table,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
          ExpressionAttributeValues: {
            ':pk': keys.complaint(id).pk,
            ':prefix': keys.timelinePrefix,
          },
          ConsistentRead: true,
          ExclusiveStartKey: start,
        }),
      );
      entries.push(
        ...(await Promise.all((page.Items ?? []).map((item) => fromItem<TimelineEntry>(item)))),
      );
      start = page.LastEvaluatedKey;
    } while (start);
    return entries;
  }

  list(query: ComplaintQuery, page: PageRequest): Promise<Page<Complaint>> {
    return queryPage<Complaint>({ TableName: this.table, ...indexQuery(query) }, page, fromItem);
  }
}
