import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { DomainEvent } from '../../domain/events';
import type { SuppressionList } from '../../services/surveys/ports';
import { blindIndex } from '../privacy/blind-index';
import { documentClient, tableName } from './document-client';
import { keys } from './keys';
import { outboxPut } from './outbox';
import { claimOnce } from './claim-once';

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
    return claimOnce(
      this.table,
      { ...(await suppressionKey(email)), entityType: 'Suppression', ...reason },
      [outboxPut(this.table, event)],
    );
  }
}
