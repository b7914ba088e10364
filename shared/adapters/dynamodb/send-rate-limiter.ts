import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { type BucketState, takeToken } from '../../domain/surveys/send-rate';
import type { SendRateLimiter } from '../../services/surveys/ports';
import { documentClient, tableName } from './document-client';
import { keys } from './keys';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A token bucket kept in one item, so every concurrent sender (each Lambda instance) draws from
 * the same SES rate. Taking a token is a read and a conditional write on the item's revision;
 * a sender that loses the race reads again.
 */
export class DynamoSendRateLimiter implements SendRateLimiter {
  constructor(
    private readonly name: string,
    private readonly table: string = tableName(),
    /** At most this much sending in one burst (seconds' worth of the rate). */
    private readonly burstSeconds = 1,
  ) {}

  async acquire(ratePerSecond: number): Promise<void> {
    const burst = Math.max(1, Math.floor(ratePerSecond * this.burstSeconds));
    for (;;) {
      const { Item } = await documentClient().send(
        new GetCommand({
          TableName: this.table,
          Key: keys.rateBucket(this.name),
          ConsistentRead: true,
        }),
      );
      const state = Item as (BucketState & { revision: number }) | undefined;
      const result = takeToken(state, Date.now(), ratePerSecond, burst);
      if (!result.granted) {
        await sleep(result.waitMs);
        continue;
      }
      try {
        await documentClient().send(
          new PutCommand({
            TableName: this.table,
            Item: {
              ...keys.rateBucket(this.name),
              entityType: 'RateBucket',
              ...result.next,
              revision: (state?.revision ?? 0) + 1,
            },
            ConditionExpression: state ? 'revision = :revision' : 'attribute_not_exists(pk)',
            ...(state ? { ExpressionAttributeValues: { ':revision': state.revision } } : {}),
          }),
        );
        return;
      } catch (error) {
        if (!(error instanceof ConditionalCheckFailedException)) throw error;
      }
    }
  }
}
