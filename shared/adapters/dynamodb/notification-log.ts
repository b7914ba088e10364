import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { NotificationLog } from '../../services/notifications/ports';
import { documentClient, tableName } from './document-client';
import { keys } from './keys';

/** Long enough to outlive every redelivery of an event (SQS keeps messages 14 days at most). */
const RETENTION_SECONDS = 30 * 24 * 3600;

export class DynamoNotificationLog implements NotificationLog {
  constructor(private readonly table: string = tableName()) {}

  async claim(eventId: string, kind: string): Promise<boolean> {
    try {
      await documentClient().send(
        new PutCommand({
          TableName: this.table,
          Item: {
            ...keys.notificationSent(eventId, kind),
            entityType: 'NotificationSent',
            ttl: Math.floor(Date.now() / 1000) + RETENTION_SECONDS,
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  async release(eventId: string, kind: string): Promise<void> {
    await documentClient().send(
      new DeleteCommand({ TableName: this.table, Key: keys.notificationSent(eventId, kind) }),
    );
  }
}
