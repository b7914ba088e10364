import { DomainError } from '../../domain/errors';
import type { DomainEvent } from '../../domain/events';
import { outboxPut } from './outbox';
import { TransactionCancelled, transactWrite } from './transactions';

/**
 * Replaces an item if its stored `version` is still `expected`, with its events in the same
 * transaction; another writer's change in between becomes `stale-version` ("The <what> was
 * changed meanwhile").
 */
export const saveVersioned = async (
  table: string,
  item: Record<string, unknown>,
  expected: number,
  events: DomainEvent[],
  what: string,
): Promise<void> => {
  await transactWrite({
    TransactItems: [
      {
        Put: {
          TableName: table,
          Item: item,
          ConditionExpression: 'version = :expected',
          ExpressionAttributeValues: { ':expected': expected },
        },
      },
      ...events.map((event) => outboxPut(table, event)),
    ],
  }).catch((error) => {
    if (error instanceof TransactionCancelled && error.failedCondition(0)) {
      throw new DomainError('stale-version', `The ${what} was changed meanwhile; read it again.`);
    }
    throw error;
  });
};
