import { BatchGetCommand, GetCommand } from '@aws-sdk/lib-dynamodb';
import type { NoticeVersion, PrivacyNotice } from '../../domain/customers/privacy-notice';
import { DomainError } from '../../domain/errors';
import type { DomainEvent } from '../../domain/events';
import type { Page, PageRequest } from '../../domain/pagination';
import type { PrivacyNoticeRepository } from '../../services/customers/ports';
import { documentClient, tableName } from './document-client';
import { keys, withoutKeys } from './keys';
import { outboxPut } from './outbox';
import { queryPage } from './query-page';
import { TransactionCancelled, transactWrite } from './transactions';

/**
 * The heads of the notices named, in one BatchGetItem (consents name one or two notices; the
 * ids are de-duplicated and at most 100 by DynamoDB's rule, far above the purposes there are).
 */
export const readPrivacyNotices = async (
  ids: readonly string[],
  table: string = tableName(),
): Promise<PrivacyNotice[]> => {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return [];
  let request: Record<string, { Keys: Record<string, unknown>[]; ConsistentRead?: boolean }> = {
    [table]: { Keys: unique.map((id) => keys.privacyNotice(id)), ConsistentRead: true },
  };
  const found: PrivacyNotice[] = [];
  for (let round = 0; round < 5 && Object.keys(request).length > 0; round++) {
    const answer = await documentClient().send(new BatchGetCommand({ RequestItems: request }));
    for (const item of answer.Responses?.[table] ?? []) found.push(withoutKeys(item));
    request = (answer.UnprocessedKeys ?? {}) as typeof request;
  }
  if (Object.keys(request).length > 0) throw new Error('privacy notices could not be read');
  return found;
};

export class DynamoPrivacyNoticeRepository implements PrivacyNoticeRepository {
  constructor(private readonly table: string = tableName()) {}

  async get(id: string): Promise<PrivacyNotice | undefined> {
    const { Item } = await documentClient().send(
      new GetCommand({ TableName: this.table, Key: keys.privacyNotice(id), ConsistentRead: true }),
    );
    return Item ? withoutKeys<PrivacyNotice>(Item) : undefined;
  }

  async getVersion(id: string, version: number): Promise<NoticeVersion | undefined> {
    const { Item } = await documentClient().send(
      new GetCommand({ TableName: this.table, Key: keys.privacyNoticeVersion(id, version) }),
    );
    return Item ? withoutKeys<NoticeVersion>(Item) : undefined;
  }

  list(page: PageRequest): Promise<Page<PrivacyNotice>> {
    return queryPage<PrivacyNotice>(
      {
        TableName: this.table,
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :list',
        ExpressionAttributeValues: { ':list': keys.privacyNoticeList('').gsi1pk },
      },
      page,
      (item) => withoutKeys(item),
    );
  }

  async publish(
    previous: PrivacyNotice | undefined,
    notice: PrivacyNotice,
    version: NoticeVersion,
    event: DomainEvent,
  ): Promise<void> {
    const head = {
      Put: {
        TableName: this.table,
        Item: {
          ...keys.privacyNotice(notice.id),
          ...keys.privacyNoticeList(notice.id),
          entityType: 'PrivacyNotice',
          ...notice,
        },
        ...(previous
          ? {
              ConditionExpression: 'version = :previous',
              ExpressionAttributeValues: { ':previous': previous.version },
            }
          : { ConditionExpression: 'attribute_not_exists(pk)' }),
      },
    };
    await transactWrite({
      TransactItems: [
        head,
        {
          Put: {
            TableName: this.table,
            Item: {
              ...keys.privacyNoticeVersion(version.noticeId, version.version),
              entityType: 'PrivacyNoticeVersion',
              ...version,
            },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
        outboxPut(this.table, event),
      ],
    }).catch((error) => {
      if (
        error instanceof TransactionCancelled &&
        (error.failedCondition(0) || error.failedCondition(1))
      ) {
        throw new DomainError(
          'stale-version',
          `Privacy notice ${notice.id} was published by someone else meanwhile; read it and try again.`,
        );
      }
      throw error;
    });
  }
}
