import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { DomainEvent } from '../../domain/events';
import type { Training } from '../../domain/improvements/training';
import type { Page, PageRequest } from '../../domain/pagination';
import type { TrainingQuery, TrainingRepository } from '../../services/improvements/ports';
import { putNew } from './claim-once';
import { documentClient, tableName } from './document-client';
import { dueIdsInIndex } from './due-index';
import { keys, withoutKeys } from './keys';
import { outboxPut } from './outbox';
import { queryPage } from './query-page';
import { transactWrite } from './transactions';
import { saveVersioned } from './versioned-save';

/** Trainings hold staff ids, results and notes about staff, no customer's personal fields. */
const trainingItem = (training: Training) => ({
  ...keys.training(training.id),
  ...keys.trainingIndexes(training),
  entityType: 'Training',
  ...training,
});

const fromItem = (item: Record<string, unknown>) => withoutKeys<Training>(item);

export class DynamoTrainingRepository implements TrainingRepository {
  constructor(private readonly table: string = tableName()) {}

  async create(training: Training, event: DomainEvent): Promise<void> {
    await transactWrite({
      TransactItems: [putNew(this.table, trainingItem(training)), outboxPut(this.table, event)],
    });
  }

  async get(id: string): Promise<Training | undefined> {
    const { Item } = await documentClient().send(
      new GetCommand({ TableName: this.table, Key: keys.training(id), ConsistentRead: true }),
    );
    return Item ? fromItem(Item) : undefined;
  }

  save(previous: Training, next: Training, events: DomainEvent[]): Promise<void> {
    return saveVersioned(this.table, trainingItem(next), previous.version, events, 'training');
  }

  dueIds(until: string, limit: number): Promise<string[]> {
    return dueIdsInIndex(this.table, 'TRAINING_DUE', until, limit);
  }

  list(query: TrainingQuery, page: PageRequest): Promise<Page<Training>> {
    const [index, pk] = query.trainerId
      ? ['gsi4', `TRAININGS_BY#${query.trainerId}`]
      : ['gsi3', `TRAININGS_IN#${query.department ?? ''}`];
    return queryPage(
      {
        TableName: this.table,
        IndexName: index,
        KeyConditionExpression: `${index}pk = :pk`,
        ExpressionAttributeValues: { ':pk': pk },
      },
      page,
      fromItem,
    );
  }
}
