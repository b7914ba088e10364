import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { documentClient } from './document-client';
import { DUE_SHARDS } from './keys';

/**
 * Ids of the items whose due time (gsi2, `<prefix>#<shard>` partitions, sort key
 * `<dueAt>#<id>`) is at or before `until`, across every shard, at most `limit`.
 */
export const dueIdsInIndex = async (
  table: string,
  prefix: 'SLA_DUE' | 'REVISIT_DUE' | 'SURVEY_DUE',
  until: string,
  limit: number,
): Promise<string[]> => {
  const ids: string[] = [];
  for (let shard = 0; shard < DUE_SHARDS && ids.length < limit; shard++) {
    let start: Record<string, unknown> | undefined;
    do {
      const page = await documentClient().send(
        new QueryCommand({
          TableName: table,
          IndexName: 'gsi2',
          KeyConditionExpression: 'gsi2pk = :pk AND gsi2sk <= :until',
          ExpressionAttributeValues: { ':pk': `${prefix}#${shard}`, ':until': `${until}#~` },
          ProjectionExpression: 'id',
          Limit: limit - ids.length,
          ExclusiveStartKey: start,
        }),
      );
      ids.push(...(page.Items ?? []).map((item) => String(item.id)));
      start = page.LastEvaluatedKey;
    } while (start && ids.length < limit);
  }
  return ids;
};
