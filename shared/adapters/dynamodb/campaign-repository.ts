import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Campaign } from '../../domain/surveys/campaign';
import type { DomainEvent } from '../../domain/events';
import type { CampaignRepository } from '../../services/surveys/ports';
import { documentClient, tableName } from './document-client';
import { keys, withoutKeys } from './keys';
import { outboxPut } from './outbox';
import { claimOnce, putNew } from './claim-once';
import { transactWrite } from './transactions';

export class DynamoCampaignRepository implements CampaignRepository {
  constructor(private readonly table: string = tableName()) {}

  async create(campaign: Campaign, event: DomainEvent, key?: string): Promise<boolean> {
    const writes = [
      putNew(this.table, { ...keys.campaign(campaign.id), entityType: 'Campaign', ...campaign }),
      outboxPut(this.table, event),
    ];
    if (key === undefined) {
      await transactWrite({ TransactItems: writes });
      return true;
    }
    return claimOnce(
      this.table,
      { ...keys.campaignKey(key), entityType: 'CampaignKey', campaignId: campaign.id },
      writes,
    );
  }

  async get(id: string): Promise<Campaign | undefined> {
    const { Item } = await documentClient().send(
      new GetCommand({ TableName: this.table, Key: keys.campaign(id), ConsistentRead: true }),
    );
    return Item ? withoutKeys<Campaign>(Item) : undefined;
  }

  async markEnumerated(id: string, at: string): Promise<void> {
    await documentClient().send(
      new UpdateCommand({
        TableName: this.table,
        Key: keys.campaign(id),
        UpdateExpression: 'SET enumeratedAt = if_not_exists(enumeratedAt, :at)',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeValues: { ':at': at },
      }),
    );
  }
}
