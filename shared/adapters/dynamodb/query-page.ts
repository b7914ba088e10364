import { QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import type { Page, PageRequest } from '../../domain/pagination';
import { documentClient } from './document-client';

/**
 * One page of a Query, newest (highest sort key) first, mapped back to domain objects by `read`:
 * `fromItem` where items hold personal fields, `withoutKeys` where they hold none (so that code
 * path does not bundle the Encryption SDK).
 */
export const queryPage = async <T>(
  query: Omit<QueryCommandInput, 'Limit' | 'ExclusiveStartKey' | 'ScanIndexForward'>,
  page: PageRequest,
  read: (item: Record<string, unknown>) => T | Promise<T>,
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
    items: await Promise.all((result.Items ?? []).map((item) => read(item))),
    next: result.LastEvaluatedKey,
  };
};
