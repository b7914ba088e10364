import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { documents, sentEmails, stack } from './harness';

/**
 * How many items of each `entityType` the table holds, from a full Scan. Scan is for tests only
 * (no runtime code may use it); it is how a test proves that refused input stored nothing.
 */
export type Census = Record<string, number>;

const scanCount = async (
  tableName: string,
  bucket: (item: Record<string, unknown>) => string,
): Promise<Census> => {
  const census: Census = {};
  let start: Record<string, unknown> | undefined;
  do {
    const page = await documents.send(
      new ScanCommand({
        TableName: tableName,
        ProjectionExpression: '#type',
        ExpressionAttributeNames: { '#type': tableName === stack.tableName ? 'entityType' : 'id' },
        ExclusiveStartKey: start,
      }),
    );
    for (const item of page.Items ?? []) {
      const key = bucket(item);
      census[key] = (census[key] ?? 0) + 1;
    }
    start = page.LastEvaluatedKey;
  } while (start);
  return census;
};

/** Items of the main table by entity type (`(none)` for items without one). */
export const tableCensus = (): Promise<Census> =>
  scanCount(stack.tableName, (item) =>
    typeof item.entityType === 'string' ? item.entityType : '(none)',
  );

/** Records in the idempotency table (Powertools' in-progress and completed requests). */
export const idempotencyRecords = async (): Promise<number> =>
  (await scanCount(stack.idempotencyTableName, () => 'records')).records ?? 0;

/** A census without the given entity types. */
export const except = (census: Census, types: readonly string[]): Census =>
  Object.fromEntries(Object.entries(census).filter(([type]) => !types.includes(type)));

export interface Quiet {
  census: Census;
  emails: number;
}

/**
 * Waits until the background (queue pollers, stream consumers, emails) has finished what earlier
 * requests started: the census and the number of sent emails are the same on consecutive looks
 * `settleMs` apart. Returns that quiet state, or throws after `timeoutMs`.
 */
export const quietState = async (settleMs = 1_500, timeoutMs = 45_000): Promise<Quiet> => {
  const deadline = Date.now() + timeoutMs;
  const look = async (): Promise<Quiet> => ({
    census: await tableCensus(),
    emails: (await sentEmails()).length,
  });
  const fingerprint = (state: Quiet) =>
    JSON.stringify([Object.entries(state.census).sort(), state.emails]);
  let previous = fingerprint(await look());
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, settleMs));
    const state = await look();
    const current = fingerprint(state);
    if (current === previous) return state;
    if (Date.now() > deadline) throw new Error('the local stack did not settle');
    previous = current;
  }
};
