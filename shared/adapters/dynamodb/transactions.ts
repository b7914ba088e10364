import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { TransactWriteCommand, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { documentClient } from './document-client';

export interface CancellationReason {
  code: string | undefined;
  item: Record<string, unknown> | undefined;
}

export class TransactionCancelled extends Error {
  constructor(readonly reasons: CancellationReason[]) {
    super(`transaction cancelled: ${reasons.map((r) => r.code ?? 'None').join(', ')}`);
    this.name = 'TransactionCancelled';
  }

  failedCondition(index: number): CancellationReason | undefined {
    const reason = this.reasons[index];
    return reason?.code === 'ConditionalCheckFailed' ? reason : undefined;
  }
}

const MAX_CONFLICT_ATTEMPTS = 4;
const conflictBackoffMs = (attempt: number) => 20 * 2 ** attempt;

/**
 * Runs a transaction. Conflicts with a concurrent transaction on the same items are retried (the
 * SDK does not), so that two parallel writes end as one success and one clear condition failure.
 * Condition failures are returned as `TransactionCancelled` with the old items where asked for.
 */
export const transactWrite = async (input: TransactWriteCommandInput): Promise<void> => {
  for (let attempt = 0; ; attempt++) {
    try {
      await documentClient().send(new TransactWriteCommand(input));
      return;
    } catch (error) {
      if (!(error instanceof TransactionCanceledException)) throw error;
      const reasons = (error.CancellationReasons ?? []).map((reason) => ({
        code: reason.Code,
        item: reason.Item ? unmarshall(reason.Item) : undefined,
      }));
      const conflicted = reasons.some((reason) => reason.code === 'TransactionConflict');
      const failedCondition = reasons.some((reason) => reason.code === 'ConditionalCheckFailed');
      if (conflicted && !failedCondition && attempt + 1 < MAX_CONFLICT_ATTEMPTS) {
        await new Promise((resolve) => setTimeout(resolve, conflictBackoffMs(attempt)));
        continue;
      }
      throw new TransactionCancelled(reasons);
    }
  }
};
