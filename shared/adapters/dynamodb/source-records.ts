import { QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { COMPLAINT_STATUSES } from '../../domain/complaints/lifecycle';
import type { Complaint } from '../../domain/complaints/complaint';
import { REVISIT_STATUSES, type Revisit } from '../../domain/revisits/revisit';
import type { ServiceRecord } from '../../domain/revisits/service-record';
import { SURVEY_STATUSES, type Survey } from '../../domain/surveys/survey';
import type { SourceRecords } from '../../services/reports/ports';
import { documentClient, tableName } from './document-client';
import { fromItem } from './from-item';
import { keys } from './keys';

async function* everyItem<T>(query: Omit<QueryCommandInput, 'ExclusiveStartKey'>) {
  let start: Record<string, unknown> | undefined;
  do {
    const page = await documentClient().send(
      new QueryCommand({ ...query, ExclusiveStartKey: start }),
    );
    for (const item of page.Items ?? []) yield await fromItem<T>(item, ''); // erased text counts for nothing
    start = page.LastEvaluatedKey;
  } while (start);
}

async function* byStatus<T>(table: string, prefix: string, statuses: readonly string[]) {
  for (const status of statuses) {
    yield* everyItem<T>({
      TableName: table,
      IndexName: 'gsi5',
      KeyConditionExpression: 'gsi5pk = :pk',
      ExpressionAttributeValues: { ':pk': `${prefix}#${status}` },
    });
  }
}

/** Every complaint, survey, revisit (status indexes) and service record (per customer). */
export class DynamoSourceRecords implements SourceRecords {
  constructor(private readonly table: string = tableName()) {}

  complaints(): AsyncIterable<Complaint> {
    return byStatus<Complaint>(this.table, 'COMPLAINTS_STATUS', COMPLAINT_STATUSES);
  }

  surveys(): AsyncIterable<Survey> {
    return byStatus<Survey>(this.table, 'SURVEYS_STATUS', SURVEY_STATUSES);
  }

  revisits(): AsyncIterable<Revisit> {
    return byStatus<Revisit>(this.table, 'REVISITS_STATUS', REVISIT_STATUSES);
  }

  async *services(): AsyncIterable<ServiceRecord> {
    const customers = everyItem<{ id: string }>({
      TableName: this.table,
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :pk',
      ExpressionAttributeValues: { ':pk': 'CUSTOMERS' },
      ProjectionExpression: 'id',
    });
    for await (const customer of customers) {
      yield* everyItem<ServiceRecord>({
        TableName: this.table,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: {
          ':pk': keys.customer(customer.id).pk,
          ':prefix': keys.servicePrefix,
        },
      });
    }
  }
}
