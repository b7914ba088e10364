import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { DomainEvent } from '../../domain/events';
import type { ImprovementAction } from '../../domain/improvements/action';
import type { Page, PageRequest } from '../../domain/pagination';
import type { ActionQuery, ImprovementActionRepository } from '../../services/improvements/ports';
import { putNew } from './claim-once';
import { documentClient, tableName } from './document-client';
import { dueIdsInIndex } from './due-index';
import { keys, withoutKeys } from './keys';
import { outboxPut } from './outbox';
import { queryPage } from './query-page';
import { transactWrite } from './transactions';
import { saveVersioned } from './versioned-save';

/** Actions hold staff ids and free text about the service, no customer's personal fields. */
const actionItem = (action: ImprovementAction) => ({
  ...keys.improvementAction(action.id),
  ...keys.improvementActionIndexes(action),
  entityType: 'ImprovementAction',
  ...action,
});

const fromItem = (item: Record<string, unknown>) => withoutKeys<ImprovementAction>(item);

/** Which index and key range a list reads: overdue, an owner's, a department's, or by status. */
const listKey = (query: ActionQuery) => {
  const status = query.status ? `${query.status}#` : '';
  if (query.overdue) {
    return {
      index: 'gsi1',
      pk: 'ACTIONS_OVERDUE',
      prefix: query.department ? `${query.department}#` : '',
    };
  }
  if (query.ownerId) return { index: 'gsi4', pk: `ACTIONS_OF#${query.ownerId}`, prefix: status };
  if (query.department)
    return { index: 'gsi3', pk: `ACTIONS_IN#${query.department}`, prefix: status };
  return { index: 'gsi5', pk: `ACTIONS_STATUS#${query.status ?? 'planned'}`, prefix: '' };
};

export class DynamoImprovementActionRepository implements ImprovementActionRepository {
  constructor(private readonly table: string = tableName()) {}

  async create(action: ImprovementAction, event: DomainEvent): Promise<void> {
    await transactWrite({
      TransactItems: [putNew(this.table, actionItem(action)), outboxPut(this.table, event)],
    });
  }

  async get(id: string): Promise<ImprovementAction | undefined> {
    const { Item } = await documentClient().send(
      new GetCommand({
        TableName: this.table,
        Key: keys.improvementAction(id),
        ConsistentRead: true,
      }),
    );
    return Item ? fromItem(Item) : undefined;
  }

  save(previous: ImprovementAction, next: ImprovementAction, events: DomainEvent[]): Promise<void> {
    return saveVersioned(this.table, actionItem(next), previous.version, events, 'action');
  }

  dueIds(until: string, limit: number): Promise<string[]> {
    return dueIdsInIndex(this.table, 'ACTION_DUE', until, limit);
  }

  list(query: ActionQuery, page: PageRequest): Promise<Page<ImprovementAction>> {
    const { index, pk, prefix } = listKey(query);
    // The overdue list is one partition across departments; a status or owner on it filters.
    const filters = query.overdue
      ? [
          ...(query.status ? [['#status = :status', ':status', query.status]] : []),
          ...(query.ownerId ? [['ownerId = :owner', ':owner', query.ownerId]] : []),
        ]
      : [];
    return queryPage(
      {
        TableName: this.table,
        IndexName: index,
        KeyConditionExpression: prefix
          ? `${index}pk = :pk AND begins_with(${index}sk, :prefix)`
          : `${index}pk = :pk`,
        ExpressionAttributeValues: {
          ':pk': pk,
          ...(prefix ? { ':prefix': prefix } : {}),
          ...Object.fromEntries(filters.map(([, name, value]) => [name, value])),
        },
        ...(filters.length > 0
          ? { FilterExpression: filters.map(([condition]) => condition).join(' AND ') }
          : {}),
        ...(query.overdue && query.status
          ? { ExpressionAttributeNames: { '#status': 'status' } }
          : {}),
      },
      page,
      fromItem,
    );
  }
}
