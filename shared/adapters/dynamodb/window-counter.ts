import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { documentClient } from './document-client';
import { TABLE_DESIGN } from './table-design';

/**
 * Adds one to a fixed-window counter item (created on first use, deleted by TTL after
 * `expiresAt`, epoch seconds) with one atomic ADD, and returns the new count.
 */
export const countInWindow = async (
  table: string,
  key: { pk: string; sk: string },
  entityType: string,
  expiresAt: number,
): Promise<number> => {
  const { Attributes } = await documentClient().send(
    new UpdateCommand({
      TableName: table,
      Key: key,
      UpdateExpression: 'SET entityType = :type, #ttl = :ttl ADD hits :one',
      ExpressionAttributeNames: { '#ttl': TABLE_DESIGN.ttlAttribute },
      ExpressionAttributeValues: { ':type': entityType, ':ttl': expiresAt, ':one': 1 },
      ReturnValues: 'UPDATED_NEW',
    }),
  );
  return Number(Attributes?.hits ?? 0);
};
