import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { beforeEach, describe, expect, it, vi } from 'vitest';

/**
 * An in-memory table that understands just what claimOnce sends: a TransactWriteItems of puts,
 * some conditioned on `attribute_not_exists(pk)`, all written or none (DynamoDB's cancellation
 * reasons, one per item, in order).
 */
const table = new Map<string, Record<string, unknown>>();
const keyOf = (item: Record<string, unknown>) => `${String(item.pk)}|${String(item.sk)}`;
let failNext: Error | undefined;
const send = vi.fn(async (command: unknown) => {
  if (!(command instanceof TransactWriteCommand)) throw new Error('unexpected command');
  if (failNext) {
    const error = failNext;
    failNext = undefined;
    throw error;
  }
  const items = command.input.TransactItems ?? [];
  const reasons = items.map(({ Put }) =>
    Put?.ConditionExpression === 'attribute_not_exists(pk)' && table.has(keyOf(Put.Item ?? {}))
      ? { Code: 'ConditionalCheckFailed' }
      : { Code: 'None' },
  );
  if (reasons.some((reason) => reason.Code !== 'None')) {
    throw new TransactionCanceledException({
      message: 'Transaction cancelled',
      $metadata: {},
      CancellationReasons: reasons,
    });
  }
  for (const { Put } of items) if (Put?.Item) table.set(keyOf(Put.Item), Put.Item);
  return {};
});

vi.mock('../../../shared/adapters/dynamodb/document-client', () => ({
  documentClient: () => ({ send }),
  tableName: () => 'kefu',
}));

const { claimOnce, putNew } = await import('../../../shared/adapters/dynamodb/claim-once');
const { TransactionCancelled } = await import('../../../shared/adapters/dynamodb/transactions');

const claim = { pk: 'PLAN#complaint-1', sk: 'PLAN', entityType: 'RevisitPlan' };
const work = (n: number) => [
  putNew('kefu', { pk: `REVISIT#${n}`, sk: 'REVISIT', entityType: 'Revisit' }),
  putNew('kefu', { pk: `OUTBOX#${n}`, sk: 'OUTBOX', entityType: 'OutboxEvent' }),
];

beforeEach(() => {
  table.clear();
  send.mockClear();
  failNext = undefined;
});

describe('claimOnce', () => {
  it('writes the claim and the work together, in one transaction, claim first', async () => {
    await expect(claimOnce('kefu', claim, work(1))).resolves.toBe(true);
    expect(send).toHaveBeenCalledTimes(1);
    const input = (send.mock.calls[0]![0] as TransactWriteCommand).input;
    expect(input.TransactItems?.[0]).toEqual(putNew('kefu', claim));
    expect([...table.keys()].sort()).toEqual([
      'OUTBOX#1|OUTBOX',
      'PLAN#complaint-1|PLAN',
      'REVISIT#1|REVISIT',
    ]);
  });

  it('answers false and writes nothing when the claim was taken before (the work is done)', async () => {
    await claimOnce('kefu', claim, work(1));
    await expect(claimOnce('kefu', claim, work(2))).resolves.toBe(false);
    expect(table.has('REVISIT#2|REVISIT')).toBe(false);
    expect(table.has('OUTBOX#2|OUTBOX')).toBe(false);
  });

  it('throws when another write of the work fails its condition: that is no duplicate', async () => {
    await claimOnce('kefu', claim, work(1));
    const other = { ...claim, pk: 'PLAN#complaint-2' };
    const error = await claimOnce('kefu', other, work(1)).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(TransactionCancelled);
    expect((error as InstanceType<typeof TransactionCancelled>).failedCondition(1)).toBeDefined();
    expect(table.has('PLAN#complaint-2|PLAN')).toBe(false);
  });

  it('lets other failures through (throttling, validation)', async () => {
    failNext = new Error('ProvisionedThroughputExceededException');
    await expect(claimOnce('kefu', claim, work(1))).rejects.toThrow('ProvisionedThroughput');
    expect(table.size).toBe(0);
  });
});
