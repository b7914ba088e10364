import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { documentClient } from './document-client';
import { DUE_SHARDS } from './keys';

const oldestInShard = async (
  table: string,
  partition: string,
  until: string,
  limit: number,
): Promise<{ id: string; due: string }[]> => {
  const found: { id: string; due: string }[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await documentClient().send(
      new QueryCommand({
        TableName: table,
        IndexName: 'gsi2',
        KeyConditionExpression: 'gsi2pk = :pk AND gsi2sk <= :until',
        ExpressionAttributeValues: { ':pk': partition, ':until': `${until}#~` },
        ProjectionExpression: 'id, gsi2sk',
        Limit: limit - found.length,
        ExclusiveStartKey: start,
      }),
    );
    found.push(
      ...(page.Items ?? []).map((item) => ({ id: String(item.id), due: String(item.gsi2sk) })),
    );
    start = page.LastEvaluatedKey;
  } while (start && found.length < limit);
  return found;
};

/**
 * Ids of the items whose due time (gsi2, `<prefix>#<shard>` partitions, sort key
 * `<dueAt>#<id>`) is at or before `until`: the `limit` longest overdue across all shards, so
 * that no shard waits behind another's backlog.
 */
export const dueIdsInIndex = async (
  table: string,
  prefix: 'SLA_DUE' | 'CLOSE_DUE' | 'REVISIT_DUE' | 'SURVEY_DUE' | 'ACTION_DUE' | 'TRAINING_DUE',
  until: string,
  limit: number,
): Promise<string[]> => {
  const shards = await Promise.all(
    Array.from({ length: DUE_SHARDS }, (_, shard) =>
      oldestInShard(table, `${prefix}#${shard}`, until, limit),
    ),
  );
  return shards
    .flat()
    .sort((a, b) => a.due.localeCompare(b.due))
    .slice(0, limit)
    .map((entry) => entry.id);
};
