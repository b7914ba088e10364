import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import type { CustomerTimelineEntry, TimelineKind } from '../../domain/customers/timeline';
import type { Page, PageRequest } from '../../domain/pagination';
import type { CustomerTimeline } from '../../services/customers/ports';
import { sealItem } from '../privacy/personal-fields';
import { documentClient, tableName } from './document-client';
import { fromItem } from './from-item';
import { keys } from './keys';
import { queryPage } from './query-page';
import { expiresAfterRetention } from './retention';

/**
 * Timeline lines in the customer's item collection (`CUSTOMER#<id>`, `TIMELINE#<at>#<key>`), and
 * in their kind's list on gsi3 for `?kind=`. Summaries are sealed under the customer's data key,
 * so erasing the customer leaves nothing of them readable; lines expire with the contact records.
 */
export class DynamoCustomerTimeline implements CustomerTimeline {
  constructor(private readonly table: string = tableName()) {}

  async record(entries: CustomerTimelineEntry[]): Promise<void> {
    await Promise.all(entries.map((entry) => this.put(entry)));
  }

  private async put(entry: CustomerTimelineEntry): Promise<void> {
    const item = await sealItem(
      {
        ...keys.customerTimeline(entry.customerId, entry.at, entry.key),
        ...keys.customerTimelineOfKind(entry.customerId, entry.kind, entry.at, entry.key),
        entityType: 'CustomerTimelineEntry',
        ...entry,
        ...expiresAfterRetention('interactions', entry.at),
      },
      entry.customerId,
    );
    try {
      await documentClient().send(
        new PutCommand({
          TableName: this.table,
          Item: item,
          // A line is written once: a redelivered or older change finds it and leaves it.
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
  }

  list(
    customerId: string,
    kind: TimelineKind | undefined,
    page: PageRequest,
  ): Promise<Page<CustomerTimelineEntry>> {
    const query = kind
      ? {
          IndexName: 'gsi3',
          KeyConditionExpression: 'gsi3pk = :pk',
          ExpressionAttributeValues: {
            ':pk': keys.customerTimelineOfKind(customerId, kind, '', '').gsi3pk,
          },
        }
      : {
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
          ExpressionAttributeValues: {
            ':pk': keys.customer(customerId).pk,
            ':prefix': keys.customerTimelinePrefix,
          },
        };
    return queryPage<CustomerTimelineEntry>({ TableName: this.table, ...query }, page, fromItem);
  }
}
