import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import {
  DeleteCommand,
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { DomainError } from '../../domain/errors';
import type { Page, PageRequest } from '../../domain/pagination';
import type { WebhookDelivery } from '../../domain/webhooks/delivery';
import type { WebhookStatus } from '../../domain/webhooks/subscription';
import type { StoredSubscription, WebhookRepository } from '../../services/webhooks/ports';
import { documentClient, tableName } from './document-client';
import { keys, withoutKeys } from './keys';
import { queryPage } from './query-page';
import { expiresAfterRetention } from './retention';

const stale = (what: string) =>
  new DomainError('stale-version', `The ${what} was changed meanwhile; read it again.`);

/** Runs a conditional write; a failed condition becomes `stale-version`. */
const conditional = async (write: Promise<unknown>, what: string): Promise<void> => {
  try {
    await write;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) throw stale(what);
    throw error;
  }
};

const subscriptionItem = (subscription: StoredSubscription) => ({
  ...keys.webhookSubscription(subscription.id),
  ...keys.webhookList(subscription.id),
  entityType: 'WebhookSubscription',
  ...subscription,
});

const deliveryItem = (delivery: WebhookDelivery) => ({
  ...keys.webhookDelivery(delivery.subscriptionId, delivery.eventId),
  entityType: 'WebhookDelivery',
  ...delivery,
  ...expiresAfterRetention('webhookDeliveries', delivery.updatedAt),
});

/**
 * Subscriptions (`WEBHOOK#<id>` / `SUBSCRIPTION`, listed in gsi1 `WEBHOOKS`) and their deliveries
 * (`WEBHOOK#<id>` / `DELIVERY#<eventId>`, kept 30 days). Neither holds personal data: secrets are
 * sealed by the master key, payloads are catalog details (ids and non-personal facts).
 */
export class DynamoWebhookRepository implements WebhookRepository {
  constructor(private readonly table: string = tableName()) {}

  create(subscription: StoredSubscription): Promise<void> {
    return conditional(
      documentClient().send(
        new PutCommand({
          TableName: this.table,
          Item: subscriptionItem(subscription),
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      ),
      'subscription',
    );
  }

  async get(id: string): Promise<StoredSubscription | undefined> {
    const { Item } = await documentClient().send(
      new GetCommand({
        TableName: this.table,
        Key: keys.webhookSubscription(id),
        ConsistentRead: true,
      }),
    );
    return Item ? withoutKeys<StoredSubscription>(Item) : undefined;
  }

  async list(): Promise<StoredSubscription[]> {
    const subscriptions: StoredSubscription[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const page = await documentClient().send(
        new QueryCommand({
          TableName: this.table,
          IndexName: 'gsi1',
          KeyConditionExpression: 'gsi1pk = :pk',
          ExpressionAttributeValues: { ':pk': keys.webhookList('').gsi1pk },
          ExclusiveStartKey: start,
        }),
      );
      subscriptions.push(
        ...(page.Items ?? []).map((item) => withoutKeys<StoredSubscription>(item)),
      );
      start = page.LastEvaluatedKey;
    } while (start);
    return subscriptions;
  }

  update(next: StoredSubscription): Promise<void> {
    return conditional(
      documentClient().send(
        new PutCommand({
          TableName: this.table,
          Item: subscriptionItem(next),
          ConditionExpression: 'version = :previous',
          ExpressionAttributeValues: { ':previous': next.version - 1 },
        }),
      ),
      'subscription',
    );
  }

  async delete(id: string): Promise<void> {
    await documentClient().send(
      new DeleteCommand({ TableName: this.table, Key: keys.webhookSubscription(id) }),
    );
  }

  async markStatus(
    id: string,
    status: Exclude<WebhookStatus, 'disabled'>,
    at: string,
  ): Promise<void> {
    try {
      await documentClient().send(
        new UpdateCommand({
          TableName: this.table,
          Key: keys.webhookSubscription(id),
          UpdateExpression: 'SET #status = :status, updatedAt = :at, version = version + :one',
          ConditionExpression: 'attribute_exists(pk) AND #status <> :status AND #status <> :off',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: {
            ':status': status,
            ':at': at,
            ':one': 1,
            ':off': 'disabled',
          },
        }),
      );
    } catch (error) {
      // Deleted, disabled or already so: nothing to flag.
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
  }

  async putDeliveryIfAbsent(delivery: WebhookDelivery): Promise<WebhookDelivery> {
    try {
      await documentClient().send(
        new PutCommand({
          TableName: this.table,
          Item: deliveryItem(delivery),
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      return delivery;
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      const stored = await this.getDelivery(delivery.subscriptionId, delivery.eventId);
      if (!stored) throw error;
      return stored;
    }
  }

  async getDelivery(subscriptionId: string, eventId: string): Promise<WebhookDelivery | undefined> {
    const { Item } = await documentClient().send(
      new GetCommand({
        TableName: this.table,
        Key: keys.webhookDelivery(subscriptionId, eventId),
        ConsistentRead: true,
      }),
    );
    return Item ? withoutKeys<WebhookDelivery>(Item) : undefined;
  }

  saveDelivery(next: WebhookDelivery, previousVersion: number): Promise<void> {
    return conditional(
      documentClient().send(
        new PutCommand({
          TableName: this.table,
          Item: deliveryItem(next),
          ConditionExpression: 'version = :previous',
          ExpressionAttributeValues: { ':previous': previousVersion },
        }),
      ),
      'delivery',
    );
  }

  listDeliveries(subscriptionId: string, page: PageRequest): Promise<Page<WebhookDelivery>> {
    return queryPage(
      {
        TableName: this.table,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: {
          ':pk': keys.webhookDelivery(subscriptionId, '').pk,
          ':prefix': keys.webhookDeliveryPrefix,
        },
      },
      page,
      (item) => withoutKeys<WebhookDelivery>(item),
    );
  }
}
