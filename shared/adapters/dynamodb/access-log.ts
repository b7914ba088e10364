import { BatchWriteCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { Page, PageRequest } from '../../domain/pagination';
import type { AccessRecord } from '../../domain/customers/access-record';
import type { IncidentSuspect, IncidentWindow } from '../../domain/customers/incident';
import type { AccessTrail } from '../../services/customers/incident';
import { documentClient, tableName } from './document-client';
import { keys, withoutKeys } from './keys';
import { queryPage } from './query-page';
import { expiresAfterRetention } from './retention';

const BATCH = 25;

/**
 * The access log: one record per customer whose personal data a request read or changed. Records
 * are only ever added (no route changes them) and expire after the retention period.
 */
export class DynamoAccessLog implements AccessTrail {
  constructor(private readonly table: string = tableName()) {}

  async record(records: AccessRecord[]): Promise<void> {
    for (let start = 0; start < records.length; start += BATCH) {
      let requests = records.slice(start, start + BATCH).map((record) => ({
        PutRequest: {
          Item: {
            ...keys.accessRecord(record.customerId, record.at, record.requestId, record.action),
            ...keys.accessByActor(record),
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

  /** One month of a suspect's trail (actor: gsi4, client: gsi5), oldest first, every page. */
  async *recordsOf(
    suspect: IncidentSuspect,
    month: string,
    window: IncidentWindow,
  ): AsyncIterable<AccessRecord> {
    const [index, partition] =
      suspect.kind === 'actor'
        ? (['gsi4', `ACCESS_BY_ACTOR#${suspect.subject}#${month}`] as const)
        : (['gsi5', `ACCESS_BY_CLIENT#${suspect.clientId}#${month}`] as const);
    let after: Record<string, unknown> | undefined;
    do {
      const page = await documentClient().send(
        new QueryCommand({
          TableName: this.table,
          IndexName: index,
          KeyConditionExpression: '#pk = :pk AND #sk BETWEEN :from AND :to',
          ExpressionAttributeNames: { '#pk': `${index}pk`, '#sk': `${index}sk` },
          ExpressionAttributeValues: {
            ':pk': partition,
            ':from': window.since,
            // Sort keys continue past the instant (`<at>#<customer>#…`): `~` sorts after them.
            ':to': `${window.until}~`,
          },
          ExclusiveStartKey: after,
        }),
      );
      for (const item of page.Items ?? []) yield withoutKeys<AccessRecord>(item);
      after = page.LastEvaluatedKey;
    } while (after);
  }
}
