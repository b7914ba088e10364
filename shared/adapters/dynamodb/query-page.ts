import { QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import type { Page, PageRequest } from '../../domain/pagination';
import { documentClient } from './document-client';
import { fromItem } from './from-item';

/** One page of a Query, newest (highest sort key) first, mapped back to domain objects. */
export const queryPage = async <T>(
  query: Omit<QueryCommandInput, 'Limit' | 'ExclusiveStartKey' | 'ScanIndexForward'>,
  page: PageRequest,
): Promise<Page<T>> => {
  const result = await documentClient().send(
    new QueryCommand({
      ...query,
      ScanIndexForward: false,
      Limit: page.limit,
      ExclusiveStartKey: page.after,
    }),
  );
  return {
    items: await Promise.all((result.Items ?? []).map((item) => fromItem<T>(item))),
    next: result.LastEvaluatedKey,
  };
};
