import type { TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { TransactionCancelled, transactWrite } from './transactions';

/** One write of a TransactWriteItems call (a Put, Update, Delete or ConditionCheck). */
export type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/** A put that cancels its transaction when an item of that key exists already. */
export const putNew = (table: string, item: Record<string, unknown>) => ({
  Put: { TableName: table, Item: item, ConditionExpression: 'attribute_not_exists(pk)' },
});

/**
 * Does a piece of work at most once: puts the `claim` marker (only if absent) in one transaction
 * with the work's `writes` (its items, its outbox events). True when they were written; false,
 * writing nothing, when the claim was taken before (the work is done already). Any other failure
 * (a condition of one of the writes, a throttle) throws.
 */
export const claimOnce = async (
  table: string,
  claim: Record<string, unknown>,
  writes: TransactItem[],
): Promise<boolean> => {
  try {
    await transactWrite({ TransactItems: [putNew(table, claim), ...writes] });
    return true;
  } catch (error) {
    if (error instanceof TransactionCancelled && error.failedCondition(0)) return false;
    throw error;
  }
};
