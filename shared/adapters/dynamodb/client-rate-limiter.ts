import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { documentClient, tableName } from './document-client';
import { TABLE_DESIGN } from './table-design';

const WINDOW_SECONDS = 60;

/**
 * Requests each integrator client may make per minute (`INTEGRATOR_REQUESTS_PER_MINUTE`, default
 * 600). API Gateway's HTTP APIs throttle per route, not per client, so this is Kefu's own.
 */
export const requestsPerMinute = (): number => {
  const configured = Number(process.env.INTEGRATOR_REQUESTS_PER_MINUTE);
  return Number.isInteger(configured) && configured > 0 ? configured : 600;
};

/**
 * A fixed one-minute window per client, counted with one atomic ADD per request. Returns the
 * seconds to wait once the client is over its limit, else 0.
 */
export class DynamoClientRateLimiter {
  constructor(private readonly table: string = tableName()) {}

  async take(clientId: string, now = Date.now()): Promise<number> {
    const seconds = Math.floor(now / 1000);
    const windowStart = seconds - (seconds % WINDOW_SECONDS);
    const { Attributes } = await documentClient().send(
      new UpdateCommand({
        TableName: this.table,
        Key: { pk: `CLIENT_RATE#${clientId}`, sk: `WINDOW#${windowStart}` },
        UpdateExpression: 'SET entityType = :type, #ttl = :ttl ADD requests :one',
        ExpressionAttributeNames: { '#ttl': TABLE_DESIGN.ttlAttribute },
        ExpressionAttributeValues: {
          ':type': 'ClientRateWindow',
          ':ttl': windowStart + 2 * WINDOW_SECONDS,
          ':one': 1,
        },
        ReturnValues: 'UPDATED_NEW',
      }),
    );
    return Number(Attributes?.requests ?? 0) > requestsPerMinute()
      ? windowStart + WINDOW_SECONDS - seconds
      : 0;
  }
}
