import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { Page, PageRequest } from '../../domain/pagination';
import type { AccessRecord } from '../../domain/customers/access-record';
import { documentClient, tableName } from './document-client';
import { keys, withoutKeys } from './keys';
import { queryPage } from './query-page';
import { expiresAfterRetention } from './retention';

const BATCH = 25;

/**
 * The access log: one record per customer whose personal data a request read or changed. Records
 * are only ever added (no route changes them) and expire after the retention period.
 */
export class DynamoAccessLog {
  constructor(private readonly table: string = tableName()) {}

  async record(records: AccessRecord[]): Promise<void> {
    for (let start = 0; start < records.length; start += BATCH) {
      let requests = records.slice(start, start + BATCH).map((record) => ({
        PutRequest: {
          Item: {
            ...keys.accessRecord(record.customerId, record.at, record.requestId, record.action),
            entityType: 'AccessRecord',
            ...record,
            ...expiresAfterRetention('audit', record.at),
          },
        },
      }));
      for (let attempt = 0; requests.length > 0; attempt++) {
        if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, 50 * 2 ** attempt));
        const { UnprocessedItems } = await documentClient().send(
          new BatchWriteCommand({ RequestItems: { [this.table]: requests } }),
        );
        requests = (UnprocessedItems?.[this.table] ?? []) as typeof requests;
        if (attempt >= 5 && requests.length > 0) throw new Error('access log write throttled');
      }
    }
  }

  list(customerId: string, page: PageRequest): Promise<Page<AccessRecord>> {
    return queryPage<AccessRecord>(
      {
        TableName: this.table,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': keys.accessRecord(customerId, '', '', '').pk },
      },
      page,
      withoutKeys,
    );
  }
}
