import { QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { documentClient } from './document-client';
import { fromItem } from './from-item';

/** Every item a Query returns, page after page, up to `limit`, as domain objects. */
export const queryAll = async <T>(
  query: Omit<QueryCommandInput, 'Limit' | 'ExclusiveStartKey'>,
  limit: number,
): Promise<T[]> => {
  const items: T[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await documentClient().send(
      new QueryCommand({ ...query, Limit: limit - items.length, ExclusiveStartKey: start }),
    );
    items.push(...(await Promise.all((page.Items ?? []).map((item) => fromItem<T>(item)))));
    start = page.LastEvaluatedKey;
  } while (start && items.length < limit);
  return items;
};
