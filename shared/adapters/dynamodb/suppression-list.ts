import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { DomainEvent } from '../../domain/events';
import type { SuppressionList } from '../../services/surveys/ports';
import { blindIndex } from '../privacy/blind-index';
import { documentClient, tableName } from './document-client';
import { keys } from './keys';
import { outboxPut } from './outbox';
import { TransactionCancelled, transactWrite } from './transactions';

/** Addresses compare lower-case; the key holds the address's blind index, never the address. */
const suppressionKey = async (email: string) =>
  keys.suppression(await blindIndex('email', email.trim().toLowerCase()));

/** Kefu's own suppression list (beside SES's account-level one): an item per address. */
export class DynamoSuppressionList implements SuppressionList {
  constructor(private readonly table: string = tableName()) {}

  async isSuppressed(email: string): Promise<boolean> {
    const { Item } = await documentClient().send(
      new GetCommand({ TableName: this.table, Key: await suppressionKey(email) }),
    );
    return Item !== undefined;
  }

  async suppress(
    email: string,
    reason: { feedback: 'bounce' | 'complaint'; at: string },
    event: DomainEvent,
  ): Promise<boolean> {
    try {
      await transactWrite({
        TransactItems: [
          {
            Put: {
              TableName: this.table,
              Item: { ...(await suppressionKey(email)), entityType: 'Suppression', ...reason },
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
          outboxPut(this.table, event),
        ],
      });
      return true;
    } catch (error) {
      if (error instanceof TransactionCancelled && error.failedCondition(0)) return false;
      throw error;
    }
  }
}
