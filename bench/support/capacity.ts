/**
 * Write units of transactions, computed by the benchmark: DynamoDB Local's `ConsumedCapacity`
 * for TransactWriteItems counts its Put actions but not its Update, Delete or ConditionCheck
 * actions (a transaction of one Put and four Updates reports 2 units, as if the Updates were
 * free). So for every recorded transaction the units are recomputed by DynamoDB's rules: each
 * action 2 units per KB of its item (prepare and commit), and as much again for each index the
 * item is keyed in (all indexes project all attributes, so any change rewrites the index entry;
 * DynamoDB Local doubles those too). Updated and checked items are sized as they stand after the
 * flow, read back once; a deleted item counts as one KB.
 */
import { BatchGetCommand } from '@aws-sdk/lib-dynamodb';
import { documentClient, tableName } from '../../shared/adapters/dynamodb/document-client';
import { type SdkCall, tagged } from './sdk-calls';
import { itemBytes } from './usage';

type Key = { pk: string; sk: string };
type Action = {
  Put?: { Item: Record<string, unknown> };
  Update?: { Key: Key };
  Delete?: { Key: Key };
  ConditionCheck?: { Key: Key };
};

const keyOf = (key: Key) => `${key.pk}|${key.sk}`;
const units = (bytes: number) => Math.max(1, Math.ceil(bytes / 1024));
const indexesOf = (item: Record<string, unknown>) =>
  Object.keys(item).filter((name) => /^gsi\d+pk$/.test(name)).length;

/** Rewrites `capacity.write` of each successful TransactWriteCommand among `calls`. */
export const recomputeTransactionCapacity = async (calls: SdkCall[]): Promise<void> => {
  const transactions = calls.filter(
    (call) => call.command === 'TransactWriteCommand' && !call.failed,
  );
  const wanted = new Map<string, Key>();
  for (const call of transactions) {
    for (const action of call.input.TransactItems as Action[]) {
      const key = action.Update?.Key ?? action.ConditionCheck?.Key;
      if (key) wanted.set(keyOf(key), { pk: key.pk, sk: key.sk });
    }
  }
  const items = new Map<string, Record<string, unknown>>();
  const keys = [...wanted.values()];
  const table = tableName();
  for (let start = 0; start < keys.length; start += 100) {
    let request: Key[] = keys.slice(start, start + 100);
    while (request.length > 0) {
      const { Responses, UnprocessedKeys } = await tagged('bench', () =>
        documentClient().send(
          new BatchGetCommand({ RequestItems: { [table]: { Keys: request } } }),
        ),
      );
      for (const item of Responses?.[table] ?? []) {
        items.set(keyOf(item as Key), item);
      }
      request = (UnprocessedKeys?.[table]?.Keys ?? []) as Key[];
    }
  }
  for (const call of transactions) {
    let write = 0;
    for (const action of call.input.TransactItems as Action[]) {
      const item = action.Put
        ? action.Put.Item
        : items.get(keyOf((action.Update ?? action.ConditionCheck ?? action.Delete)?.Key as Key));
      if (!item) {
        write += 2;
        continue;
      }
      const indexes = action.ConditionCheck ? 0 : indexesOf(item);
      write += 2 * units(itemBytes(item)) * (1 + indexes);
    }
    call.capacity = { read: call.capacity?.read ?? 0, write };
  }
};
