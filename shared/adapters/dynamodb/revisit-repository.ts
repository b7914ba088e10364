import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { Interaction } from '../../domain/customers/interaction';
import { DomainError } from '../../domain/errors';
import type { DomainEvent } from '../../domain/events';
import type { Page, PageRequest } from '../../domain/pagination';
import { readRevisit, type Revisit, type StoredRevisit } from '../../domain/revisits/revisit';
import type { ServiceRecord } from '../../domain/revisits/service-record';
import type {
  RevisitQuery,
  RevisitRepository,
  ServiceRecordRepository,
} from '../../services/revisits/ports';
import { documentClient, tableName } from './document-client';
import { claimOnce, putNew } from './claim-once';
import { dueIdsInIndex } from './due-index';
import { interactionPut } from './interaction-put';
import { sealItem } from '../privacy/personal-fields';
import { fromItem } from './from-item';
import { keys } from './keys';
import { outboxPut } from './outbox';
import { queryAll } from './query-all';
import { queryPage } from './query-page';
import { TransactionCancelled, transactWrite } from './transactions';

/** A stored revisit, migrated on read (one planned before windows opens at its due time). */
const revisitFromItem = async (item: Record<string, unknown>): Promise<Revisit> =>
  readRevisit(await fromItem<StoredRevisit>(item));

const revisitItem = (revisit: Revisit) =>
  sealItem(
    {
      ...keys.revisit(revisit.id),
      ...keys.revisitIndexes(revisit),
      entityType: 'Revisit',
      ...revisit,
    },
    revisit.customerId,
  );

export class DynamoServiceRecordRepository implements ServiceRecordRepository {
  constructor(private readonly table: string = tableName()) {}

  async record(
    service: ServiceRecord,
    event: (firstForCustomer: boolean) => DomainEvent,
  ): Promise<boolean> {
    const earlier = await documentClient().send(
      new QueryCommand({
        TableName: this.table,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: {
          ':pk': keys.customer(service.customerId).pk,
          ':prefix': keys.servicePrefix,
        },
        Limit: 1,
        ConsistentRead: true,
      }),
    );
    const first = (earlier.Items ?? []).length === 0;
    await transactWrite({
      TransactItems: [
        {
          ConditionCheck: {
            TableName: this.table,
            Key: keys.customer(service.customerId),
            ConditionExpression: 'attribute_exists(pk)',
          },
        },
        {
          Put: {
            TableName: this.table,
            Item: await sealItem(
              {
                ...keys.service(service.customerId, service.completedAt, service.id),
                entityType: 'ServiceRecord',
                ...service,
              },
              service.customerId,
            ),
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
        outboxPut(this.table, event(first)),
      ],
    }).catch((error) => {
      if (error instanceof TransactionCancelled && error.failedCondition(0)) {
        throw new DomainError('rule-violated', `Customer ${service.customerId} does not exist.`, {
          fields: ['customerId'],
        });
      }
      throw error;
    });
    return first;
  }

  listForCustomer(customerId: string, page: PageRequest): Promise<Page<ServiceRecord>> {
    return queryPage<ServiceRecord>(
      {
        TableName: this.table,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: {
          ':pk': keys.customer(customerId).pk,
          ':prefix': keys.servicePrefix,
        },
      },
      page,
      fromItem,
    );
  }
}

export class DynamoRevisitRepository implements RevisitRepository {
  constructor(private readonly table: string = tableName()) {}

  async plan(revisit: Revisit, planKey: string, event: DomainEvent): Promise<boolean> {
    return claimOnce(
      this.table,
      { ...keys.revisitPlan(planKey), entityType: 'RevisitPlan', revisitId: revisit.id },
      [putNew(this.table, await revisitItem(revisit)), outboxPut(this.table, event)],
    );
  }

  async get(id: string): Promise<Revisit | undefined> {
    const { Item } = await documentClient().send(
      new GetCommand({ TableName: this.table, Key: keys.revisit(id), ConsistentRead: true }),
    );
    return Item ? await revisitFromItem(Item) : undefined;
  }

  async save(
    previous: Revisit,
    next: Revisit,
    events: DomainEvent[],
    interactions: Interaction[] = [],
  ): Promise<void> {
    await transactWrite({
      TransactItems: [
        {
          Put: {
            TableName: this.table,
            Item: await revisitItem(next),
            ConditionExpression: 'version = :expected',
            ExpressionAttributeValues: { ':expected': previous.version },
          },
        },
        ...(await Promise.all(
          interactions.map((interaction) => interactionPut(this.table, interaction)),
        )),
        ...events.map((event) => outboxPut(this.table, event)),
      ],
    }).catch((error) => {
      if (error instanceof TransactionCancelled && error.failedCondition(0)) {
        throw new DomainError('stale-version', 'The revisit was changed meanwhile; read it again.');
      }
      throw error;
    });
  }

  dueIds(until: string, limit: number): Promise<string[]> {
    return dueIdsInIndex(this.table, 'REVISIT_DUE', until, limit);
  }

  async inStatus(status: Revisit['status'], limit: number): Promise<Revisit[]> {
    const stored = await queryAll<StoredRevisit>(
      {
        TableName: this.table,
        IndexName: 'gsi5',
        KeyConditionExpression: 'gsi5pk = :pk',
        ExpressionAttributeValues: { ':pk': `REVISITS_STATUS#${status}` },
      },
      limit,
    );
    return stored.map(readRevisit);
  }

  async forCustomer(customerId: string, limit: number): Promise<Revisit[]> {
    const stored = await queryAll<StoredRevisit>(
      {
        TableName: this.table,
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :pk',
        ExpressionAttributeValues: { ':pk': `CUSTOMER_REVISITS#${customerId}` },
      },
      limit,
    );
    return stored.map(readRevisit);
  }

  list(query: RevisitQuery, page: PageRequest): Promise<Page<Revisit>> {
    const index = query.assigneeId || query.unassigned ? 'gsi4' : 'gsi3';
    const partition = query.assigneeId
      ? `REVISITS_OF#${query.assigneeId}`
      : query.unassigned
        ? `REVISITS_UNASSIGNED#${query.department ?? ''}`
        : `REVISITS_IN#${query.department ?? ''}`;
    return queryPage<Revisit>(
      {
        TableName: this.table,
        IndexName: index,
        KeyConditionExpression: `${index}pk = :pk AND ${index}sk BETWEEN :from AND :to`,
        ExpressionAttributeValues: {
          ':pk': partition,
          ':from': `${query.status}#${query.dueFrom ?? ''}`,
          ':to': `${query.status}#${query.dueBefore ?? '~'}`,
        },
        ...(query.assigneeId && query.department
          ? {
              FilterExpression: 'department = :department',
              ExpressionAttributeValues: {
                ':pk': partition,
                ':from': `${query.status}#${query.dueFrom ?? ''}`,
                ':to': `${query.status}#${query.dueBefore ?? '~'}`,
                ':department': query.department,
              },
            }
          : {}),
      },
      page,
      revisitFromItem,
    );
  }
}
